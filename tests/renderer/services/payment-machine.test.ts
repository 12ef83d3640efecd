// The payment screen's steps: what is asked of the server for each choice, the ID keypad's rules,
// that a new attempt is a new tap (requestId), and that "back" never leaves a payment in flight.
import { describe, expect, it } from 'vitest';
import type { PaymentOptions, PaymentOrder, PaymentProgress } from '../../../contracts';
import {
  initialPaymentState,
  itemsOf,
  paymentReducer,
  secondsLeft,
  type PaymentAction,
  type PaymentState,
} from '../../../renderer/src/services/payment/machine';

const options: PaymentOptions = {
  region: { code: '330106', name: '杭州市西湖区' },
  residentPension: {
    year: 2026,
    grades: [
      { gradeId: 'g1', amount: 20_000, subsidy: 3_000 },
      { gradeId: 'g3', amount: 50_000, subsidy: 6_000 },
    ],
    deadline: '2026-12-31',
    lastGradeId: 'g3',
  },
  residentMedical: {
    year: 2026,
    amountPerPerson: 40_000,
    deadline: '2026-12-31',
    selfPayable: true,
    maxFamilyMembers: 4,
  },
  arrears: [
    {
      arrearsId: 'a1',
      insuranceType: 'residentPension',
      year: 2025,
      from: '202501',
      to: '202512',
      months: 12,
      amount: 30_000,
      payableUntil: '2026-12-31',
    },
  ],
  maxOrderAmount: 1_000_000,
  methods: ['micropay', 'native'],
};

const run = (state: PaymentState, ...actions: PaymentAction[]) => actions.reduce(paymentReducer, state);
const loaded = run(initialPaymentState, { type: 'pinPassed' }, { type: 'options', options });
const order = { orderId: '00000000-0000-4000-8000-000000000001', orderNo: 'K1', amount: 50_000 } as PaymentOrder;
const progress = (over: Partial<PaymentProgress>): PaymentProgress => ({
  orderId: order.orderId,
  method: 'micropay',
  stage: 'scanCode',
  qrUrl: null,
  expiresInMs: 90_000,
  reason: null,
  amount: 50_000,
  paidAt: null,
  orderNo: 'K1',
  ...over,
});

describe('payment steps', () => {
  it('asks the server for the chosen grade, the chosen people, or the chosen arrears; never an amount', () => {
    expect(loaded.step).toBe('menu');
    const pension = run(loaded, { type: 'choose', kind: 'residentPension' });
    expect(itemsOf(pension)).toEqual([{ kind: 'residentPension', year: 2026, gradeId: 'g3' }]); // last year's grade first
    const medical = run(
      loaded,
      { type: 'choose', kind: 'residentMedical' },
      { type: 'addFamily' },
      {
        type: 'familyChecked',
        idNumber: '11010519491231002X',
        check: { maskedIdNumber: '1101**********002X', maskedName: '陈*', payable: true, reason: null, amount: 40_000 },
      },
    );
    expect(itemsOf(medical)).toEqual([
      { kind: 'residentMedical', year: 2026 },
      { kind: 'residentMedical', year: 2026, idNumber: '11010519491231002X' },
    ]);
    const arrears = run(loaded, { type: 'choose', kind: 'arrears' }, { type: 'toggleArrears', arrearsId: 'a1' });
    expect(itemsOf(arrears)).toEqual([]);
    expect(run(arrears, { type: 'confirm', requestId: 'r' }).step).toBe('arrears'); // nothing to pay: stays
  });

  it('the ID keypad takes 18 characters, X only as the last', () => {
    let s = run(loaded, { type: 'choose', kind: 'residentMedical' }, { type: 'addFamily' }, { type: 'key', key: 'X' });
    expect(s.typed).toBe('');
    for (const k of '11010519491231002') s = paymentReducer(s, { type: 'key', key: k });
    s = run(s, { type: 'key', key: 'X' }, { type: 'key', key: '1' });
    expect(s.typed).toBe('11010519491231002X');
  });

  it('a retry after a failure is a new order (new requestId); back is refused while paying', () => {
    const paying = run(
      loaded,
      { type: 'choose', kind: 'residentPension' },
      { type: 'confirm', requestId: 'tap-1' },
      { type: 'created', order },
      { type: 'paying' },
      { type: 'progress', progress: progress({}), at: 1_000 },
    );
    expect(secondsLeft(paying, 11_000)).toBe(80);
    expect(run(paying, { type: 'back' }).step).toBe('paying');
    expect(run(paying, { type: 'again', requestId: 'tap-2' }).step).toBe('paying'); // not before an outcome
    const failed = run(paying, {
      type: 'progress',
      progress: progress({ stage: 'failed', reason: 'declined', expiresInMs: null }),
      at: 2_000,
    });
    const again = run(failed, { type: 'again', requestId: 'tap-2' });
    expect(again).toMatchObject({ step: 'creating', requestId: 'tap-2', order: null });
    // A progress of another order changes nothing.
    const stray = run(paying, { type: 'progress', progress: { ...progress({ stage: 'paid' }), orderId: 'x' }, at: 3 });
    expect(stray.progress?.stage).toBe('scanCode');
  });
});
