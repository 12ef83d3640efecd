// The 缴费 screen when the payment channel refuses to make the kiosk's QR code (jsdom): one plain
// sentence that nothing was charged, the other way (the phone's payment code) and another QR on the
// SAME order (no new order, no new tap key), a countdown, a cancel that cancels, and 12333.
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  HOTLINE,
  type KioskApi,
  type PaymentOptions,
  type PaymentOrder,
  type PaymentProgress,
  type TerminalStatus,
} from '../../../contracts';
import { paymentService } from '../../../renderer/src/services/payment/PaymentService';
import { advance, createFakeKiosk, okStatus } from '../fixtures';

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2025-06-15T02:00:00Z'));
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const options: PaymentOptions = {
  region: { code: '440111', name: '广州市白云区' },
  residentPension: {
    year: 2025,
    grades: [{ gradeId: 'g2', amount: 30_000, subsidy: 4_000 }],
    deadline: '2025-12-31',
    lastGradeId: 'g2',
  },
  residentMedical: null,
  arrears: [],
  maxOrderAmount: 2_000_000,
  methods: ['micropay', 'native'],
};

const order: PaymentOrder = {
  orderId: '00000000-0000-4000-8000-0000000000a1',
  orderNo: 'HR2025061510000012345678',
  state: 'created',
  method: null,
  amount: 30_000,
  items: [
    {
      kind: 'residentPension',
      insuranceType: 'residentPension',
      year: 2025,
      from: '202501',
      to: '202512',
      gradeId: 'g2',
      beneficiary: { maskedName: '陈*雨', maskedIdNumber: '4401**********0024' },
      amount: 30_000,
      subsidy: 4_000,
    },
  ],
  createdAt: '2025-06-15T02:00:00.000Z',
  expiresAt: '2025-06-15T02:05:00.000Z',
  codeUrl: null,
  awaitingUserConfirmation: false,
  failure: null,
  receipt: null,
  postedAt: null,
  certificateAvailable: false,
  alreadyCreated: false,
};

const progress = (over: Partial<PaymentProgress>): PaymentProgress => ({
  orderId: order.orderId,
  method: 'native',
  stage: 'qrRefused',
  qrUrl: null,
  expiresInMs: 90_000,
  reason: null,
  amount: order.amount,
  paidAt: null,
  orderNo: order.orderNo,
  ...over,
});

const scannerOk: TerminalStatus = { ...okStatus, devices: [...okStatus.devices, { device: 'qrScanner', state: 'ok' }] };

/** The payment service up to the refused QR, over a fake host whose first QR start is refused. */
async function refusedQr(terminal: TerminalStatus = scannerOk) {
  const fake = createFakeKiosk();
  const said: string[] = [];
  const payment = {
    getSecondFactor: vi.fn(async () => ({ verified: true, route: 'ssCardPin', face: true, faceChecksLeft: 3 })),
    getPaymentOptions: vi.fn(async () => options),
    createPaymentOrder: vi.fn(async () => order),
    startPayment: vi.fn<KioskApi['startPayment']>(async () => progress({})),
    cancelPayment: vi.fn<KioskApi['cancelPayment']>(async () => progress({ stage: 'cancelled', expiresInMs: null })),
  };
  Object.assign(fake.kiosk, payment);
  const Service = paymentService.Component;
  const props = {
    kiosk: fake.kiosk,
    session: null,
    summary: null,
    terminal,
    close: vi.fn(),
    say: (text: string) => void said.push(text),
    keepAlive: vi.fn(),
  };
  const view = render(<Service {...props} now={Date.now()} />);
  await advance();
  fireEvent.click(screen.getByTestId('payment-kind-residentPension'));
  fireEvent.click(screen.getByTestId('payment-next'));
  await advance();
  fireEvent.click(screen.getByTestId('payment-method-native'));
  await advance();
  const tick = async (ms: number) => {
    await advance(ms);
    view.rerender(<Service {...props} now={Date.now()} />);
  };
  return { fake, payment, said, tick };
}

