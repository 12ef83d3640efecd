/**
 * Payment (缴费) on the hall server, as terminals and the staff console call it.
 *
 * What can be paid comes from the server's policy tables (region, year) in fen; the kiosk never
 * computes money. A person (session with a second factor) pays:
 * - the resident pension (城乡居民养老保险) of a year, by a yearly grade (档次) of the person's region;
 * - resident medical insurance (城乡居民医保) of a year, a fixed amount per person, for themselves and
 *   for family members typed by ID number (`checkFamilyMember` first);
 * - arrears (欠费) that may still be paid.
 *
 * Money moves exactly once:
 * - `createPaymentOrder` takes the tap's idempotency key (`requestId`): the same key returns the same
 *   order, so a retry after a lost answer never makes a second order;
 * - `startPayment` charges an order at most once, however often it is called (100 concurrent taps of
 *   one order are one charge): by the phone's payment code scanned at the kiosk (`micropay`) or by a
 *   QR code the kiosk shows for the phone to scan (`native`, the answer's `codeUrl`);
 * - the order's state is stored, never inferred: created → paying → paid | failed | reversed, and
 *   paid → posted once the contribution is in the person's records (the server posts it in the same
 *   transaction that records the payment, so `paid` is seen only for an instant or after a crash that
 *   the recovery sweep finishes). A staff refund takes posted → refunding (stored before the channel
 *   is asked) → refunded; a crash in between is finished by the sweep, which asks the channel;
 * - `getPaymentOrder` (`waitMs`: long-poll until the state changes) is how the kiosk follows a payment
 *   while the phone asks for its password (micropay `USERPAYING`) or the person scans the QR;
 * - a native start the channel refuses (no QR code made) leaves the order `created` with failure
 *   `qrRefused`: nothing was charged, its items stay claimed, and `startPayment` may be called again
 *   (payment code, or another QR) on the same order; the order's one-charge rule is unchanged;
 * - `cancelPayment` really cancels: a created order fails; a paying order is reversed (micropay) or
 *   closed (native) at the provider; an order already paid stays paid (the answer says so).
 *
 * The signed A4 payment certificate (缴费凭证) of a posted order is verifiable like statements: its
 * verification code on the public `/verify` page or `verifyPaymentCertificate`.
 *
 * Errors the kiosk maps to a sentence (and the hotline): `paymentCodeInvalid` (not a payment code),
 * `amountLimit`, `notPayable` (deadline passed, not enrolled, unknown grade), `alreadyPaid` (the item
 * is paid or in another open order), `payerCheckFailed` (family member refused by the payer checks),
 * `providerUnavailable` (the channel cannot be reached; nothing was charged), `orderExpired`.
 * A payment that fails at the provider is not an error: the order answers `failed` with a `failure`.
 */
import { z } from 'zod';
import { FenSchema, IdNumberSchema, InsuranceType, IsoDate, IsoDateTime, PeriodSchema } from './domain';
import { API_PREFIX, type HallRouteTable, SESSION_ERRORS, SessionParams } from './hall-route';
import { VerificationCode } from './statements';

// ---------------------------------------------------------------- what can be paid

/** One yearly grade (档次) of the resident pension: what the person pays and the subsidy added. */
export const PensionGrade = z.object({
  /** Stable id of the grade within its region and year, e.g. `g3`. */
  gradeId: z.string().min(1).max(20),
  /** What the person pays for the year, fen. */
  amount: FenSchema,
  /** The government subsidy (政府补贴) credited to the individual account with it, fen. */
  subsidy: FenSchema,
});
export type PensionGrade = z.infer<typeof PensionGrade>;

/** The resident pension year the person may pay now (null in `PaymentOptions` when none). */
export const PensionYearOption = z.object({
  year: z.number().int().min(2000).max(2100),
  grades: z.array(PensionGrade).min(1).max(20),
  /** Last day (hall date) the year may be paid at a kiosk. */
  deadline: IsoDate,
  /** The grade paid last year, to suggest it again; null when none. */
  lastGradeId: z.string().max(20).nullable(),
});
export type PensionYearOption = z.infer<typeof PensionYearOption>;

