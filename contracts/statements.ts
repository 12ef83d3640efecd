/**
 * Statements (证明与记录单): the rights statement (个人权益记录单) of one year and the insurance
 * certificate (参保证明) of a span of months, issued as signed A4 PDFs for the session's person.
 *
 * Issuing is idempotent by `requestId`: the same request id (for the same person) returns the same
 * statement, so a retry after a lost answer never issues a second one. A failed print is retried by
 * re-fetching the statement (`getStatement`), never by issuing again.
 *
 * Every statement carries a verification code (核验码) and a QR code of the public verification page
 * (`/verify?code=...`). The server signs the canonical content (Ed25519); anyone can check it with
 * the published public key (`/.well-known/statement-key`).
 */
import { z } from 'zod';
import { InsuranceType, IsoDateTime, PeriodSchema } from './domain';
import { API_PREFIX, type HallRouteTable, SESSION_ERRORS, SessionParams } from './hall-route';

export const statementKinds = ['rightsStatement', 'insuranceCertificate'] as const;
export const StatementKind = z.enum(statementKinds);
export type StatementKind = z.infer<typeof StatementKind>;

/** The longest span an insurance certificate may cover (months). */
export const CERTIFICATE_MAX_MONTHS = 360;
/** The earliest year a rights statement may cover. */
export const STATEMENT_MIN_YEAR = 1990;

/** Client-chosen idempotency key: one per "print this" tap, reused on retries. */
export const StatementRequestId = z.string().uuid();

/** A year's rights statement, or a certificate of some insurance types over a span of months. */
const rightsStatementAsk = z
  .object({
    kind: z.literal('rightsStatement'),
    /** The calendar year (e.g. 2024); the current year is allowed (months so far). */
    year: z.number().int().min(STATEMENT_MIN_YEAR).max(2100),
  })
  .strict();
const certificateAsk = z
  .object({
    kind: z.literal('insuranceCertificate'),
    /** First and last month, `YYYYMM`, inclusive. */
    from: PeriodSchema,
    to: PeriodSchema,
    /** Which insurance types to certify (the person's enrollments among them). */
    insuranceTypes: z.array(InsuranceType).min(1).max(8),
  })
  .strict();

function checkSpan(
  value: { kind: StatementKind; from?: string; to?: string; insuranceTypes?: readonly string[] },
  ctx: z.RefinementCtx,
): void {
  if (value.kind !== 'insuranceCertificate' || !value.from || !value.to || !value.insuranceTypes) return;
  if (value.from > value.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'to must not be before from' });
  const months =
    (Number(value.to.slice(0, 4)) - Number(value.from.slice(0, 4))) * 12 +
    Number(value.to.slice(4)) -
    Number(value.from.slice(4)) +
    1;
  if (months > CERTIFICATE_MAX_MONTHS)
    ctx.addIssue({ code: 'custom', path: ['to'], message: `at most ${CERTIFICATE_MAX_MONTHS} months` });
  if (new Set(value.insuranceTypes).size !== value.insuranceTypes.length)
    ctx.addIssue({ code: 'custom', path: ['insuranceTypes'], message: 'duplicate insurance type' });
}

/** What a statement is to cover, without an idempotency key (asking for its page count issues nothing). */
export const StatementAsk = z.discriminatedUnion('kind', [rightsStatementAsk, certificateAsk]).superRefine(checkSpan);
export type StatementAsk = z.infer<typeof StatementAsk>;

export const IssueStatementRequest = z
  .discriminatedUnion('kind', [
    rightsStatementAsk.extend({ requestId: StatementRequestId }).strict(),
    certificateAsk.extend({ requestId: StatementRequestId }).strict(),
  ])
  .superRefine(checkSpan);
export type IssueStatementRequest = z.infer<typeof IssueStatementRequest>;

/**
 * A verification code as printed: 16 characters of Crockford base32 in groups of four
 * (`7K3M-Q9XD-2HTB-W5RT`), the last one a check character so a mistyped code is caught at once.
 * Input is forgiving (lower case, spaces, O for 0, I/L for 1); `normalizeVerificationCode` gives the canonical form.
 */
export const VERIFICATION_CODE_PATTERN =
  /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;
export const VerificationCode = z.string().regex(VERIFICATION_CODE_PATTERN);

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** The check character of 15 code characters (weighted sum mod 31; catches single changes and swaps of neighbours). */
export function verificationCheckChar(body15: string): string {
  let sum = 0;
  for (let i = 0; i < body15.length; i++) sum += (i + 1) * CROCKFORD.indexOf(body15[i]!);
  return CROCKFORD[sum % 31]!;
}

/** The canonical code, or null when it is not a well-formed code (wrong length, bad check character). */
export function normalizeVerificationCode(input: string): string | null {
  const chars = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (!/^[0-9A-HJKMNP-TV-Z]{16}$/.test(chars)) return null;
  if (verificationCheckChar(chars.slice(0, 15)) !== chars[15]) return null;
  return chars.match(/.{4}/g)!.join('-');
}

