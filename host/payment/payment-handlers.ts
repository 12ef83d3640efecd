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
}

/** The payment area: its handlers, where payment codes go, and what a session's end does to it. */
export interface Payment {
  handlers: PaymentHandlers;
  /** True when the scan was taken as (or refused as not) a payment code. */
  scanned(text: string): boolean;
  sessionEnded(): void;
  /** The code URL the kiosk shows for the phone now, or null (the simulator page's phone scans it). */
  shownQr(): string | null;
  dispose(): void;
}

export function createPayment(deps: PaymentDeps): Payment {
  const { sessions, hall, devices } = deps;
  const retryDelaysMs = deps.timings?.retryDelaysMs ?? defaultPaymentTimings.retryDelaysMs;
  const desk = new PaymentDesk({ hall, events: deps.events, touch: () => sessions.touch(), timings: deps.timings });
  return {
    scanned(text) {
      if (!desk.awaitingCode()) return false;
      desk.codeScanned(text);
      return true;
    },
    sessionEnded: () => desk.sessionEnded(),
    shownQr: () => desk.shownQr(),
    dispose: () => desk.dispose(),
    handlers: {
      getPaymentOptions: () => sessions.withSession((id) => hall.options(id)),
      checkPaymentFamilyMember: ({ idNumber, year }) =>
        sessions.withSession((id) => hall.checkFamilyMember(id, idNumber, year)),
      // The tap's requestId goes again unchanged when an answer is lost: the server returns the same order.
      createPaymentOrder: (request) =>
        sessions.withSession((id) => sendAgainWhileUnreachable(() => hall.createOrder(id, request), retryDelaysMs)),
      startPayment: ({ orderId, method }) =>
        sessions.withSession(async (id) => desk.start(id, await hall.order(id, orderId), method)),
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
