/**
 * Face certification for retirees (待遇领取资格认证 / 生存认证): the hall routes and the KioskApi
 * methods. The terminal sends only descriptors of the live face and numbers about the liveness
 * challenge; the hall server compares them with the enrolled reference, which never leaves it.
 */
import { z } from 'zod';
import { IsoDate, IsoDateTime } from './domain';
import { DEFAULT_HALL_TIME_ZONE } from './hall-time';
import { EVIDENCE_BODY_LIMIT, FaceChallenge, FaceDescriptor, FaceEvidence } from './face-challenge';
import { API_PREFIX, type HallRouteTable, SESSION_ERRORS, SessionParams } from './hall-route';

/** Where a retiree stands in the yearly cycle. */
export const CertificationStanding = z.enum([
  /** Receives no pension: nothing to certify. */
  'notReceiving',
  /** Certified this cycle; the next one opens near `dueDate`. */
  'certified',
  /** The cycle's certification is open and not yet done (validity ends on `dueDate`). */
  'due',
  /** Validity ended on `dueDate` without a new certification. */
  'overdue',
]);
export type CertificationStanding = z.infer<typeof CertificationStanding>;

/** The session person's certification status. */
export const CertificationStatus = z.object({
  standing: CertificationStanding,
  /** The day the current validity ends (the next certification is due by then); null when never certified. */
  dueDate: IsoDate.nullable(),
  lastCertifiedAt: IsoDateTime.nullable(),
  /** Whether a face reference is enrolled (without one, the person is sent to a window). */
  faceEnrolled: z.boolean(),
  /** Face attempts left today. */
  attemptsLeft: z.number().int().min(0).max(100),
});
export type CertificationStatus = z.infer<typeof CertificationStatus>;

/** The evidence of one attempt. `requestId` is the idempotency key: a retry of the same attempt reuses it. */
export const CertificationEvidence = FaceEvidence.extend({
  requestId: z.string().uuid(),
  capturedAt: IsoDateTime,
}).strict();
export type CertificationEvidence = z.infer<typeof CertificationEvidence>;

/** Why an attempt failed, each a sentence on the screen. */
export const CertificationFailure = z.enum([
  /** The live face does not match the enrolled one. */
  'noMatch',
  /** The liveness challenge was not completed. */
  'livenessIncomplete',
  /** The descriptors are not all of one person. */
  'inconsistentFace',
  /** No face reference is enrolled for this person. */
  'noReference',
  /** The face did not answer the screen's colour sequence (a recording, a photo or a screen). */
  'lightMismatch',
  /** The frames' numbers are not those of a live camera following this challenge. */
  'implausibleEvidence',
  /** The descriptors repeat an earlier attempt's (a replay). */
  'replayedEvidence',
]);
export type CertificationFailure = z.infer<typeof CertificationFailure>;

/** The server's decision on one attempt. */
export const CertificationOutcome = z.object({
  certificationId: z.string().uuid(),
  result: z.enum(['passed', 'failed']),
  reason: CertificationFailure.nullable(),
  certifiedAt: IsoDateTime,
  /** When passed: the new validity's end; when failed: the current one (or null). */
  nextDueDate: IsoDate.nullable(),
  attemptsLeft: z.number().int().min(0).max(100),
});
export type CertificationOutcome = z.infer<typeof CertificationOutcome>;

/** What a certification receipt prints; the name is masked by the server. */
export const CertificationReceiptData = z.object({
  certificationId: z.string().uuid(),
  maskedName: z.string().max(60),
  maskedIdNumber: z.string().max(18),
  certifiedAt: IsoDateTime,
  /** The terminal where it was done, or null (a window, the app, a home visit). */
  terminalId: z.string().max(64).nullable(),
  method: z.enum(['face', 'window', 'app', 'homeVisit']),
  nextDueDate: IsoDate,
  hallName: z.string().max(120),
  /** The hall's time zone (`halls.time_zone`) the certification time prints in; older servers send none. */
  hallTimeZone: z.string().max(60).default(DEFAULT_HALL_TIME_ZONE),
  /** Anyone may open this address to check the certification. */
  verificationUrl: z.string().url().max(300),
});
export type CertificationReceiptData = z.infer<typeof CertificationReceiptData>;

/** Simulator only: stores a descriptor as a demo retiree's enrolled reference. */
export const EnrolFaceRequest = z
  .object({
    idNumber: z.string().length(18),
    descriptor: FaceDescriptor,
  })
  .strict();
