/**
 * Inquiry (查询) and case progress (办理进度) on the hall server, as terminals call it.
 *
 * Identification policy (README "Identification and second factor"):
 * - a card (any `identifiedBy`) opens a session and shows summaries: enrollments, account balances,
 *   contribution years, the person's own cases;
 * - detailed money records (contributions month by month, pension payments, medical account
 *   transactions) and printing need a SECOND FACTOR recorded on the session; until then those routes
 *   answer 403 `secondFactorRequired`;
 * - `ssCardPin`: the social security card verified its own PIN in the kiosk's reader (the PIN never
 *   leaves the card reader); the host then reports it with `POST /sessions/:sessionId/second-factor`.
 *   Only a session opened with that card (`identifiedBy: 'ssCard'`) may claim it;
 * - `face`: a 1:1 face match decided on the server: the terminal sends descriptors of the live face
 *   and the numbers of a liveness challenge to `POST /sessions/:sessionId/second-factor/face`, and the
 *   server compares them with the person's enrolled reference (which never leaves it), like face
 *   certification. It is how ID-card and e-card sessions pass, and how a card holder who forgot the PIN
 *   (or locked it) can. A terminal can never claim `face` by itself. At most
 *   FACE_CHECKS_PER_SESSION failed checks per session and `maxFaceChecksPerDay` per person and day.
 *
 * Case progress by a receipt's barcode needs no card: the answer then holds only the item, status,
 * steps with times, due date, overdue flag and a masked name.
 *
 * Lists are paged for huge type: `page` (1-based) and `pageSize` (small maximum); every page says
 * `total` and `pageCount` so a screen can show "第 2 页 / 共 5 页". Money is integer fen.
 */
import { z } from 'zod';
import { CertificationEvidence, CertificationFailure } from './certification';
import { EVIDENCE_BODY_LIMIT } from './face-challenge';
import { EnrollmentStatus, FenSchema, InsuranceType, IsoDate, IsoDateTime, PeriodSchema } from './domain';
import { API_PREFIX, type HallRouteTable, SESSION_ERRORS, SessionParams } from './hall-route';

/** How the second factor was given: the ss card's PIN (checked by the card) or a server face match. */
export const secondFactorMethods = ['ssCardPin', 'face'] as const;
export const SecondFactorMethod = z.enum(secondFactorMethods);
export type SecondFactorMethod = z.infer<typeof SecondFactorMethod>;

/** What a terminal may report: only the card PIN (`face` is set by the server's own face match). */
export const SecondFactorRequest = z.object({ method: z.literal('ssCardPin') }).strict();
export type SecondFactorRequest = z.infer<typeof SecondFactorRequest>;

/** The session's second factor as recorded (reporting it again keeps the first time). */
export const SecondFactorResponse = z.object({ method: SecondFactorMethod, verifiedAt: IsoDateTime });
export type SecondFactorResponse = z.infer<typeof SecondFactorResponse>;

/** Failed face checks one session may make before the person is sent to the PIN or a window. */
export const FACE_CHECKS_PER_SESSION = 3;

/** How the session stands: its second factor (if any), and whether a face check could give it. */
export const SecondFactorState = z.object({
  method: SecondFactorMethod.nullable(),
  verifiedAt: IsoDateTime.nullable(),
  /** A face reference is enrolled for the session's person. */
  faceEnrolled: z.boolean(),
  /** Face checks this session may still fail (the smaller of the session's and the day's). */
  faceChecksLeft: z.number().int().min(0).max(100),
});
export type SecondFactorState = z.infer<typeof SecondFactorState>;

/** The evidence of one face check: the same as one certification attempt's. */
export const FaceCheckEvidence = CertificationEvidence;
export type FaceCheckEvidence = z.infer<typeof FaceCheckEvidence>;

/** The server's decision on one face check; `passed` records `face` as the session's second factor. */
export const FaceCheckOutcome = z.object({
  result: z.enum(['passed', 'failed']),
  reason: CertificationFailure.nullable(),
  /** When passed: when the second factor was recorded (an earlier one stays). */
  verifiedAt: IsoDateTime.nullable(),
  faceChecksLeft: z.number().int().min(0).max(100),
});
export type FaceCheckOutcome = z.infer<typeof FaceCheckOutcome>;

