/**
 * The payment service's KioskApi handlers (spread into host/kiosk-handlers.ts): options, family
 * members and orders pass through from the hall server; paying runs on the PaymentDesk; a paid order
 * prints its thermal receipt and, on request, the server's signed A4 certificate.
 */
import { DEFAULT_HALL_TIME_ZONE, KioskError, type KioskHandlers } from '../../contracts';
import { buildReceiptJob } from '../../devices/receipt-printer/job';
import { paymentReceipt } from '../../documents/receipts/payment';
import { DeviceJobError, type DeviceManager } from '../device-manager/device-manager';
import type { HostEvents } from '../events';
import { log } from '../log';
import type { SessionManager } from '../session/session-manager';
import type { TerminalStatusStore } from '../terminal-status';
import { defaultPaymentTimings, PaymentDesk, sendAgainWhileUnreachable, type PaymentTimings } from './payment-desk';
import type { PaymentHall } from './payment-hall';
import type { PaymentJournal } from './payment-journal';
import { remember } from '../bounded-map';

/** How long the certificate may take on the A4 printer. */
const A4_JOB_TIMEOUT_MS = 120_000;

export type PaymentHandlers = Pick<
  KioskHandlers,
  | 'getPaymentOptions'
  | 'checkPaymentFamilyMember'
  | 'createPaymentOrder'
  | 'startPayment'
  | 'cancelPayment'
  | 'getPaymentProgress'
  | 'printPaymentReceipt'
  | 'printPaymentCertificate'
>;

export interface PaymentDeps {
  sessions: Pick<SessionManager, 'withSession' | 'requireSessionId' | 'touch'>;
  hall: PaymentHall;
  devices: Pick<DeviceManager, 'printReceipt' | 'printA4' | 'waitForA4Job'>;
  events: HostEvents;
  status: Pick<TerminalStatusStore, 'get'>;
  timings?: Partial<PaymentTimings>;
  a4JobTimeoutMs?: number;
  /** The data folder's journal of payments in flight (none: a host killed mid-payment leaves them to the server's expiry). */
  journal?: PaymentJournal;
  /** How long to wait before settling again what the server could not be reached for at start. */
  settleRetryMs?: number;
}

/** The payment area: its handlers, where payment codes go, and what a session's end does to it. */
export interface Payment {
  handlers: PaymentHandlers;
  /** True when the scan was taken as (or refused as not) a payment code. */
  scanned(text: string): boolean;
  sessionEnded(): void;
  /** The code URL the kiosk shows for the phone now, or null (the simulator page's phone scans it). */
  shownQr(): string | null;
  /**
   * At start: settles at the server every payment the journal holds no outcome for (a host killed
   * mid-payment), by the tap's requestId, and keeps trying in the background while the server is
   * unreachable. Resolves when the journal holds nothing in flight (or the host stops).
   */
  recover(): Promise<void>;
  dispose(): void;
}