/** Resident medical insurance of a year: one fixed amount per person. */
export const MedicalYearOption = z.object({
  year: z.number().int().min(2000).max(2100),
  amountPerPerson: FenSchema,
  deadline: IsoDate,
  /** Whether the session's person may pay their own (false: already paid or in an open order). */
  selfPayable: z.boolean(),
  /** How many family members one order may include besides the person. */
  maxFamilyMembers: z.number().int().min(0).max(20),
});
export type MedicalYearOption = z.infer<typeof MedicalYearOption>;

/** Arrears (欠费) still payable: one insurance type over a span of months (a year for resident types). */
export const ArrearsOption = z.object({
  /** Opaque id to name it in an order. */
  arrearsId: z.string().min(1).max(60),
  insuranceType: InsuranceType,
  /** The year for yearly resident insurance; null for monthly types. */
  year: z.number().int().min(1990).max(2100).nullable(),
  from: PeriodSchema,
  to: PeriodSchema,
  months: z.number().int().min(1).max(600),
  amount: FenSchema,
  /** Last day it may be paid (hall date); after that only a window can help. */
  payableUntil: IsoDate,
});
export type ArrearsOption = z.infer<typeof ArrearsOption>;

/** Everything the session's person can pay now, from the policy tables of their region. */
export const PaymentOptions = z.object({
  region: z.object({ code: z.string().regex(/^\d{6}$/), name: z.string().max(60) }),
  residentPension: PensionYearOption.nullable(),
  residentMedical: MedicalYearOption.nullable(),
  arrears: z.array(ArrearsOption).max(50),
  /** The largest order the hall accepts (configured), fen. */
  maxOrderAmount: FenSchema,
  /** Ways to pay that are open now (a closed channel is left out). */
  methods: z.array(z.enum(['micropay', 'native'])).max(2),
});
export type PaymentOptions = z.infer<typeof PaymentOptions>;

/** A family member typed by ID number, for resident medical insurance. */
export const FamilyMemberRequest = z
  .object({ idNumber: IdNumberSchema, year: z.number().int().min(2000).max(2100) })
  .strict();
export type FamilyMemberRequest = z.infer<typeof FamilyMemberRequest>;

/** Whether the family member can be paid for, shown masked (the payer sees no more than that). */
export const FamilyMemberCheck = z.object({
  maskedIdNumber: z.string().max(18),
  /** e.g. `陈*雨`. */
  maskedName: z.string().max(60),
  payable: z.boolean(),
  /** Why not: notEnrolled, alreadyPaid (or in an open order), notAllowed (payer checks). */
  reason: z.enum(['notEnrolled', 'alreadyPaid', 'notAllowed']).nullable(),
  amount: FenSchema,
});
export type FamilyMemberCheck = z.infer<typeof FamilyMemberCheck>;

// ---------------------------------------------------------------- orders

/** One thing to pay, as the kiosk asks for it. */
export const OrderItemRequest = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('residentPension'),
      year: z.number().int().min(2000).max(2100),
      gradeId: z.string().min(1).max(20),
    })
    .strict(),
  z
    .object({
      kind: z.literal('residentMedical'),
      year: z.number().int().min(2000).max(2100),
      /** Whom it is for; absent: the session's person. */
      idNumber: IdNumberSchema.optional(),
    })
    .strict(),
  z.object({ kind: z.literal('arrears'), arrearsId: z.string().min(1).max(60) }).strict(),
]);
export type OrderItemRequest = z.infer<typeof OrderItemRequest>;

/** `createPaymentOrder`: the tap's idempotency key and the items (the server prices them). */
export const CreateOrderRequest = z
  .object({
    /** One per "pay" tap, reused on retries: the same key returns the same order. */
    requestId: z.string().uuid(),
    items: z.array(OrderItemRequest).min(1).max(12),
  })
  .strict();
export type CreateOrderRequest = z.infer<typeof CreateOrderRequest>;

