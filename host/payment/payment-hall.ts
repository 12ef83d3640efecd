/**
 * What the payment desk needs of the hall server, as one small port over the hall API's payment
 * routes (contracts/payment.ts): the desk's logic is tested over a fake of it with faults injected.
 */
import {
  type CreateOrderRequest,
  type FamilyMemberCheck,
  type PaymentCertificate,
  type PaymentOptions,
  type PaymentOrder,
  type PaymentState,
  paymentRoutes,
} from '../../contracts';
import type { HallClient } from '../hall-client/hall-client';

/** The hall server's payment routes, as the desk calls them. Errors are KioskErrors. */
export interface PaymentHall {
  options(sessionId: string): Promise<PaymentOptions>;
  checkFamilyMember(sessionId: string, idNumber: string, year: number): Promise<FamilyMemberCheck>;
  createOrder(sessionId: string, request: CreateOrderRequest): Promise<PaymentOrder>;
  /** Micropay by the scanned code, or native (a code URL to show); at most one charge per order. */
  start(
    sessionId: string,
    orderId: string,
    how: { method: 'micropay'; authCode: string } | { method: 'native' },
  ): Promise<PaymentOrder>;
  /** The order as stored; `waitMs` long-polls for a state other than `known`. */
  order(sessionId: string, orderId: string, wait?: { waitMs: number; known: PaymentState }): Promise<PaymentOrder>;
  /** Cancels (a created order fails, a paying one is reversed or closed; a paid one stays paid). */
  cancel(sessionId: string, orderId: string): Promise<PaymentOrder>;
  certificate(sessionId: string, orderId: string): Promise<PaymentCertificate>;
  /** After a restart: settles the terminal's own tap by its requestId (no session needed); `notFound` when no order was made. */
  settle(requestId: string): Promise<PaymentOrder>;
}

/** The port over the hall client. */
export function hallPayment(hall: Pick<HallClient, 'call'>): PaymentHall {
  return {
    options: (sessionId) => hall.call(paymentRoutes.paymentOptions, { params: { sessionId } }),
    checkFamilyMember: (sessionId, idNumber, year) =>
      hall.call(paymentRoutes.checkFamilyMember, { params: { sessionId }, body: { idNumber, year } }),
    createOrder: (sessionId, body) => hall.call(paymentRoutes.createPaymentOrder, { params: { sessionId }, body }),
    start: (sessionId, orderId, body) =>
      hall.call(paymentRoutes.startPayment, { params: { sessionId, orderId }, body }),
    order: (sessionId, orderId, wait) =>
      hall.call(paymentRoutes.getPaymentOrder, {
        params: { sessionId, orderId },
        query: wait ? { waitMs: String(wait.waitMs), known: wait.known } : {},
      }),
    cancel: (sessionId, orderId) => hall.call(paymentRoutes.cancelPayment, { params: { sessionId, orderId } }),
    certificate: (sessionId, orderId) =>
      hall.call(paymentRoutes.getPaymentCertificate, { params: { sessionId, orderId } }),
    settle: (requestId) => hall.call(paymentRoutes.settleTerminalPayment, { body: { requestId } }),
  };
}

/** True when an order has its outcome for the kiosk. */
export function isFinal(state: PaymentState): boolean {
  return state !== 'created' && state !== 'paying';
}

/** True when the person's money went to the contribution. */
export function isPaid(state: PaymentState): boolean {
  return state === 'paid' || state === 'posted';
}
