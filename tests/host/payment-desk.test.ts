// The host's payment flow over a ledger double that loses requests and answers: a retry is the same
// request (one order, one charge), a card pulled mid-payment cancels at the server, a network that
// stays down ends in "not charged", and the payment code never leaves the host.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type PaymentProgress } from '../../contracts';
import { HostEvents } from '../../host/events';
import { createPayment, type Payment } from '../../host/payment/payment-handlers';
import { SessionManager } from '../../host/session/session-manager';
import { FakeHall, ZHANG } from './fakes';
import { FakePaymentHall } from './payment-fakes';

const CODE = '134567890123456700'; // an 18-digit WeChat-style payment code
const timings = { scanMs: 2_000, confirmMs: 2_000, pollWaitMs: 0, pollGapMs: 5, retryDelaysMs: [5, 5, 5] };

let events: HostEvents;
let sessions: SessionManager;
let ledger: FakePaymentHall;
let payment: Payment;
let seen: PaymentProgress[];
let printed: Uint8Array[];
let wire: string[];

beforeEach(async () => {
  process.env.KIOSK_LOG = 'silent';
  events = new HostEvents();
  seen = [];
  printed = [];
  wire = [];
  events.on((event, payload) => {
    wire.push(JSON.stringify(payload));
    if (event === 'paymentProgress') seen.push(payload as PaymentProgress);
  });
  sessions = new SessionManager({ hall: new FakeHall() as never, events, timeoutMs: 60_000 });
  ledger = new FakePaymentHall();
  payment = createPayment({
    sessions,
    hall: ledger,
    events,
    status: { get: () => ({ hallTimeZone: 'Asia/Shanghai' }) as never },
    devices: {
      printReceipt: async (job) => {
        printed.push(job.escpos);
        return { id: 'r1' } as never;
      },
      printA4: async () => ({ jobId: 'a1' }),
      waitForA4Job: async () => ({}) as never,
    },
    timings,
  });
  // As create-host wires it: a session that ends tells the payment.
  events.on((event, p) => {
    if (event === 'sessionChanged' && (p as { session: unknown }).session === null) payment.sessionEnded();
  });
  await sessions.openFromIdCard(ZHANG);
});

afterEach(() => payment.dispose());

const until = async (stage: PaymentProgress['stage']) => {
  for (let i = 0; i < 400 && seen.at(-1)?.stage !== stage; i++) await new Promise((r) => setTimeout(r, 5));
  expect(seen.at(-1)?.stage).toBe(stage);
  return seen.at(-1)!;
};

async function newOrder() {
  return payment.handlers.createPaymentOrder({
    requestId: crypto.randomUUID(),
    items: [{ kind: 'residentPension', year: 2026, gradeId: 'g3' }],
  });
}

describe('paying by the phone’s payment code', () => {
  it('waits for a payment code, refuses other scans, and is paid once; the code never leaves the host', async () => {
    const order = await newOrder();
    const first = await payment.handlers.startPayment({ orderId: order.orderId, method: 'micropay' });
    expect(first.stage).toBe('scanCode');
    expect(first.expiresInMs).toBeGreaterThan(0);
    expect(payment.scanned('https://example.org/not-a-payment-code')).toBe(true);
    expect(seen.at(-1)).toMatchObject({ stage: 'scanCode', reason: 'codeInvalid' });
    expect(ledger.calls.filter((c) => c.route === 'start')).toHaveLength(0);

    ledger.phone = 'askPassword';
    payment.scanned(CODE);
    await until('confirming');
    ledger.confirm(order.orderId);
    const paid = await until('paid');
    expect(paid).toMatchObject({ amount: 38_000, orderNo: order.orderNo, reason: null });
    expect(ledger.charged).toBe(38_000);
    // Not in any event the renderer could see.
    expect(wire.join('\n')).not.toContain(CODE);
    // A scan after the payment is no longer the payment's.
    expect(payment.scanned(CODE)).toBe(false);

    await payment.handlers.printPaymentReceipt({ orderId: order.orderId });
    const bytes = Buffer.from(printed[0]!).toString('latin1');
    expect(bytes).toContain(order.orderNo);
    expect(bytes).toContain('380.00');
    expect(bytes).toContain('\x1dV'); // ESC/POS cut
  });

  it('sends the same request again when answers are lost: one order, one charge', async () => {
    const requestId = crypto.randomUUID();
    const items = [{ kind: 'residentPension' as const, year: 2026, gradeId: 'g3' }];
    ledger.loseAnswers = 2; // the server made the order, twice the answer did not come back
    const order = await payment.handlers.createPaymentOrder({ requestId, items });
    const creates = ledger.calls.filter((c) => c.route === 'createOrder');
    expect(creates).toHaveLength(3);
    expect(new Set(creates.map((c) => c.requestId))).toEqual(new Set([requestId]));

    await payment.handlers.startPayment({ orderId: order.orderId, method: 'micropay' });
    ledger.loseAnswers = 2; // charged at the first send; the answers are lost
    payment.scanned(CODE);
    await until('paid');
    const starts = ledger.calls.filter((c) => c.route === 'start');
    expect(starts).toHaveLength(3);
    expect(starts.every((c) => c.orderId === order.orderId && c.authCode === CODE)).toBe(true);
    expect(ledger.charged).toBe(38_000);
  });

  it('a network that stays down ends in "not charged", said as such', async () => {
    const order = await newOrder();
    await payment.handlers.startPayment({ orderId: order.orderId, method: 'micropay' });
    ledger.loseRequests = 100;
    payment.scanned(CODE);
    const end = await until('failed');
    expect(end.reason).toBe('networkLost');
    expect(ledger.charged).toBe(0);
    // Every send was the same request, then the cancel was tried too.
    const sends = ledger.calls.filter((c) => c.route === 'start');
    expect(sends).toHaveLength(timings.retryDelaysMs.length + 1);
    expect(ledger.calls.some((c) => c.route === 'cancel')).toBe(true);
  });

  it('a card pulled while the phone asks for the password cancels the order at the server', async () => {
    const order = await newOrder();
    await payment.handlers.startPayment({ orderId: order.orderId, method: 'micropay' });
    ledger.phone = 'askPassword';
    payment.scanned(CODE);
    await until('confirming');
    sessions.cardRemoved();
    const end = await until('failed');
    expect(end.reason).toBe('sessionEnded');
    expect(ledger.calls.filter((c) => c.route === 'cancel')).toEqual([{ route: 'cancel', orderId: order.orderId }]);
    // The person confirming now changes nothing: the order was reversed.
    ledger.confirm(order.orderId);
    expect(ledger.charged).toBe(0);
    expect(payment.scanned(CODE)).toBe(false);
  });

  it('a decline is an outcome with its reason, and nothing is charged', async () => {
    const order = await newOrder();
    await payment.handlers.startPayment({ orderId: order.orderId, method: 'micropay' });
    ledger.phone = 'decline';
    payment.scanned(CODE);
    expect((await until('failed')).reason).toBe('declined');
    expect(ledger.charged).toBe(0);
    await expect(payment.handlers.printPaymentReceipt({ orderId: order.orderId })).rejects.toMatchObject({
      code: 'conflict',
    });
  });

  it('nobody shows a code in time: the order is cancelled at the server (timed out)', async () => {
    const order = await newOrder();
    const short = createPayment({
      sessions,
      hall: ledger,
      events,
      status: { get: () => ({}) as never },
      devices: {} as never,
      timings: { ...timings, scanMs: 30 },
    });
    await short.handlers.startPayment({ orderId: order.orderId, method: 'micropay' });
    expect((await until('failed')).reason).toBe('timedOut');
    expect(ledger.calls.some((c) => c.route === 'cancel')).toBe(true);
    expect(short.scanned(CODE)).toBe(false);
    short.dispose();
  });
});