/** The largest page size: a 1080-pixel screen in huge type shows about six lines. */
export const MAX_PAGE_SIZE = 12;
/** The highest page number accepted (no list of one person is longer). */
export const MAX_PAGE = 1000;

const intParam = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,6}$/, 'expected a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

/** Paging query (`?page=2&pageSize=6`); both optional, strings as they come in a URL. */
export const PageQuery = z
  .object({
    page: intParam(1, MAX_PAGE).optional(),
    pageSize: intParam(1, MAX_PAGE_SIZE).optional(),
  })
  .strict();
export type PageQuery = z.infer<typeof PageQuery>;

/** Where a page sits in its list. */
export const PageInfo = z.object({
  page: z.number().int().min(1),
  pageSize: z.number().int().min(1).max(MAX_PAGE_SIZE),
  total: z.number().int().min(0),
  pageCount: z.number().int().min(0),
});
export type PageInfo = z.infer<typeof PageInfo>;

// ---------------------------------------------------------------- enrollments and accounts (card only)

/** One enrollment (参保) of the session person. */
export const EnrollmentLine = z.object({
  insuranceType: InsuranceType,
  status: EnrollmentStatus,
  startDate: IsoDate,
  endDate: IsoDate.nullable(),
  region: z.string().max(60),
  employerName: z.string().max(120).nullable(),
  paidMonths: z.number().int().min(0),
  arrearsMonths: z.number().int().min(0),
});
export type EnrollmentLine = z.infer<typeof EnrollmentLine>;

/** Every insurance type of GLOSSARY.md: enrolled ones with their lines, the rest listed as not enrolled. */
export const EnrollmentsResponse = z.object({
  enrollments: z.array(EnrollmentLine),
  notEnrolled: z.array(InsuranceType),
});
export type EnrollmentsResponse = z.infer<typeof EnrollmentsResponse>;

/** Balances and contribution years (card only, like the home screen's summary). */
export const AccountsResponse = z.object({
  pensionAccount: z.object({ balance: FenSchema, asOf: PeriodSchema }).nullable(),
  medicalAccount: z.object({ balance: FenSchema, asOf: IsoDate }).nullable(),
  /** Paid months of pension insurance (distinct months), and the same as whole years + months. */
  pensionPaidMonths: z.number().int().min(0),
  contributionYears: z.object({ years: z.number().int().min(0), months: z.number().int().min(0).max(11) }),
  /** Months with arrears (欠费) in any insurance type. */
  arrearsMonths: z.number().int().min(0),
  isRetiree: z.boolean(),
});
export type AccountsResponse = z.infer<typeof AccountsResponse>;

// ---------------------------------------------------------------- contributions (second factor)

/** Which insurance type's contributions (required: each type has its own base and rates). */
export const ContributionYearsQuery = PageQuery.extend({ insuranceType: InsuranceType }).strict();
export type ContributionYearsQuery = z.infer<typeof ContributionYearsQuery>;

/** One year's totals for one insurance type. */
export const ContributionYear = z.object({
  year: z.number().int().min(1900).max(2099),
  paidMonths: z.number().int().min(0).max(12),
  arrearsMonths: z.number().int().min(0).max(12),
  /** Sums over paid months only (arrears are owed, not paid). */
  employerAmount: FenSchema,
  personalAmount: FenSchema,
  /** Sums over the arrears months: what is owed. */
  arrearsAmount: FenSchema,
});
export type ContributionYear = z.infer<typeof ContributionYear>;

/** Years, newest first, paged; with the type's overall totals. */
export const ContributionYearsResponse = z.object({
  insuranceType: InsuranceType,
  years: z.array(ContributionYear),
  pageInfo: PageInfo,
  paidMonths: z.number().int().min(0),
  arrearsMonths: z.number().int().min(0),
  contributionYears: z.object({ years: z.number().int().min(0), months: z.number().int().min(0).max(11) }),
});
export type ContributionYearsResponse = z.infer<typeof ContributionYearsResponse>;