export const paymentStates = [
  'created',
  'paying',
  'paid',
  'failed',
  'reversed',
  'posted',
  'refunding',
  'refunded',
] as const;
/** The stored state of an order (see the file's comment). `failed`, `reversed`, `posted`, `refunded` are final for the kiosk. */
export const PaymentState = z.enum(paymentStates);
export type PaymentState = z.infer<typeof PaymentState>;

export const paymentMethods = ['micropay', 'native'] as const;
/** micropay: the phone's payment code (付款码) scanned by the kiosk; native: the kiosk shows a QR to scan. */
export const PaymentMethod = z.enum(paymentMethods);
export type PaymentMethod = z.infer<typeof PaymentMethod>;

export const paymentFailures = [
  /** The channel refused (balance, risk control, card frozen). */
  'declined',
  /** The payment code was expired, used, or not recognised by the channel. */
  'codeInvalid',
  /** The person cancelled on the phone (password screen closed). */
  'userCancelled',
  /** Nobody confirmed in time (password or QR): the order was closed, nothing charged. */
  'timedOut',
  /** The kiosk cancelled (`cancelPayment`) before anything was charged. */
  'cancelled',
  /** The channel's answer was uncertain; the payment was reversed, nothing charged. */
  'providerError',
  /**
   * The channel refused to make the QR code (native precreate). Nothing was charged and, unlike the
   * others, the order is not over: it is `created` again, to be paid by payment code or another QR.
   */
  'qrRefused',
] as const;
export const PaymentFailure = z.enum(paymentFailures);
export type PaymentFailure = z.infer<typeof PaymentFailure>;

/** One priced line of an order. */
export const OrderItem = z.object({
  kind: z.enum(['residentPension', 'residentMedical', 'arrears']),
  insuranceType: InsuranceType,
  /** The year for yearly items; null for monthly arrears. */
  year: z.number().int().min(1990).max(2100).nullable(),
  from: PeriodSchema,
  to: PeriodSchema,
  gradeId: z.string().max(20).nullable(),
  /** Whom it is for, masked. */
  beneficiary: z.object({ maskedName: z.string().max(60), maskedIdNumber: z.string().max(18) }),
  amount: FenSchema,
  /** Government subsidy credited with it (resident pension), fen; 0 otherwise. */
  subsidy: FenSchema,
});
export type OrderItem = z.infer<typeof OrderItem>;

/** What the thermal receipt prints for a paid order (ids only; names masked). */
export const PaymentReceipt = z.object({
  orderNo: z.string().max(32),
  /** The channel's transaction id (交易单号). */
  transactionId: z.string().max(64),
  channel: z.enum(['wechat', 'alipay', 'unionpay', 'simulator']),
  paidAt: IsoDateTime,
  amount: FenSchema,
  hallName: z.string().max(120),
  terminalId: z.string().max(64),
});
export type PaymentReceipt = z.infer<typeof PaymentReceipt>;

/** An order as the kiosk sees it. */
export const PaymentOrder = z.object({
  orderId: z.string().uuid(),
  /** The merchant order number sent to the channel (out_trade_no), printed on the receipt. */
  orderNo: z.string().max(32),
  state: PaymentState,
  method: PaymentMethod.nullable(),
  amount: FenSchema,
  items: z.array(OrderItem).min(1),
  createdAt: IsoDateTime,
  /** After this the order is closed if not paid (the kiosk's visible countdown). */
  expiresAt: IsoDateTime,
  /** native only, while paying: what the kiosk's QR code encodes, and until when it works. */
  codeUrl: z.string().max(500).nullable(),
  /** micropay while paying: the phone is asking the person for the password (正在等待您在手机上确认). */
  awaitingUserConfirmation: z.boolean(),
  failure: PaymentFailure.nullable(),
  /** When paid or posted (and after a refund): what the receipt prints. */
  receipt: PaymentReceipt.nullable(),
  postedAt: IsoDateTime.nullable(),
  /** A posted order has a certificate (`getPaymentCertificate`). */
  certificateAvailable: z.boolean(),
  /** True when this answer is an earlier order returned again (same requestId). */
  alreadyCreated: z.boolean(),
});
export type PaymentOrder = z.infer<typeof PaymentOrder>;