describe('paying by scanning the kiosk’s QR', () => {
  it('shows the server’s code URL and is paid when the phone pays it', async () => {
    const order = await newOrder();
    const shown = await payment.handlers.startPayment({ orderId: order.orderId, method: 'native' });
    expect(shown.stage).toBe('showQr');
    expect(shown.qrUrl).toContain(order.orderNo);
    expect(payment.scanned(CODE)).toBe(false); // the scanner is not armed for a QR payment
    ledger.confirm(order.orderId);
    expect(await until('paid')).toMatchObject({ qrUrl: null, amount: 38_000 });
    expect(ledger.charged).toBe(38_000);
  });

  it('a cancel really cancels at the server', async () => {
    const order = await newOrder();
    await payment.handlers.startPayment({ orderId: order.orderId, method: 'native' });
    const cancelled = await payment.handlers.cancelPayment({ orderId: order.orderId });
    expect(cancelled.stage).toBe('cancelled');
    ledger.confirm(order.orderId); // too late: the order is closed
    expect(ledger.charged).toBe(0);
    // Asking again does not start a second payment of another order meanwhile.
    const again = await payment.handlers.getPaymentProgress({ orderId: order.orderId });
    expect(again.stage).toBe('cancelled');
  });

  it('a QR the channel refused waits on the same order: the payment code then pays it once; nothing charged before', async () => {
    const order = await newOrder();
    ledger.refuseQr = 1;
    const refused = await payment.handlers.startPayment({ orderId: order.orderId, method: 'native' });
    expect(refused).toMatchObject({ stage: 'qrRefused', qrUrl: null, reason: null });
    expect(refused.expiresInMs).toBeGreaterThan(0);
    expect(ledger.charged).toBe(0);
    const scan = await payment.handlers.startPayment({ orderId: order.orderId, method: 'micropay' });
    expect(scan.stage).toBe('scanCode');
    expect(payment.scanned(CODE)).toBe(true);
    await until('paid');
    expect(ledger.charged).toBe(order.amount);
    expect(ledger.calls.filter((c) => c.route === 'createOrder')).toHaveLength(1);
  });

  it('after a refused QR: another QR shows on the same order; a card pulled cancels the order at the server', async () => {
    const order = await newOrder();
    ledger.refuseQr = 1;
    await payment.handlers.startPayment({ orderId: order.orderId, method: 'native' });
    expect((await payment.handlers.startPayment({ orderId: order.orderId, method: 'native' })).stage).toBe('showQr');
    await payment.handlers.cancelPayment({ orderId: order.orderId });

    const second = await newOrder();
    ledger.refuseQr = 1;
    await payment.handlers.startPayment({ orderId: second.orderId, method: 'native' });
    sessions.cardRemoved();
    expect((await until('failed')).reason).toBe('sessionEnded');
    expect(ledger.calls.filter((c) => c.route === 'cancel' && c.orderId === second.orderId)).not.toHaveLength(0);
    expect(ledger.charged).toBe(0);
  });
});