/** The months of one year of one insurance type. */
export const ContributionMonthsQuery = PageQuery.extend({
  insuranceType: InsuranceType,
  year: intParam(1900, 2099),
}).strict();
export type ContributionMonthsQuery = z.infer<typeof ContributionMonthsQuery>;

/** One month's contribution (缴费). */
export const ContributionMonth = z.object({
  period: PeriodSchema,
  base: FenSchema,
  employerAmount: FenSchema,
  personalAmount: FenSchema,
  /** True when the month is unpaid (欠费). */
  arrears: z.boolean(),
  employerName: z.string().max(120).nullable(),
});
export type ContributionMonth = z.infer<typeof ContributionMonth>;

export const ContributionMonthsResponse = z.object({
  insuranceType: InsuranceType,
  year: z.number().int(),
  months: z.array(ContributionMonth),
  pageInfo: PageInfo,
  /** The whole year's totals, whatever page is shown. */
  yearTotals: ContributionYear,
});
export type ContributionMonthsResponse = z.infer<typeof ContributionMonthsResponse>;

// ---------------------------------------------------------------- pension payments (second factor)

/** Pension payments, newest first; optionally one year. */
export const PensionPaymentsQuery = PageQuery.extend({ year: intParam(1900, 2099).optional() }).strict();
export type PensionPaymentsQuery = z.infer<typeof PensionPaymentsQuery>;

export const PensionPayment = z.object({ period: PeriodSchema, amount: FenSchema, paidOn: IsoDate });
export type PensionPayment = z.infer<typeof PensionPayment>;

/** Empty with `isRetiree: false` for a person who receives no pension. */
export const PensionPaymentsResponse = z.object({
  isRetiree: z.boolean(),
  payments: z.array(PensionPayment),
  pageInfo: PageInfo,
  /** Totals of each year on this page, so a page that spans years says both. */
  yearTotals: z.array(z.object({ year: z.number().int(), months: z.number().int(), amount: FenSchema })),
});
export type PensionPaymentsResponse = z.infer<typeof PensionPaymentsResponse>;

// ---------------------------------------------------------------- unemployment benefit (second factor)

/** One month of 失业保险金 paid. */
export const UnemploymentBenefitPayment = z.object({ period: PeriodSchema, amount: FenSchema, paidOn: IsoDate });
export type UnemploymentBenefitPayment = z.infer<typeof UnemploymentBenefitPayment>;

/**
 * 失业保险金 of the session person: how many months they may receive (by paid unemployment
 * contribution months), how many were paid, how many are left, and each month paid, newest first
 * (at most 24). `receiving: false` for a person with no benefit. `paidHere: false` when another
 * city's agency pays it (the 参保地, `payingRegion`); then amounts and months are not known here.
 */
export const UnemploymentBenefitResponse = z.object({
  receiving: z.boolean(),
  payingRegion: z.string().max(60).nullable(),
  paidHere: z.boolean(),
  /** Paid unemployment insurance contribution months the entitlement is counted from. */
  contributionMonths: z.number().int().min(0),
  entitledMonths: z.number().int().min(0).max(24),
  paidMonths: z.number().int().min(0).max(24),
  remainingMonths: z.number().int().min(0).max(24),
  /** First and last month of the entitlement. */
  fromPeriod: PeriodSchema.nullable(),
  toPeriod: PeriodSchema.nullable(),
  /** This month's amount (the standard in force now). */
  monthlyAmount: FenSchema.nullable(),
  totalPaid: FenSchema,
  payments: z.array(UnemploymentBenefitPayment).max(24),
});
export type UnemploymentBenefitResponse = z.infer<typeof UnemploymentBenefitResponse>;

// ---------------------------------------------------------------- medical account (second factor)

export const MedicalTransaction = z.object({
  occurredAt: IsoDateTime,
  kind: z.enum(['credit', 'debit']),
  /** Signed fen: positive credit (划入), negative debit (消费). */
  amount: FenSchema,
  balanceAfter: FenSchema,
  description: z.string().max(500),
});
export type MedicalTransaction = z.infer<typeof MedicalTransaction>;