/**
 * A payment code (付款码) as a phone shows it: 18 digits; WeChat starts 10-15, Alipay 25-30,
 * UnionPay 62. The server checks it with the channel; this only catches a non-payment code
 * (an e-card, a case barcode) before anything is sent.
 */
export const PAYMENT_CODE_PATTERN = /^(1[0-5]\d{16}|(2[5-9]|30)\d{14,22}|62\d{17})$/;
export const PaymentCode = z.string().regex(PAYMENT_CODE_PATTERN, 'expected a payment code');

/** `startPayment`: how to pay. Idempotent per order: a second call answers the order as it stands. */
export const StartPaymentRequest = z.discriminatedUnion('method', [
  z.object({ method: z.literal('micropay'), authCode: PaymentCode }).strict(),
  z.object({ method: z.literal('native') }).strict(),
]);
export type StartPaymentRequest = z.infer<typeof StartPaymentRequest>;

export const OrderParams = z.object({ sessionId: z.string().uuid(), orderId: z.string().uuid() }).strict();

/** `getPaymentOrder?waitMs=`: wait up to waitMs for a change of state (long-poll), 0: answer at once. */
export const OrderPollQuery = z
  .object({
    waitMs: z
      .string()
      .regex(/^\d{1,5}$/)
      .transform(Number)
      .pipe(z.number().int().min(0).max(25_000))
      .optional(),
    /** The state the kiosk already knows; the wait ends as soon as the order is in another. */
    known: PaymentState.optional(),
  })
  .strict();
export type OrderPollQuery = z.infer<typeof OrderPollQuery>;

/**
 * `settleTerminalPayment`: a kiosk host that was killed or lost power mid-payment settles, at its next
 * start, every tap its journal holds no outcome for; the session is gone by then, so the terminal
 * names its own tap. `notFound`: no order was ever made for it (nothing can have been charged).
 */
export const SettleTerminalPaymentRequest = z.object({ requestId: z.string().uuid() }).strict();
export type SettleTerminalPaymentRequest = z.infer<typeof SettleTerminalPaymentRequest>;

/** The signed A4 payment certificate (缴费凭证) of a posted order, for printing and reprinting. */
export const PaymentCertificate = z.object({
  certificateId: z.string().uuid(),
  orderId: z.string().uuid(),
  verificationCode: VerificationCode,
  issuedAt: IsoDateTime,
  pageCount: z.number().int().min(1),
  /** The PDF, base64; identical bytes on every fetch. */
  pdfBase64: z.string(),
  pdfSha256: z.string().regex(/^[0-9a-f]{64}$/),
  alreadyIssued: z.boolean(),
});
export type PaymentCertificate = z.infer<typeof PaymentCertificate>;

