// The kiosk host of the payment chaos test (tests/server/payment-chaos.test.ts), run as its own
// process so the test can SIGKILL it mid-payment. Each lane is one terminal with its own data folder
// and the host's own payment code path: HallClient → hallPayment → createPayment (PaymentDesk, the
// fsync'd PaymentJournal). The person and their phone are played here: a card session, a payment code
// scanned or the shown QR paid/declined/cancelled through the simulator's `<codeUrl>/confirm`.
// At start, each lane's `recover()` settles whatever the killed run left in flight (same requestId);
// a payment whose tap the journal already holds is never tapped again. Prints `ready`, then `done`.
// Plan: CHAOS_PLAN (JSON file, see ChaosPlan); hall server: CHAOS_HALL_URL; data: CHAOS_HOST_DIR.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  KioskError,
  type OrderItemRequest,
  type PaymentProgress,
  hallRoutes,
  simulatorPaymentCode,
} from '../../../contracts';
import { HostEvents } from '../../../host/events';
import { HallClient } from '../../../host/hall-client/hall-client';
import { createPayment } from '../../../host/payment/payment-handlers';
import { sendAgainWhileUnreachable } from '../../../host/payment/payment-desk';
import { hallPayment } from '../../../host/payment/payment-hall';
import { PaymentJournal } from '../../../host/payment/payment-journal';

export type ChaosWay =
  'code:success' | 'code:password' | 'code:declined' | 'code:noAnswer' | 'qr:pay' | 'qr:decline' | 'qr:cancel';

export interface ChaosPayment {
  i: number;
  requestId: string;
  way: ChaosWay;
  /** Whose card opens the session (the payer). */
  payer: { idNumber: string; name: string };
  item: OrderItemRequest;
}

export interface ChaosPlan {
  lanes: { terminalId: string; secret: string; payments: ChaosPayment[] }[];
}

const OUTCOMES = ['paid', 'failed', 'cancelled'];
const RETRY_MS = [300, 500, 1_000, 2_000, 3_000, 4_000, 5_000];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// The hall's clock is the seed's day (the server child runs CHAOS_CLOCK_OFFSET_MS behind real time): the
// desk's countdowns are read against the server's `expiresAt`, so this kiosk's clock is set the same.
const offset = Number(process.env.CHAOS_CLOCK_OFFSET_MS ?? 0);
const realNow = Date.now.bind(Date);
Date.now = () => realNow() - offset;

const plan = JSON.parse(readFileSync(process.env.CHAOS_PLAN!, 'utf8')) as ChaosPlan;

async function runLane(lane: ChaosPlan['lanes'][number]): Promise<void> {
  const client = new HallClient({
    baseUrl: process.env.CHAOS_HALL_URL!,
    terminalId: lane.terminalId,
    terminalSecret: lane.secret,
    timeoutMs: 10_000,
  });
  const events = new HostEvents();
  let sessionId: string | null = null;
  const journal = new PaymentJournal(path.join(process.env.CHAOS_HOST_DIR!, lane.terminalId));
  const payment = createPayment({
    sessions: {
      withSession: (run) => run(sessionId!),
      requireSessionId: () => sessionId!,
      touch: () => null,
    },
    hall: hallPayment(client),
    devices: {
      printReceipt: () => Promise.reject(new Error('no printer here')),
      printA4: () => Promise.reject(new Error('no printer here')),
      waitForA4Job: () => Promise.reject(new Error('no printer here')),
    },
    events,
    status: { get: () => ({}) as never },
    timings: { retryDelaysMs: RETRY_MS, pollWaitMs: 1_500, confirmMs: 20_000, scanMs: 20_000 },
    journal,
    settleRetryMs: 1_000,
  });
  // What the earlier run left in flight is settled first (the same requestIds).
  const recovered = payment.recover();
  const tapped = new Set(journal.entries().map((e) => e.requestId));
  for (const p of lane.payments) {
    if (tapped.has(p.requestId)) continue;
    sessionId = await openSession(client, p.payer);
    await payOnce(payment, events, p);
    // Card out: the host ends the session (an open attempt is cancelled) and closes it at the server.
    payment.sessionEnded();
    await client.closeSession(sessionId).catch(() => {});
    sessionId = null;
  }
  await recovered;
  await payment.recover();
  payment.dispose();
}