/** Balance and recent transactions, newest first. */
export const MedicalTransactionsResponse = z.object({
  account: z.object({ balance: FenSchema, asOf: IsoDate }).nullable(),
  transactions: z.array(MedicalTransaction),
  pageInfo: PageInfo,
});
export type MedicalTransactionsResponse = z.infer<typeof MedicalTransactionsResponse>;

// ---------------------------------------------------------------- case progress

/** 受理编号 as printed under a receipt's barcode: letters and digits only. */
export const CaseNoSchema = z.string().regex(/^[A-Za-z0-9]{6,40}$/, 'expected a case number');
export const CaseParams = z.object({ caseNo: CaseNoSchema }).strict();
export const SessionCaseParams = z.object({ sessionId: z.string().uuid(), caseNo: CaseNoSchema }).strict();

export const caseStatuses = ['accepted', 'processing', 'completed', 'rejected'] as const;
export const CaseStatus = z.enum(caseStatuses);
export type CaseStatus = z.infer<typeof CaseStatus>;

/** One step of a case; `by` is a clerk's name or a team, never the applicant. */
export const CaseStepView = z.object({
  name: z.string().max(200),
  at: IsoDateTime,
  by: z.string().max(200),
  note: z.string().max(2000).optional(),
});
export type CaseStepView = z.infer<typeof CaseStepView>;

/**
 * A case as anyone holding the receipt may see it. `overdue` is true when the case is not finished
 * and today (in the hall's time zone) is after `dueDate`, or when it finished after `dueDate`
 * (`finishedLate`).
 */
export const CaseProgress = z.object({
  caseNo: CaseNoSchema,
  itemCode: z.string().max(40),
  item: z.string().max(500),
  status: CaseStatus,
  acceptedAt: IsoDateTime,
  dueDate: IsoDate,
  completedAt: IsoDateTime.nullable(),
  overdue: z.boolean(),
  finishedLate: z.boolean(),
  /** Days past the due date (0 when not overdue), in the hall's calendar. */
  daysOverdue: z.number().int().min(0),
  steps: z.array(CaseStepView),
  /** The applicant's name masked (`王*国`): enough to recognise one's own receipt, no more. */
  maskedName: z.string().max(60),
  /** The hall's time zone the due date is counted in. */
  timeZone: z.string().max(60),
});
export type CaseProgress = z.infer<typeof CaseProgress>;

/** The session person's own cases, newest first. */
export const SessionCasesResponse = z.object({ cases: z.array(CaseProgress), pageInfo: PageInfo });
export type SessionCasesResponse = z.infer<typeof SessionCasesResponse>;

const sessionRoute = { params: SessionParams, auth: 'terminal' } as const;
const sessionPath = `${API_PREFIX}/sessions/:sessionId`;

