/**
 * The payment service's KioskApi methods and events (缴费). What can be paid, the orders and their
 * amounts are the hall server's (contracts/payment.ts), passed through by the host: the kiosk shows
 * the server's totals and never computes money. A payment code (付款码) goes from the QR scanner to
 * the host and on to the server only: never to the renderer, an event or a log line.
 */
import { z } from 'zod';
import { FenSchema, IdNumberSchema, IsoDateTime } from './domain';
import { FamilyMemberCheck, OrderItemRequest, PaymentOptions, PaymentOrder } from './payment';

/** Why a payment did not go through, as a screen says it. */
export const KioskPaymentFailure = z.enum([
  /** The channel refused (balance, limit, risk control). */
  'declined',
  /** The payment code was expired, used or not a payment code: show a fresh one. */
  'codeInvalid',
  /** The person cancelled on the phone. */
  'userCancelled',
  /** Nobody confirmed in time (password, QR, or no code shown): closed, nothing charged. */
  'timedOut',
  /** The channel's answer was uncertain, or it could not be reached: reversed, nothing charged. */
  'providerError',
  /** The hall server stayed unreachable through every retry (same key): the order is closed by the server. */
  'networkLost',
  /** The card left the reader or the session ended mid-payment: the order was cancelled. */
  'sessionEnded',
  /** The order's time ran out before it was paid. */
  'orderExpired',
  'internal',
]);
export type KioskPaymentFailure = z.infer<typeof KioskPaymentFailure>;

/** How the person pays: their phone's payment code at the scanner, or the kiosk's QR on their phone. */
export const KioskPaymentMethod = z.enum(['micropay', 'native']);
export type KioskPaymentMethod = z.infer<typeof KioskPaymentMethod>;

/**
 * Where a payment stands. `scanCode`: waiting for the phone's payment code at the scanner (`reason`
 * `codeInvalid` after a scan that was no payment code); `showQr`: the kiosk shows `qrUrl` for the
 * phone; `paying`: the host is talking to the server; `confirming`: the payment app asks for the
 * password (正在等待您在手机上确认); `qrRefused`: the channel would not make the QR code, nothing was
 * charged and the order waits (with a countdown) for the other way, another QR or a cancel; then one
 * outcome: `paid`, `failed` (with `reason`) or `cancelled`.
 */
export const PaymentProgress = z.object({
  orderId: z.string().uuid(),
  method: KioskPaymentMethod,
  stage: z.enum(['scanCode', 'showQr', 'qrRefused', 'paying', 'confirming', 'paid', 'failed', 'cancelled']),
  qrUrl: z.string().max(500).nullable(),
  /** Time left for this step when the progress was made, in ms (the screen counts down); null: no limit shown. */
  expiresInMs: z.number().int().min(0).nullable(),
  reason: KioskPaymentFailure.nullable(),
  /** The order's amount, the server's. */
  amount: FenSchema,
  paidAt: IsoDateTime.nullable(),
  /** The merchant order number printed on the receipt. */
  orderNo: z.string().max(32),
});
export type PaymentProgress = z.infer<typeof PaymentProgress>;

const NoParams = z.object({}).strict();
const OrderRef = z.object({ orderId: z.string().uuid() }).strict();

export const paymentKioskMethods = {
  /** What the person can pay now (needs the second factor). */
  getPaymentOptions: { params: NoParams, result: PaymentOptions },
  /** Checks a family member typed by ID number (resident medical insurance of `year`); masked answer. */
  checkPaymentFamilyMember: {
    params: z.object({ idNumber: IdNumberSchema, year: z.number().int().min(2000).max(2100) }).strict(),
    result: FamilyMemberCheck,
  },
  /** Creates the order once per tap's `requestId`; the same key gives the same order. */
  createPaymentOrder: {
    params: z.object({ requestId: z.string().uuid(), items: z.array(OrderItemRequest).min(1).max(12) }).strict(),
    result: PaymentOrder,
  },
  /** Starts paying an order one way; later stages come as `paymentProgress`. */
  startPayment: {
    params: z.object({ orderId: z.string().uuid(), method: KioskPaymentMethod }).strict(),
    result: PaymentProgress,
  },
  /** Cancels at the server (a charge it is unsure of is reversed there); answers the outcome. */
  cancelPayment: { params: OrderRef, result: PaymentProgress },
  getPaymentProgress: { params: OrderRef, result: PaymentProgress },
  /** Prints the thermal receipt of a paid order. */
  printPaymentReceipt: { params: OrderRef, result: z.object({ printed: z.literal(true) }) },
  /** Prints the signed A4 payment certificate (缴费凭证) of a paid order; answers its verification code. */
  printPaymentCertificate: {
    params: OrderRef,
    result: z.object({ printed: z.literal(true), verificationCode: z.string().max(40) }),
  },
} as const;

export const paymentKioskEvents = {
  paymentProgress: PaymentProgress,
} as const;