/** Makes a code from 15 random base32 characters' worth of bytes (at least 10 bytes given). */
export function verificationCodeFromBytes(bytes: Uint8Array): string {
  let body = '';
  for (let i = 0; i < 15; i++) body += CROCKFORD[bytes[i % bytes.length]! % 32];
  return (body + verificationCheckChar(body)).match(/.{4}/g)!.join('-');
}

/** An issued statement with its PDF (A4, base64), for printing and reprinting. */
export const StatementIssued = z.object({
  statementId: z.string().uuid(),
  kind: StatementKind,
  verificationCode: VerificationCode,
  /** What the statement covers, as printed (e.g. "2024年" or "2015年01月至2024年12月"). */
  coverage: z.string().max(60),
  issuedAt: IsoDateTime,
  pageCount: z.number().int().min(1),
  /** The PDF file, base64; identical bytes on every fetch of the same statement. */
  pdfBase64: z.string(),
  /** SHA-256 of the PDF bytes, lowercase hex (also part of the signed content). */
  pdfSha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** True when this answer is an earlier issue returned again (same requestId, or a re-fetch). */
  alreadyIssued: z.boolean(),
});
export type StatementIssued = z.infer<typeof StatementIssued>;

/**
 * Statements longer than this many pages are printed only after the person confirms the count
 * (共 N 页，确定打印吗？): one tap must not empty the paper tray by surprise.
 */
export const STATEMENT_CONFIRM_PAGES = 2;

/** One choice of the page-count question: what would print, as printed, and its real page count. */
export const StatementPages = z.object({
  ask: StatementAsk,
  /** What the statement covers, as printed (e.g. "2015年01月至2024年12月"). */
  coverage: z.string().max(60),
  /** The page count of the PDF the server renders for exactly this request now. */
  pageCount: z.number().int().min(1),
});
export type StatementPages = z.infer<typeof StatementPages>;

/**
 * The page count of a statement before it is issued, rendered by the server exactly as issuing would
 * (nothing is recorded or signed), and for a long certificate a shorter choice: its last year.
 */
export const StatementPreview = StatementPages.extend({
  /** For a certificate of more than STATEMENT_CONFIRM_PAGES pages spanning over a year: its last 12 months. */
  shorter: StatementPages.nullable(),
});
export type StatementPreview = z.infer<typeof StatementPreview>;

export const StatementParams = z.object({ sessionId: z.string().uuid(), statementId: z.string().uuid() }).strict();
export const VerifyParams = z.object({ code: z.string().min(1).max(40) }).strict();

/** One table row of the signed content: a month and what was paid for each certified insurance type. */
export const StatementMonthRow = z.object({
  period: PeriodSchema,
  /** Contribution base (缴费基数), fen; null when no contribution that month. */
  base: z.number().int().nullable(),
  cells: z.array(
    z.object({
      insuranceType: InsuranceType,
      /** paid: 已缴; arrears: 欠费; none: no record (未参保/未缴). */
      state: z.enum(['paid', 'arrears', 'none']),
      employerAmount: z.number().int(),
      personalAmount: z.number().int(),
    }),
  ),
});
export type StatementMonthRow = z.infer<typeof StatementMonthRow>;

/** Per insurance type totals over the covered months. */
export const StatementTypeTotal = z.object({
  insuranceType: InsuranceType,
  /** Enrollment status at issue time, or null when never enrolled. */
  status: z.enum(['active', 'suspended', 'terminated', 'receiving']).nullable(),
  startDate: z.string().nullable(),
  paidMonths: z.number().int().min(0),
  arrearsMonths: z.number().int().min(0),
  employerTotal: z.number().int(),
  personalTotal: z.number().int(),
});
export type StatementTypeTotal = z.infer<typeof StatementTypeTotal>;

/**
 * The canonical content of a statement, exactly what is signed (as canonical JSON: keys sorted,
 * no spaces). It holds the masked ID number only, so it can be shown to whoever holds the code.
 */