/** The signed content of a payment certificate (canonical JSON), shown to whoever holds the code. */
export const PaymentCertificateContent = z.object({
  version: z.literal(1),
  kind: z.literal('paymentCertificate'),
  certificateId: z.string().uuid(),
  verificationCode: VerificationCode,
  issuer: z.string(),
  hallName: z.string(),
  issuedAt: IsoDateTime,
  payer: z.object({ name: z.string(), maskedIdNumber: z.string() }),
  orderNo: z.string(),
  transactionId: z.string(),
  paidAt: IsoDateTime,
  amount: FenSchema,
  items: z.array(OrderItem),
  /** Set when a staff refund undid the payment after the certificate was issued. */
  refunded: z.boolean(),
  pdfSha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type PaymentCertificateContent = z.infer<typeof PaymentCertificateContent>;

export const PaymentVerificationResult = z.discriminatedUnion('genuine', [
  z.object({
    genuine: z.literal(true),
    content: PaymentCertificateContent,
    signedContent: z.string(),
    signature: z.string(),
    keyId: z.string(),
    /** Refunded since issue (the signed content stays as issued). */
    refundedSince: z.boolean(),
  }),
  z.object({ genuine: z.literal(false), reason: z.enum(['malformedCode', 'unknownCode', 'badSignature']) }),
]);
export type PaymentVerificationResult = z.infer<typeof PaymentVerificationResult>;

// ---------------------------------------------------------------- staff

/** `GET staffPayments?date=&state=`: the hall's orders of one hall date (default today), newest first. */
export const StaffPaymentsQuery = z
  .object({
    date: IsoDate.optional(),
    state: PaymentState.optional(),
    limit: z.coerce.number().int().min(1).max(500).default(200),
  })
  .strict();

export const StaffPaymentLine = z.object({
  orderId: z.string().uuid(),
  orderNo: z.string(),
  terminalId: z.string(),
  state: PaymentState,
  method: PaymentMethod.nullable(),
  amount: FenSchema,
  failure: PaymentFailure.nullable(),
  /** Masked: staff see no more than a receipt shows. */
  payer: z.object({ maskedName: z.string(), maskedIdNumber: z.string() }),
  itemKinds: z.array(z.string()),
  transactionId: z.string().nullable(),
  createdAt: IsoDateTime,
  paidAt: IsoDateTime.nullable(),
  refundedAt: IsoDateTime.nullable(),
});
export type StaffPaymentLine = z.infer<typeof StaffPaymentLine>;

export const StaffPaymentsResponse = z.object({
  date: IsoDate,
  orders: z.array(StaffPaymentLine),
  /** Sums of the day: posted (money in) and refunded (money out), fen. */
  totals: z.object({
    posted: FenSchema,
    postedCount: z.number().int(),
    refunded: FenSchema,
    refundedCount: z.number().int(),
  }),
});
export type StaffPaymentsResponse = z.infer<typeof StaffPaymentsResponse>;

export const StaffOrderParams = z.object({ orderId: z.string().uuid() }).strict();

/** A refund undoes a posted order: money back at the channel and the contribution taken out again. */
export const RefundRequest = z
  .object({
    /** Idempotency key of the refund tap. */
    requestId: z.string().uuid(),
    /** Why (kept in the audit log; no personal data). */
    reason: z.string().min(2).max(200),
  })
  .strict();
export type RefundRequest = z.infer<typeof RefundRequest>;

export const RefundResponse = z.object({
  orderId: z.string().uuid(),
  state: PaymentState,
  refundId: z.string().max(64),
  refundedAt: IsoDateTime,
  amount: FenSchema,
});
export type RefundResponse = z.infer<typeof RefundResponse>;

/** One difference between the channel's daily bill and the ledger. */
export const ReconciliationDifference = z.object({
  /** missingInLedger: the channel charged an order the ledger does not hold as paid; missingInBill: the
   * reverse; amountMismatch: both hold it with different amounts; refundMismatch: refunds disagree. */
  kind: z.enum(['missingInLedger', 'missingInBill', 'amountMismatch', 'refundMismatch']),
  orderNo: z.string(),
  transactionId: z.string().nullable(),
  ledgerAmount: FenSchema.nullable(),
  billAmount: FenSchema.nullable(),
});
export type ReconciliationDifference = z.infer<typeof ReconciliationDifference>;

export const ReconciliationQuery = z.object({ date: IsoDate.optional() }).strict();

export const ReconciliationResult = z.object({
  date: IsoDate,
  ranAt: IsoDateTime.nullable(),
  /** Not run yet for that date: everything below is empty. */
  status: z.enum(['notRun', 'matched', 'differences']),
  bill: z.object({
    count: z.number().int(),
    amount: FenSchema,
    refundCount: z.number().int(),
    refundAmount: FenSchema,
  }),
  ledger: z.object({
    count: z.number().int(),
    amount: FenSchema,
    refundCount: z.number().int(),
    refundAmount: FenSchema,
  }),
  differences: z.array(ReconciliationDifference),
});
export type ReconciliationResult = z.infer<typeof ReconciliationResult>;

// ---------------------------------------------------------------- routes

const PAY_PREFIX = `${API_PREFIX}/sessions/:sessionId/payments`;
const ORDER_ERRORS = [...SESSION_ERRORS, 'secondFactorRequired', 'notFound'] as const;

export const paymentRoutes = {
  paymentOptions: {
    method: 'GET',
    path: `${PAY_PREFIX}/options`,
    auth: 'terminal',
    summary: "What the session's person can pay now (resident pension grades, resident medical, arrears), fen",
    params: SessionParams,
    response: { status: 200, schema: PaymentOptions, name: 'PaymentOptions' },
    errors: [...SESSION_ERRORS, 'secondFactorRequired', 'personNotFound'],
  },
  checkFamilyMember: {
    method: 'POST',
    path: `${PAY_PREFIX}/family-member`,
    auth: 'terminal',
    summary: 'Whether a family member (typed ID number) can be paid for (resident medical), masked',
    params: SessionParams,
    body: { schema: FamilyMemberRequest, name: 'FamilyMemberRequest' },
    response: { status: 200, schema: FamilyMemberCheck, name: 'FamilyMemberCheck' },
    errors: [...SESSION_ERRORS, 'secondFactorRequired', 'personNotFound', 'notPayable', 'rateLimited'],
  },
  createPaymentOrder: {
    method: 'POST',
    path: `${PAY_PREFIX}/orders`,
    auth: 'terminal',
    summary: 'Create (or return, same requestId) an order of priced items',
    params: SessionParams,
    body: { schema: CreateOrderRequest, name: 'CreateOrderRequest' },
    response: { status: 201, schema: PaymentOrder, name: 'PaymentOrder' },
    errors: [
      ...SESSION_ERRORS,
      'secondFactorRequired',
      'notPayable',
      'alreadyPaid',
      'amountLimit',
      'payerCheckFailed',
      'conflict',
    ],
  },
  startPayment: {
    method: 'POST',
    path: `${PAY_PREFIX}/orders/:orderId/pay`,
    auth: 'terminal',
    summary: 'Pay an order by a scanned payment code (micropay) or a QR to show (native); at most one charge',
    params: OrderParams,
    body: { schema: StartPaymentRequest, name: 'StartPaymentRequest' },
    response: { status: 200, schema: PaymentOrder, name: 'PaymentOrder' },
    errors: [...ORDER_ERRORS, 'paymentCodeInvalid', 'providerUnavailable', 'orderExpired', 'conflict'],
  },
  getPaymentOrder: {
    method: 'GET',
    path: `${PAY_PREFIX}/orders/:orderId`,
    auth: 'terminal',
    summary: 'The order as it stands; waitMs long-polls for a state other than known',
    params: OrderParams,
    query: OrderPollQuery,
    response: { status: 200, schema: PaymentOrder, name: 'PaymentOrder' },
    errors: ORDER_ERRORS,
  },
  cancelPayment: {
    method: 'POST',
    path: `${PAY_PREFIX}/orders/:orderId/cancel`,
    auth: 'terminal',
    summary: 'Cancel: a created order fails, a paying one is reversed or closed at the channel; a paid one stays paid',
    params: OrderParams,
    response: { status: 200, schema: PaymentOrder, name: 'PaymentOrder' },
    errors: [...ORDER_ERRORS, 'providerUnavailable'],
  },
  getPaymentCertificate: {
    method: 'GET',
    path: `${PAY_PREFIX}/orders/:orderId/certificate`,
    auth: 'terminal',
    summary: 'The signed A4 payment certificate (缴费凭证) of a posted order; the same one on every fetch',
    params: OrderParams,
    response: { status: 200, schema: PaymentCertificate, name: 'PaymentCertificate' },
    errors: [...ORDER_ERRORS, 'conflict'],
  },
  settleTerminalPayment: {
    method: 'POST',
    path: `${API_PREFIX}/terminal/payments/settle`,
    auth: 'terminal',
    summary:
      "A kiosk restarted mid-payment settles its tap (by the tap's requestId): an open order is cancelled as at a session's end; a paid one stays paid",
    body: { schema: SettleTerminalPaymentRequest, name: 'SettleTerminalPaymentRequest' },
    response: { status: 200, schema: PaymentOrder, name: 'PaymentOrder' },
    errors: ['notFound', 'providerUnavailable'],
  },
  verifyPaymentCertificate: {
    method: 'GET',
    path: `${API_PREFIX}/verify-payment/:code`,
    auth: 'public',
    summary: 'Public: whether a verification code belongs to a genuine payment certificate (masked)',
    params: z.object({ code: z.string().min(1).max(40) }).strict(),
    response: { status: 200, schema: PaymentVerificationResult, name: 'PaymentVerificationResult' },
    errors: [],
  },
  staffPayments: {
    method: 'GET',
    path: `${API_PREFIX}/staff/payments`,
    auth: 'staff',
    summary: "The staff member's hall's payment orders of one day, with the day's totals",
    query: StaffPaymentsQuery,
    response: { status: 200, schema: StaffPaymentsResponse, name: 'StaffPaymentsResponse' },
    errors: [],
  },
  staffRefund: {
    method: 'POST',
    path: `${API_PREFIX}/staff/payments/:orderId/refund`,
    auth: 'staff',
    roles: ['supervisor', 'admin'],
    summary: 'Refund a posted order (supervisors): money back at the channel, contribution withdrawn, audited',
    params: StaffOrderParams,
    body: { schema: RefundRequest, name: 'RefundRequest' },
    response: { status: 200, schema: RefundResponse, name: 'RefundResponse' },
    errors: ['notFound', 'conflict', 'providerUnavailable'],
  },
  staffReconciliation: {
    method: 'GET',
    path: `${API_PREFIX}/staff/payments/reconciliation`,
    auth: 'staff',
    summary: "The reconciliation of one day's channel bill against the ledger (latest run)",
    query: ReconciliationQuery,
    response: { status: 200, schema: ReconciliationResult, name: 'ReconciliationResult' },
    errors: [],
  },
  staffRunReconciliation: {
    method: 'POST',
    path: `${API_PREFIX}/staff/payments/reconciliation`,
    auth: 'staff',
    roles: ['supervisor', 'admin'],
    summary: "Fetch the channel's bill of a day and compare it with the ledger now (audited)",
    query: ReconciliationQuery,
    response: { status: 200, schema: ReconciliationResult, name: 'ReconciliationResult' },
    errors: ['providerUnavailable'],
  },
} as const satisfies HallRouteTable;

// ---------------------------------------------------------------- the provider simulator's conventions

/**
 * In the embedded default the channel is a simulator (server/payment/simulator). Its payment codes
 * choose what the "phone" does by their last two digits, so a simulator page or a test can make any
 * path: `simulatorPaymentCode('success')` etc. A real channel ignores this.
 */
export const simulatorCodeOutcomes = {
  /** Paid at once (small amounts without a password). */
  success: '00',
  /** USERPAYING: the phone asks for the password, then the person confirms (a few seconds). */
  password: '11',
  /** USERPAYING, then the person cancels on the phone. */
  passwordCancelled: '12',
  /** USERPAYING and nobody confirms: the order is closed when it expires. */
  passwordTimeout: '13',
  /** Declined (余额不足). */
  declined: '21',
  /** The code is expired or already used. */
  codeInvalid: '22',
  /** The channel does not answer the micropay call (timeout): the server reverses it. */
  noAnswer: '31',
} as const;
export type SimulatorCodeOutcome = keyof typeof simulatorCodeOutcomes;

/** A WeChat-style 18-digit payment code the simulator answers with `outcome`; `serial` makes it unique. */
export function simulatorPaymentCode(outcome: SimulatorCodeOutcome, serial: number): string {
  const middle = String(Math.abs(Math.trunc(serial)) % 1e14).padStart(14, '0');
  return `13${middle}${simulatorCodeOutcomes[outcome]}`;
}

/**
 * A native order's `codeUrl` on the simulator is a page of the simulated phone (open it in a browser
 * to pay, decline or cancel); a test pays it by `POST <codeUrl>/confirm` with `{ "action": "pay" |
 * "decline" | "cancel" }`.
 */
export const SimulatorQrAction = z.object({ action: z.enum(['pay', 'decline', 'cancel']) }).strict();
export type SimulatorQrAction = z.infer<typeof SimulatorQrAction>;