export function createPayment(deps: PaymentDeps): Payment {
  const { sessions, hall, devices } = deps;
  const retryDelaysMs = deps.timings?.retryDelaysMs ?? defaultPaymentTimings.retryDelaysMs;
  const journal = deps.journal;
  const at = () => new Date().toISOString();
  /** The tap of each order this run knows, for the journal's outcome lines. */
  const tapOf = new Map<string, string>();
  const desk = new PaymentDesk({
    hall,
    events: deps.events,
    touch: () => sessions.touch(),
    timings: deps.timings,
    told: (p) => {
      const requestId = tapOf.get(p.orderId);
      if (!journal || !requestId) return;
      const stage = p.stage as 'paid' | 'failed' | 'cancelled';
      journal.append({ step: 'told', requestId, orderId: p.orderId, stage, reason: p.reason, at: at() });
      live.delete(requestId);
      // A cancel that never reached the server leaves the order open there: settle it in the background.
      if (p.reason === 'networkLost') void recoverLoop();
    },
  });
  let disposed = false;
  /** Taps of this run whose attempt has not had its outcome yet. */
  const live = new Set<string>();
  let recovering: Promise<void> | null = null;
  const settleOne = async (requestId: string): Promise<boolean> => {
    try {
      const order = await sendAgainWhileUnreachable(() => hall.settle(requestId), retryDelaysMs);
      log.info('payment', `a payment left in flight was settled (${order.state})`);
      journal!.append({ step: 'settled', requestId, orderId: order.orderId, state: order.state, at: at() });
      return true;
    } catch (error) {
      if (error instanceof KioskError && error.code === 'notFound') {
        journal!.append({ step: 'settled', requestId, orderId: null, state: 'notCreated', at: at() });
        return true;
      }
      log.warn(
        'payment',
        `a payment left in flight could not be settled yet (${error instanceof KioskError ? error.code : 'internal'})`,
      );
      return false;
    }
  };
  const recoverLoop = (): Promise<void> =>
    (recovering ??= (async () => {
      if (!journal) return;
      for (;;) {
        // Taps of this run still in the person's hands are the desk's; the rest (an earlier run's, a
        // lost cancel's, an ended session's) are settled here.
        const open = journal.inFlight().filter((p) => !live.has(p.requestId));
        if (open.length === 0 || disposed) break;
        let all = true;
        for (const p of open) if (!(await settleOne(p.requestId))) all = false;
        if (!all) await new Promise((r) => setTimeout(r, deps.settleRetryMs ?? 5_000).unref?.());
      }
      journal.compactIfLarge();
    })().finally(() => {
      recovering = null;
    }));
  return {
    recover: () => recoverLoop(),
    scanned(text) {
      if (!desk.awaitingCode()) return false;
      desk.codeScanned(text);
      return true;
    },
    sessionEnded: () => {
      desk.sessionEnded();
      // Orders made but never paid (the person went back, or left) are settled too.
      live.clear();
      void recoverLoop();
    },
    shownQr: () => desk.shownQr(),
    dispose: () => {
      disposed = true;
      desk.dispose();
    },
    handlers: {
      getPaymentOptions: () => sessions.withSession((id) => hall.options(id)),
      checkPaymentFamilyMember: ({ idNumber, year }) =>
        sessions.withSession((id) => hall.checkFamilyMember(id, idNumber, year)),
      // The tap's requestId goes again unchanged when an answer is lost: the server returns the same order.
      createPaymentOrder: (request) =>
        sessions.withSession(async (id) => {
          // Journalled (on disk) before the server is asked, so a host killed now settles the tap at its next start.
          journal?.append({ step: 'tap', requestId: request.requestId, sessionId: id, at: at() });
          live.add(request.requestId);
          let order;
          try {
            order = await sendAgainWhileUnreachable(() => hall.createOrder(id, request), retryDelaysMs);
          } catch (error) {
            live.delete(request.requestId);
            if (error instanceof KioskError && error.code !== 'serverUnreachable' && error.code !== 'internal')
              // The server refused the tap (alreadyPaid, amountLimit…): no order was made.
              journal?.append({
                step: 'settled',
                requestId: request.requestId,
                orderId: null,
                state: 'notCreated',
                at: at(),
              });
            else void recoverLoop();
            throw error;
          }
          // The latest orders only: one person pays at a time, and a kiosk runs for months.
          remember(tapOf, order.orderId, request.requestId, 50);
          journal?.append({ step: 'order', requestId: request.requestId, orderId: order.orderId, at: at() });
          return order;
        }),
      startPayment: ({ orderId, method }) =>
        sessions.withSession(async (id) =>
          desk.start(id, await sendAgainWhileUnreachable(() => hall.order(id, orderId), retryDelaysMs), method),
        ),
      cancelPayment: async ({ orderId }) => desk.cancel(orderId),
      getPaymentProgress: async ({ orderId }) => desk.progress(orderId),
      printPaymentReceipt: async ({ orderId }) => {
        const { sessionId, progress } = desk.paid(orderId);
        const order = await hall.order(sessionId, orderId);
        if (!order.receipt) throw new KioskError('conflict', 'the order has no receipt yet');
        const doc = paymentReceipt({
          items: order.items,
          receipt: order.receipt,
          method: progress.method,
          timeZone: deps.status.get().hallTimeZone ?? DEFAULT_HALL_TIME_ZONE,
        });
        try {
          await devices.printReceipt({ escpos: buildReceiptJob(doc.markup, { width: doc.cpl }).escpos });
        } catch (error) {
          log.warn('payment', `a payment receipt did not print (${reasonOf(error)})`);
          throw new KioskError('deviceFailed', 'the receipt did not print');
        }
        sessions.touch();
        return { printed: true as const };
      },
      printPaymentCertificate: async ({ orderId }) => {
        const { sessionId } = desk.paid(orderId);
        const certificate = await hall.certificate(sessionId, orderId);
        const pdf = Uint8Array.from(Buffer.from(certificate.pdfBase64, 'base64'));
        try {
          const { jobId } = await devices.printA4(pdf, { title: '社会保险费缴费凭证' });
          sessions.touch();
          await devices.waitForA4Job(jobId, deps.a4JobTimeoutMs ?? A4_JOB_TIMEOUT_MS);
        } catch (error) {
          log.warn('payment', `a payment certificate did not print (${reasonOf(error)})`);
          throw new KioskError('deviceFailed', 'the certificate did not print');
        } finally {
          pdf.fill(0);
        }
        sessions.touch();
        return { printed: true as const, verificationCode: certificate.verificationCode };
      },
    },
  };
}

function reasonOf(error: unknown): string {
  return error instanceof DeviceJobError ? error.reason : error instanceof KioskError ? error.code : 'failed';
}