export type EnrolFaceRequest = z.infer<typeof EnrolFaceRequest>;
export const EnrolFaceResponse = z.object({ enrolledAt: IsoDateTime });

/** Public check of a certification (the receipt's QR code). */
export const CertificationCheck = z.object({
  valid: z.boolean(),
  maskedName: z.string().max(60),
  certifiedAt: IsoDateTime,
  validUntil: IsoDate.nullable(),
});
export type CertificationCheck = z.infer<typeof CertificationCheck>;
export const CertificationCheckParams = z.object({ certificationId: z.string().uuid() }).strict();

/** The hall routes of face certification. */
export const certificationRoutes = {
  certificationStatus: {
    method: 'GET',
    path: `${API_PREFIX}/sessions/:sessionId/certification`,
    auth: 'terminal',
    summary: "The session person's certification status (pension received, due date, attempts left)",
    params: SessionParams,
    response: { status: 200, schema: CertificationStatus, name: 'CertificationStatus' },
    errors: SESSION_ERRORS,
  },
  submitCertification: {
    method: 'POST',
    path: `${API_PREFIX}/sessions/:sessionId/certification/attempts`,
    auth: 'terminal',
    summary: 'Submit the evidence of one face attempt; the server matches it with the enrolled reference',
    params: SessionParams,
    body: { schema: CertificationEvidence, name: 'CertificationEvidence' },
    bodyLimit: EVIDENCE_BODY_LIMIT,
    response: { status: 200, schema: CertificationOutcome, name: 'CertificationOutcome' },
    errors: [...SESSION_ERRORS, 'forbidden', 'rateLimited'],
  },
  certificationReceipt: {
    method: 'GET',
    path: `${API_PREFIX}/sessions/:sessionId/certification/receipt`,
    auth: 'terminal',
    summary: "What the receipt of the person's latest passed certification prints",
    params: SessionParams,
    response: { status: 200, schema: CertificationReceiptData, name: 'CertificationReceiptData' },
    errors: [...SESSION_ERRORS, 'notFound', 'personNotFound'],
  },
  checkCertification: {
    method: 'GET',
    path: `/verify/certifications/:certificationId`,
    auth: 'public',
    summary: "Public check of a certification receipt's QR code (masked name and dates only)",
    params: CertificationCheckParams,
    response: { status: 200, schema: CertificationCheck, name: 'CertificationCheck' },
    errors: ['notFound'],
  },
  /** Only when the server runs with simulator routes (the embedded default); 404 otherwise. */
  enrolFaceReference: {
    method: 'POST',
    path: `${API_PREFIX}/simulator/face-references`,
    auth: 'terminal',
    summary: 'Simulator only: store a descriptor as a demo person’s enrolled face',
    body: { schema: EnrolFaceRequest, name: 'EnrolFaceRequest' },
    bodyLimit: 8 * 1024,
    response: { status: 200, schema: EnrolFaceResponse, name: 'EnrolFaceResponse' },
    errors: ['notFound', 'personNotFound'],
  },
} as const satisfies HallRouteTable;

const NoParams = z.object({}).strict();

/** What the renderer submits: the evidence without the idempotency key (the host owns it per attempt). */
export const SubmitCertificationParams = FaceEvidence.extend({
  /** Which attempt of this visit (1-based): a retry of the same attempt reuses its key. */
  attempt: z.number().int().min(1).max(100),
}).strict();
export type SubmitCertificationParams = z.infer<typeof SubmitCertificationParams>;

/** The result of printing a receipt. */
export const CertificationPrintResult = z.object({ printed: z.literal(true) });

/** The next attempt's challenge as the hall server issued it (the renderer follows it). */
export const CertificationChallenge = FaceChallenge;
export type CertificationChallenge = z.infer<typeof CertificationChallenge>;

/** KioskApi methods of face certification. */
export const certificationKioskMethods = {
  getCertificationStatus: { params: NoParams, result: CertificationStatus },
  /** The next attempt's challenge, issued by the hall server. */
  startCertificationAttempt: { params: NoParams, result: CertificationChallenge },
  submitCertification: { params: SubmitCertificationParams, result: CertificationOutcome },
  /** Prints the receipt of the latest passed certification (just now, or a reprint). */
  printCertificationReceipt: { params: NoParams, result: CertificationPrintResult },
} as const;