/** Inquiry, second factor and case progress routes (all need the terminal credential). */
export const inquiryRoutes = {
  secondFactor: {
    ...sessionRoute,
    method: 'POST',
    path: `${sessionPath}/second-factor`,
    summary: "Record the session's second factor: the social security card verified its PIN on this terminal",
    body: { schema: SecondFactorRequest, name: 'SecondFactorRequest' },
    response: { status: 200, schema: SecondFactorResponse, name: 'SecondFactorResponse' },
    // forbidden: the session was not opened by a social security card.
    errors: [...SESSION_ERRORS, 'forbidden'],
  },
  secondFactorState: {
    ...sessionRoute,
    method: 'GET',
    path: `${sessionPath}/second-factor`,
    summary: "The session's second factor, whether a face reference is enrolled and face checks left",
    response: { status: 200, schema: SecondFactorState, name: 'SecondFactorState' },
    errors: SESSION_ERRORS,
  },
  faceCheck: {
    ...sessionRoute,
    method: 'POST',
    path: `${sessionPath}/second-factor/face`,
    summary: 'One face check: the live face against the enrolled reference; a pass records `face` as second factor',
    body: { schema: FaceCheckEvidence, name: 'FaceCheckEvidence' },
    bodyLimit: EVIDENCE_BODY_LIMIT,
    response: { status: 200, schema: FaceCheckOutcome, name: 'FaceCheckOutcome' },
    errors: [...SESSION_ERRORS, 'rateLimited'],
  },
  enrollments: {
    ...sessionRoute,
    method: 'GET',
    path: `${sessionPath}/enrollments`,
    summary: 'Every insurance type: enrollments with status, dates and region (card only)',
    response: { status: 200, schema: EnrollmentsResponse, name: 'EnrollmentsResponse' },
    errors: SESSION_ERRORS,
  },
  accounts: {
    ...sessionRoute,
    method: 'GET',
    path: `${sessionPath}/accounts`,
    summary: 'Pension and medical account balances, contribution years, arrears months (card only)',
    response: { status: 200, schema: AccountsResponse, name: 'AccountsResponse' },
    errors: SESSION_ERRORS,
  },
  contributionYears: {
    ...sessionRoute,
    method: 'GET',
    path: `${sessionPath}/contributions/years`,
    summary: 'Yearly contribution totals of one insurance type, newest first (second factor)',
    query: ContributionYearsQuery,
    response: { status: 200, schema: ContributionYearsResponse, name: 'ContributionYearsResponse' },
    errors: [...SESSION_ERRORS, 'secondFactorRequired'],
  },
  contributionMonths: {
    ...sessionRoute,
    method: 'GET',
    path: `${sessionPath}/contributions/months`,
    summary: 'Monthly contributions of one year and insurance type, with the year totals (second factor)',
    query: ContributionMonthsQuery,
    response: { status: 200, schema: ContributionMonthsResponse, name: 'ContributionMonthsResponse' },
    errors: [...SESSION_ERRORS, 'secondFactorRequired'],
  },
  pensionPayments: {
    ...sessionRoute,
    method: 'GET',
    path: `${sessionPath}/pension-payments`,
    summary: 'Monthly pension payments, newest first (second factor)',
    query: PensionPaymentsQuery,
    response: { status: 200, schema: PensionPaymentsResponse, name: 'PensionPaymentsResponse' },
    errors: [...SESSION_ERRORS, 'secondFactorRequired'],
  },
  unemploymentBenefit: {
    ...sessionRoute,
    method: 'GET',
    path: `${sessionPath}/unemployment-benefit`,
    summary: '失业保险金: entitled, paid and remaining months, the monthly amount, payments (second factor)',
    response: { status: 200, schema: UnemploymentBenefitResponse, name: 'UnemploymentBenefitResponse' },
    errors: [...SESSION_ERRORS, 'secondFactorRequired'],
  },
  medicalTransactions: {
    ...sessionRoute,
    method: 'GET',
    path: `${sessionPath}/medical-transactions`,
    summary: 'Medical account balance and transactions, newest first (second factor)',
    query: PageQuery,
    response: { status: 200, schema: MedicalTransactionsResponse, name: 'MedicalTransactionsResponse' },
    errors: [...SESSION_ERRORS, 'secondFactorRequired'],
  },
  sessionCases: {
    ...sessionRoute,
    method: 'GET',
    path: `${sessionPath}/cases`,
    summary: "The session person's own cases with progress, newest first",
    query: PageQuery,
    response: { status: 200, schema: SessionCasesResponse, name: 'SessionCasesResponse' },
    errors: SESSION_ERRORS,
  },
  sessionCase: {
    method: 'GET',
    path: `${sessionPath}/cases/:caseNo`,
    auth: 'terminal',
    summary: "One of the session person's cases (another person's case number is 404)",
    params: SessionCaseParams,
    response: { status: 200, schema: CaseProgress, name: 'CaseProgress' },
    errors: [...SESSION_ERRORS, 'notFound'],
  },
  caseByNumber: {
    method: 'GET',
    path: `${API_PREFIX}/cases/:caseNo`,
    auth: 'terminal',
    summary: 'Case progress by receipt number, without a card: item, status, steps, due date, masked name',
    params: CaseParams,
    response: { status: 200, schema: CaseProgress, name: 'CaseProgress' },
    errors: ['notFound', 'rateLimited'],
  },
} as const satisfies HallRouteTable;