describe('the QR code the channel would not make', () => {
  it('says so in one plain sentence, nothing charged, with the two ways on, a countdown, cancel and 12333', async () => {
    const { payment, said, tick } = await refusedQr();
    expect(payment.startPayment).toHaveBeenCalledWith({ orderId: order.orderId, method: 'native' });
    const screenNow = screen.getByTestId('payment-qr-refused');
    expect(screen.getByRole('heading').textContent).toBe('付款二维码没有生成');
    expect(screen.getByTestId('payment-reason').textContent).toBe('支付通道暂时生成不了付款二维码，没有扣款。');
    expect(screenNow.textContent).toContain('应付 300.00 元');
    expect(screenNow.textContent).toContain(HOTLINE);
    expect(screen.getByTestId('payment-method-micropay').textContent).toContain('出示付款码');
    expect((screen.getByTestId('payment-method-micropay') as HTMLButtonElement).disabled).toBe(false);
    expect(screen.getByTestId('payment-qr-retry').textContent).toBe('重新生成二维码');
    expect(screen.getByTestId('payment-cancel').textContent).toBe('取消付款');
    expect(screen.getByTestId('payment-countdown').textContent).toBe('还剩 90 秒');
    await tick(10_000);
    expect(screen.getByTestId('payment-countdown').textContent).toBe('还剩 80 秒');
    expect(said.at(-1)).toBe(
      '支付通道暂时生成不了付款二维码，没有扣款。您可以出示手机上的付款码，或者重新生成二维码。',
    );
  });

  it('another QR is the same order: one start per tap, no new order, and the QR shows', async () => {
    const { payment } = await refusedQr();
    payment.startPayment.mockResolvedValueOnce(
      progress({ stage: 'showQr', qrUrl: 'http://127.0.0.1:9/qr/0123456789abcdef01234567' }),
    );
    const retry = screen.getByTestId('payment-qr-retry');
    fireEvent.click(retry);
    fireEvent.click(retry); // a double tap: the screen has moved on, the second is nobody's
    await advance();
    expect(payment.startPayment).toHaveBeenCalledTimes(2);
    expect(payment.startPayment).toHaveBeenLastCalledWith({ orderId: order.orderId, method: 'native' });
    expect(payment.createPaymentOrder).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId('payment-qr')).toBeTruthy();
    expect(screen.getByTestId('payment-qr-code').getAttribute('data-qr-text')).toBe(
      'http://127.0.0.1:9/qr/0123456789abcdef01234567',
    );
  });

  it('the other way pays the same order by the phone’s payment code at the scanner', async () => {
    const { payment } = await refusedQr();
    payment.startPayment.mockResolvedValueOnce(progress({ method: 'micropay', stage: 'scanCode' }));
    fireEvent.click(screen.getByTestId('payment-method-micropay'));
    await advance();
    expect(payment.startPayment).toHaveBeenLastCalledWith({ orderId: order.orderId, method: 'micropay' });
    expect(payment.createPaymentOrder).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId('payment-scan').textContent).toContain('请出示手机上的付款码');
  });

  it('cancel cancels the order at the host; a scanner that is down leaves another QR as the way on', async () => {
    const { payment } = await refusedQr();
    fireEvent.click(screen.getByTestId('payment-cancel'));
    await advance();
    expect(payment.cancelPayment).toHaveBeenCalledWith({ orderId: order.orderId });
    expect(screen.getByTestId('payment-cancelled').textContent).toContain('没有扣款');
    cleanup();

    await refusedQr(okStatus); // no QR scanner on this terminal
    expect((screen.getByTestId('payment-method-micropay') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId('payment-qr-refused').textContent).toContain('扫描口暂时不能用，请用手机扫码支付');
    expect((screen.getByTestId('payment-qr-retry') as HTMLButtonElement).disabled).toBe(false);
  });
});