async function openSession(client: HallClient, payer: ChaosPayment['payer']): Promise<string> {
  for (let i = 0; ; i++) {
    try {
      const open = await sendAgainWhileUnreachable(
        () => client.openSession({ identifiedBy: 'ssCard', idNumber: payer.idNumber, name: payer.name }),
        RETRY_MS,
      );
      await sendAgainWhileUnreachable(
        () =>
          client.call(hallRoutes.secondFactor, {
            params: { sessionId: open.sessionId },
            body: { method: 'ssCardPin' },
          }),
        RETRY_MS,
      );
      return open.sessionId;
    } catch (error) {
      if (i > 20) throw error;
      await sleep(500);
    }
  }
}

/** One payment as the person makes it: tap, pay one way, wait for the screen's outcome. */
async function payOnce(payment: ReturnType<typeof createPayment>, events: HostEvents, p: ChaosPayment): Promise<void> {
  const { handlers } = payment;
  let order;
  try {
    order = await handlers.createPaymentOrder({ requestId: p.requestId, items: [p.item] });
  } catch (error) {
    // Refused or unreachable: the journal says so (settled or left for recover).
    process.stdout.write(`payment ${p.i} not created (${error instanceof KioskError ? error.code : 'internal'})\n`);
    return;
  }
  const outcome = new Promise<PaymentProgress>((resolve) => {
    const off = events.on((event, payload) => {
      if (event !== 'paymentProgress') return;
      const progress = payload as PaymentProgress;
      if (progress.orderId !== order.orderId) return;
      if (progress.stage === 'scanCode' && !progress.reason) {
        const kind = p.way.slice(5) as 'success' | 'password' | 'declined' | 'noAnswer';
        // The phone's code under the scanner (a little later, as a person would).
        setTimeout(() => payment.scanned(simulatorPaymentCode(kind, 5000 + p.i)), 50);
      }
      if (progress.stage === 'showQr' && progress.qrUrl) void phone(progress.qrUrl, p, order.orderId, handlers);
      if (OUTCOMES.includes(progress.stage)) {
        off();
        resolve(progress);
      }
    });
  });
  let first;
  try {
    first = await handlers.startPayment({
      orderId: order.orderId,
      method: p.way.startsWith('code:') ? 'micropay' : 'native',
    });
  } catch (error) {
    // The session's end settles the order (recover); the person saw an error screen.
    process.stdout.write(`payment ${p.i} not started (${error instanceof KioskError ? error.code : 'internal'})\n`);
    return;
  }
  const told = OUTCOMES.includes(first.stage) ? first : await outcome;
  process.stdout.write(`payment ${p.i} ${p.way}: ${told.stage}${told.reason ? ` (${told.reason})` : ''}\n`);
}

/** The person's phone scans the kiosk's QR and pays, declines or cancels; after a no, the person taps 取消. */
async function phone(
  qrUrl: string,
  p: ChaosPayment,
  orderId: string,
  handlers: ReturnType<typeof createPayment>['handlers'],
): Promise<void> {
  const action = p.way.slice(3) as 'pay' | 'decline' | 'cancel';
  await sleep(100);
  await fetch(`${qrUrl}/confirm`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ action }),
  }).catch(() => {});
  if (action !== 'pay') await handlers.cancelPayment({ orderId }).catch(() => {});
}

process.stdout.write('ready\n');
// The desk's waits are unref'd (a real host is kept alive by its devices and its window): hold the loop here.
const alive = setInterval(() => {}, 1_000);
await Promise.all(plan.lanes.map(runLane));
clearInterval(alive);
process.stdout.write('done\n');