export const StatementContent = z.object({
  version: z.literal(1),
  statementId: z.string().uuid(),
  kind: StatementKind,
  verificationCode: VerificationCode,
  issuer: z.string(),
  hallName: z.string(),
  issuedAt: IsoDateTime,
  person: z.object({ name: z.string(), maskedIdNumber: z.string() }),
  coverage: z.object({ from: PeriodSchema, to: PeriodSchema, insuranceTypes: z.array(InsuranceType) }),
  rows: z.array(StatementMonthRow),
  totals: z.array(StatementTypeTotal),
  /** Pension individual account (养老保险个人账户累计储存额) at issue time, rights statement only. */
  pensionAccount: z.object({ balance: z.number().int(), asOfPeriod: PeriodSchema }).nullable(),
  /** Paid months of pension insurance ever (累计缴费月数). */
  pensionPaidMonthsTotal: z.number().int().min(0),
  /**
   * The employers (参保单位) that paid in the covered months, each with its first and last month
   * there, in order. Absent from statements issued before employers were printed.
   */
  employers: z.array(z.object({ name: z.string(), from: PeriodSchema, to: PeriodSchema })).optional(),
  pageCount: z.number().int().min(1),
  pdfSha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type StatementContent = z.infer<typeof StatementContent>;

/** The answer of the public verification API. */
export const VerificationResult = z.discriminatedUnion('genuine', [
  z.object({
    genuine: z.literal(true),
    content: StatementContent,
    /** The canonical JSON that was signed, byte for byte, and its Ed25519 signature (base64). */
    signedContent: z.string(),
    signature: z.string(),
    keyId: z.string(),
  }),
  z.object({
    genuine: z.literal(false),
    /** malformedCode: not a code (typo); unknownCode: never issued; badSignature: the record does not verify. */
    reason: z.enum(['malformedCode', 'unknownCode', 'badSignature']),
  }),
]);
export type VerificationResult = z.infer<typeof VerificationResult>;

/** One public key of statement signatures. */
export const PublishedStatementKey = z.object({
  algorithm: z.literal('Ed25519'),
  /** First 16 hex of SHA-256 of the SPKI DER; a statement's record names the key that signed it. */
  keyId: z.string(),
  /** SPKI PEM. */
  publicKeyPem: z.string(),
  /** The key signing new statements (exactly one). */
  current: z.boolean(),
  /** When a stored key was rotated out; null for the current key and keys retired outside the database. */
  retiredAt: IsoDateTime.nullable(),
});
export type PublishedStatementKey = z.infer<typeof PublishedStatementKey>;

/**
 * The published keys of statement signatures. The top-level `publicKeyPem` / `keyId` are the current
 * key (as before rotation existed); `keys` lists it first, then every earlier key the server still
 * verifies with, so a statement signed before a key change can be checked offline by its `keyId`.
 */
export const StatementKey = z.object({
  algorithm: z.literal('Ed25519'),
  /** SPKI PEM of the current key. */
  publicKeyPem: z.string(),
  /** First 16 hex of SHA-256 of the SPKI DER of the current key. */
  keyId: z.string(),
  keys: z.array(PublishedStatementKey).min(1),
});
export type StatementKey = z.infer<typeof StatementKey>;

/** Statement routes: issue and re-fetch need the terminal; verification and the key are public. */
export const statementRoutes = {
  issueStatement: {
    method: 'POST',
    path: `${API_PREFIX}/sessions/:sessionId/statements`,
    auth: 'terminal',
    summary:
      "Issue a statement (rights statement or insurance certificate) for the session's person; idempotent by requestId (201 when issued, 200 with the same statement when the requestId was seen)",
    params: SessionParams,
    body: { schema: IssueStatementRequest, name: 'IssueStatementRequest' },
    response: { status: 201, schema: StatementIssued, name: 'StatementIssued' },
    errors: [...SESSION_ERRORS, 'secondFactorRequired', 'personNotFound'],
  },
  previewStatement: {
    method: 'POST',
    path: `${API_PREFIX}/sessions/:sessionId/statements/preview`,
    auth: 'terminal',
    summary:
      "The page count of a statement for the session's person before it is issued (rendered as issuing would, nothing recorded), and a shorter choice for a long certificate",
    params: SessionParams,
    body: { schema: StatementAsk, name: 'StatementAsk' },
    response: { status: 200, schema: StatementPreview, name: 'StatementPreview' },
    errors: [...SESSION_ERRORS, 'secondFactorRequired', 'personNotFound'],
  },
  getStatement: {
    method: 'GET',
    path: `${API_PREFIX}/sessions/:sessionId/statements/:statementId`,
    auth: 'terminal',
    summary: 'The same issued statement again (for a reprint), never a new one',
    params: StatementParams,
    response: { status: 200, schema: StatementIssued, name: 'StatementIssued' },
    errors: [...SESSION_ERRORS, 'secondFactorRequired', 'notFound'],
  },
  verifyStatement: {
    method: 'GET',
    path: `${API_PREFIX}/verify/:code`,
    auth: 'public',
    summary: 'Public: whether a verification code belongs to a genuine statement, and its content (ID number masked)',
    params: VerifyParams,
    response: { status: 200, schema: VerificationResult, name: 'VerificationResult' },
    errors: [],
  },
  statementKey: {
    method: 'GET',
    path: '/.well-known/statement-key',
    auth: 'public',
    summary:
      'Public: the Ed25519 public key that signs statements (keyId, publicKeyPem) and every earlier key still used to verify older statements (keys)',
    response: { status: 200, schema: StatementKey, name: 'StatementKey' },
    errors: [],
  },
} as const satisfies HallRouteTable;

/** The public HTML verification page (not part of the JSON API; `?code=` pre-fills and checks). */
export const VERIFY_PAGE_PATH = '/verify';
