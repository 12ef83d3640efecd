// The host's payment journal across a host killed mid-payment: what the next start finds on disk,
// and how it settles it at the server by the tap's own requestId (never a second tap or order).
import { mkdtempSync, rmSync, appendFileSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { HostEvents } from '../../host/events';
import { createPayment, type Payment } from '../../host/payment/payment-handlers';
import { PaymentJournal } from '../../host/payment/payment-journal';
import { SessionManager } from '../../host/session/session-manager';
import { FakeHall, ZHANG } from './fakes';
import { FakePaymentHall } from './payment-fakes';

const CODE = '134567890123456700';
const timings = { scanMs: 2_000, confirmMs: 2_000, pollWaitMs: 0, pollGapMs: 5, retryDelaysMs: [5, 5, 5] };
let dir: string;
let ledger: FakePaymentHall;
let runs: Payment[];

/** One run of the host: its payment area over the same data folder and the same hall server. */
async function hostRun(): Promise<{ payment: Payment; sessions: SessionManager }> {
  const events = new HostEvents();
  const sessions = new SessionManager({ hall: new FakeHall() as never, events, timeoutMs: 60_000 });
  const payment = createPayment({
    sessions,
    hall: ledger,
    events,
    status: { get: () => ({}) as never },
    devices: {} as never,
    timings,
    journal: new PaymentJournal(dir),
    settleRetryMs: 10,
  });
  runs.push(payment);
  await sessions.openFromIdCard(ZHANG);
  return { payment, sessions };
}

beforeEach(() => {
  process.env.KIOSK_LOG = 'silent';
  dir = mkdtempSync(path.join(os.tmpdir(), 'payment-journal-'));
  ledger = new FakePaymentHall();
  runs = [];
});
afterEach(() => {
  for (const p of runs) p.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const tap = (payment: Payment, requestId = crypto.randomUUID()) =>
  payment.handlers.createPaymentOrder({ requestId, items: [{ kind: 'residentPension', year: 2026, gradeId: 'g3' }] });

it('a host killed while the phone asks for the password: the next start settles that order by its tap (reversed, nothing charged)', async () => {
  const first = await hostRun();
  const order = await tap(first.payment);
  ledger.phone = 'askPassword';
  await first.payment.handlers.startPayment({ orderId: order.orderId, method: 'micropay' });
  first.payment.scanned(CODE);
  await new Promise((r) => setTimeout(r, 20));
  first.payment.dispose(); // kill -9: nothing more of this run happens
  expect(new PaymentJournal(dir).inFlight()).toEqual([expect.objectContaining({ orderId: order.orderId })]);

  const second = await hostRun();
  await second.payment.recover();
  const settles = ledger.calls.filter((c) => c.route === 'settle');
  expect(settles).toHaveLength(1);
  expect(ledger.calls.filter((c) => c.route === 'createOrder')).toHaveLength(1); // no second tap
  ledger.confirm(order.orderId); // the phone's password comes too late
  expect(ledger.charged).toBe(0);
  const journal = new PaymentJournal(dir);
  expect(journal.inFlight()).toEqual([]);
  expect(journal.entries().at(-1)).toMatchObject({ step: 'settled', orderId: order.orderId, state: 'reversed' });
});

it('a tap whose answer never came back: settled by its requestId; a tap that made no order is settled as notCreated', async () => {
  const first = await hostRun();
  ledger.loseAnswers = 4; // the order is made, every answer lost through the retries
  const requestId = crypto.randomUUID();
  await expect(tap(first.payment, requestId)).rejects.toMatchObject({ code: 'serverUnreachable' });
  first.payment.dispose();
  // A second tap journalled just before the kill, never sent.
  const lost = crypto.randomUUID();
  new PaymentJournal(dir).append({ step: 'tap', requestId: lost, sessionId: 's', at: new Date().toISOString() });

  const second = await hostRun();
  await second.payment.recover();
  const byTap = new Map(
    new PaymentJournal(dir)
      .entries()
      .filter((e) => e.step === 'settled')
      .map((e) => [e.requestId, e]),
  );
  expect(byTap.get(requestId)).toMatchObject({ state: 'failed' });
  expect(byTap.get(lost)).toMatchObject({ state: 'notCreated', orderId: null });
});

it('what the person was told is on disk before the screen hears it; a paid tap is not settled again', async () => {
  const { payment } = await hostRun();
  const order = await tap(payment);
  await payment.handlers.startPayment({ orderId: order.orderId, method: 'micropay' });
  payment.scanned(CODE);
  for (
    let i = 0;
    i < 200 && (await payment.handlers.getPaymentProgress({ orderId: order.orderId })).stage !== 'paid';
    i++
  )
    await new Promise((r) => setTimeout(r, 5));
  const journal = new PaymentJournal(dir);
  expect(journal.entries().map((e) => e.step)).toEqual(['tap', 'order', 'told']);
  expect(journal.entries().at(-1)).toMatchObject({ stage: 'paid', orderId: order.orderId });
  expect(journal.inFlight()).toEqual([]);
  // No name, ID number or payment code in the file.
  const text = readFileSync(journal.file, 'utf8');
  for (const secret of [CODE, ZHANG.idNumber, ZHANG.name]) expect(text).not.toContain(secret);
  const next = await hostRun();
  await next.payment.recover();
  expect(ledger.calls.filter((c) => c.route === 'settle')).toHaveLength(0);
  expect(ledger.charged).toBe(38_000);
});

it('a line torn by the kill is skipped, the whole lines before it still count', () => {
  const journal = new PaymentJournal(dir);
  journal.append({ step: 'tap', requestId: 'a', sessionId: 's', at: 'x' });
  appendFileSync(journal.file, '{"step":"order","requestId":"a","ord');
  expect(journal.inFlight()).toEqual([{ requestId: 'a', sessionId: 's', orderId: null }]);
});
