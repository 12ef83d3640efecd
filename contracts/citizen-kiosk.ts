/**
 * The citizen services' KioskApi methods and events: inquiry behind the card PIN, case progress,
 * statements printed on the A4 printer, a print-this-page receipt, and the cached information
 * content (guides, jobs, trainings, notices, offices) that still shows when the network is down.
 * Inquiry answers are the hall server's own (contracts/inquiry.ts), passed through by the host.
 */
import { z } from 'zod';
import { CertificationChallenge, SubmitCertificationParams } from './certification';
import { ContentBundle } from './content';
import { InsuranceType, IsoDateTime, PeriodSchema } from './domain';
import { StatementPreview } from './statements';
import {
  AccountsResponse,
  CaseProgress,
  ContributionMonthsResponse,
  ContributionYearsResponse,
  EnrollmentsResponse,
  FaceCheckOutcome,
  MedicalTransactionsResponse,
  PensionPaymentsResponse,
  SessionCasesResponse,
  UnemploymentBenefitResponse,
} from './inquiry';

const NoParams = z.object({}).strict();
const Page = z.number().int().min(1).max(1000);

/**
 * What the card PIN check said. `noCard`: the social security card is no longer in the reader;
 * `cancelled`: on the reader's PIN pad, the holder pressed cancel or typed nothing in time.
 */
export const PinResult = z.discriminatedUnion('status', [
  z.object({ status: z.literal('ok') }),
  z.object({ status: z.literal('wrong'), triesLeft: z.number().int().min(1).max(15) }),
  z.object({ status: z.literal('locked') }),
  z.object({ status: z.literal('noCard') }),
  z.object({ status: z.literal('cancelled') }),
]);
export type PinResult = z.infer<typeof PinResult>;

/**
 * Whether the session has passed its second factor, and how it could: `route` is the way offered
 * first (the social security card's PIN for a card session; a face check for an ID-card or e-card
 * session whose person has an enrolled face; `notAvailable`: neither, go to a window). `face` says
 * whether a face check is possible at all (also offered to a card holder who forgot the PIN).
 */
export const SecondFactorView = z.object({
  verified: z.boolean(),
  route: z.enum(['ssCardPin', 'face', 'notAvailable']),
  face: z.boolean(),
  /** Face checks this session may still fail. */
  faceChecksLeft: z.number().int().min(0).max(100),
  /** True when the card's reader has a PIN pad: the PIN is typed there, not on the screen. */
  pinPad: z.boolean().optional(),
});
export type SecondFactorView = z.infer<typeof SecondFactorView>;

/** The content and how old the terminal's copy is; `content` is null only before the first fetch ever. */
export const CachedContent = z.object({
  content: ContentBundle.nullable(),
  /** When the copy was fetched from the hall server. */
  fetchedAt: IsoDateTime.nullable(),
  /** How long ago that was, in ms, at the time of the answer. */
  ageMs: z.number().int().min(0).nullable(),
  /** False when the hall server could not be asked just now (the copy is shown as it is). */
  fresh: z.boolean(),
});
export type CachedContent = z.infer<typeof CachedContent>;

/** What to print: a year's rights statement, or a certificate of some insurance types over a span of months. */
export const StatementRequest = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('rightsStatement'), year: z.number().int().min(1990).max(2100) }).strict(),
  z
    .object({
      kind: z.literal('insuranceCertificate'),
      from: PeriodSchema,
      to: PeriodSchema,
      insuranceTypes: z.array(InsuranceType).min(1).max(8),
    })
    .strict(),
]);
export type StatementRequest = z.infer<typeof StatementRequest>;

/** Where a statement print is. */
export const PrintStage = z.enum(['issuing', 'rendering', 'queued', 'printing', 'done', 'failed']);
export type PrintStage = z.infer<typeof PrintStage>;

/** Why a print failed, in codes a screen turns into a plain sentence. */
export const PrintFailure = z.enum([
  'printerFailed',
  'paperOut',
  'jobFailed',
  'timeout',
  'serverUnreachable',
  'notAllowed',
  'internal',
]);
export type PrintFailure = z.infer<typeof PrintFailure>;

/** The progress (and at the end the fate) of one statement print. */
export const PrintProgress = z.object({
  requestId: z.string().uuid(),
  stage: PrintStage,
  /** Known once issued: a retry reprints this statement rather than issue another. */
  statementId: z.string().uuid().nullable(),
  /** The statement's verification code, once issued (shown so the person can note it). */
  verificationCode: z.string().max(40).nullable(),
  reason: PrintFailure.nullable(),
});
export type PrintProgress = z.infer<typeof PrintProgress>;

/** A screen as it is printed on a receipt: a title and label/value lines (no ID number beyond the masked one). */
export const PageReceipt = z
  .object({
    title: z.string().min(1).max(60),
    lines: z
      .array(z.object({ label: z.string().max(40), value: z.string().max(80), flag: z.boolean().optional() }).strict())
      .max(40),
  })
  .strict();
export type PageReceipt = z.infer<typeof PageReceipt>;

export const citizenKioskMethods = {
  getSecondFactor: { params: NoParams, result: SecondFactorView },
  /** Checks the card PIN on the card itself; on `ok` the host tells the hall server. */
  /** `pin` typed on the screen; without it, on the reader's PIN pad (when SecondFactorView.pinPad). */
  verifyPin: {
    params: z
      .object({
        pin: z
          .string()
          .regex(/^\d{6}$/)
          .optional(),
      })
      .strict(),
    result: PinResult,
  },
  /** The liveness actions of the next face check (chosen by the host, like certification's). */
  startFaceCheck: { params: NoParams, result: CertificationChallenge },
  /** Sends one face check's evidence; the hall server decides and, on a pass, records the second factor. */
  verifyFace: { params: SubmitCertificationParams, result: FaceCheckOutcome },
  getEnrollments: { params: NoParams, result: EnrollmentsResponse },
  getAccounts: { params: NoParams, result: AccountsResponse },
  /** Yearly totals of one insurance type, newest first (second factor). */
  getContributionYears: {
    params: z.object({ insuranceType: InsuranceType, page: Page }).strict(),
    result: ContributionYearsResponse,
  },
  /** The months of one year (second factor). */
  getContributionMonths: {
    params: z.object({ insuranceType: InsuranceType, year: z.number().int().min(1900).max(2099), page: Page }).strict(),
    result: ContributionMonthsResponse,
  },
  /** Pension payments, newest first; `year` shows one year (the year jump) (second factor). */
  getPensionPayments: {
    params: z.object({ page: Page, year: z.number().int().min(1900).max(2099).optional() }).strict(),
    result: PensionPaymentsResponse,
  },
  getMedicalTransactions: { params: z.object({ page: Page }).strict(), result: MedicalTransactionsResponse },
  /** 失业保险金: months, amount, remaining months, payments (second factor). */
  getUnemploymentBenefit: { params: NoParams, result: UnemploymentBenefitResponse },
  getCases: { params: z.object({ page: Page }).strict(), result: SessionCasesResponse },
  /** A case by the number on its receipt (scanned or typed); no card needed. */
  lookupCase: { params: z.object({ caseNo: z.string().min(1).max(40) }).strict(), result: CaseProgress },
  /** The last receipt barcode scanned in the last minute and not yet taken, if any. */
  takeScannedCase: { params: NoParams, result: z.object({ caseNo: z.string().nullable() }) },
  getContent: { params: NoParams, result: CachedContent },
  /**
   * The real page count of a statement before printing it (the hall server renders it; nothing is
   * issued), with a shorter choice for a long certificate: the screen asks before printing many pages.
   */
  previewStatement: { params: z.object({ request: StatementRequest }).strict(), result: StatementPreview },
  printStatement: {
    params: z.object({ request: StatementRequest, requestId: z.string().uuid() }).strict(),
    result: PrintProgress,
  },
  /** Prints an already issued statement again (after a failed print): never issues a second one. */
  reprintStatement: {
    params: z.object({ statementId: z.string().uuid(), requestId: z.string().uuid() }).strict(),
    result: PrintProgress,
  },
  printPageReceipt: {
    params: z.object({ page: PageReceipt }).strict(),
    result: z.object({ printed: z.literal(true) }),
  },
} as const;

export const citizenKioskEvents = {
  printProgress: PrintProgress,
  /** A receipt barcode (not an e-card) was scanned: the cases screen looks it up. */
  caseScanned: z.object({ caseNo: z.string().min(1).max(40) }),
} as const;
