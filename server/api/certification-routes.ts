/** Face certification routes: status, attempts, receipt data, the public check, simulator enrolment. */
import type { FastifyInstance } from 'fastify';
import {
  CertificationCheck,
  CertificationCheckParams,
  CertificationEvidence,
  CertificationOutcome,
  CertificationReceiptData,
  CertificationStatus,
  EnrolFaceRequest,
  EnrolFaceResponse,
  certificationHallRoutes,
} from '../../contracts/certification';
import { KioskError } from '../../contracts/errors';
import { SessionParams } from '../../contracts/hall-api';
import { eq } from 'drizzle-orm';
import { audit } from '../audit/audit';
import type { CertificationConfig } from '../certification/config';
import { checkCertification, certificationReceipt } from '../certification/receipt';
import { enrolReference } from '../certification/references';
import { certificationStatus } from '../certification/status';
import { submitCertification } from '../certification/submit';
import { persons } from '../db/schema';
import type { Database } from '../db/types';
import { useSession } from '../sessions/use-session';
import type { RouteSchemas } from './route-schemas';
import { terminalAuth, terminalOf } from './terminal-auth';
import { parseInput } from './validate';

/** Evidence is up to 10 × 128 numbers: more than the global 16 KB body limit allows. */
export const EVIDENCE_BODY_LIMIT = 96 * 1024;

export const certificationRouteSchemas = {
  certificationStatus: {
    summary: "The session person's certification status (pension received, due date, attempts left)",
    params: SessionParams,
    response: { status: 200, schema: CertificationStatus, name: 'CertificationStatus' },
    errors: [400, 401, 404, 410],
  },
  submitCertification: {
    summary: 'Submit the evidence of one face attempt; the server matches it with the enrolled reference',
    params: SessionParams,
    body: { schema: CertificationEvidence, name: 'CertificationEvidence' },
    response: { status: 200, schema: CertificationOutcome, name: 'CertificationOutcome' },
    errors: [400, 401, 403, 404, 410, 413, 429],
  },
  certificationReceipt: {
    summary: "What the receipt of the person's latest passed certification prints",
    params: SessionParams,
    response: { status: 200, schema: CertificationReceiptData, name: 'CertificationReceiptData' },
    errors: [400, 401, 404, 410],
  },
  checkCertification: {
    summary: "Public check of a certification receipt's QR code (masked name and dates only)",
    params: CertificationCheckParams,
    response: { status: 200, schema: CertificationCheck, name: 'CertificationCheck' },
    errors: [400, 404],
  },
  enrolFaceReference: {
    summary: 'Simulator only: store a descriptor as a demo person’s enrolled face',
    body: { schema: EnrolFaceRequest, name: 'EnrolFaceRequest' },
    response: { status: 200, schema: EnrolFaceResponse, name: 'EnrolFaceResponse' },
    errors: [400, 401, 404],
  },
} satisfies { [K in keyof typeof certificationHallRoutes]: RouteSchemas };

export interface CertificationRouteOptions {
  database: Database;
  sessionIdleMs: number;
  certification: CertificationConfig;
  /** The hall's public address for the receipt's QR link (default: this server as the terminal reached it). */
  publicBaseUrl?: string;
}

/** Registers the certification routes. */
export function registerCertificationRoutes(
  app: FastifyInstance,
  { database, sessionIdleMs, certification, publicBaseUrl }: CertificationRouteOptions,
): void {
  const { db } = database;
  const auth = terminalAuth(db);
  const r = certificationHallRoutes;
  const s = certificationRouteSchemas;

  async function sessionOf(request: Parameters<typeof terminalOf>[0]) {
    const { sessionId } = parseInput(SessionParams, request.params, 'params');
    return useSession(db, terminalOf(request).terminalId, sessionId, sessionIdleMs);
  }

  app.route({
    method: r.certificationStatus.method,
    url: r.certificationStatus.path,
    onRequest: auth,
    handler: async (request) => certificationStatus(db, (await sessionOf(request)).personId, certification),
  });

  app.route({
    method: r.submitCertification.method,
    url: r.submitCertification.path,
    onRequest: auth,
    bodyLimit: EVIDENCE_BODY_LIMIT,
    handler: async (request) => {
      const session = await sessionOf(request);
      const evidence = parseInput(s.submitCertification.body.schema, request.body, 'body');
      return submitCertification(db, terminalOf(request).terminalId, session.personId, evidence, certification);
    },
  });

  app.route({
    method: r.certificationReceipt.method,
    url: r.certificationReceipt.path,
    onRequest: auth,
    handler: async (request) => {
      const session = await sessionOf(request);
      return certificationReceipt(
        db,
        session.personId,
        terminalOf(request).hallName,
        publicBaseUrl ?? `${request.protocol}://${request.host}`,
      );
    },
  });

  app.route({
    method: r.checkCertification.method,
    url: r.checkCertification.path,
    handler: async (request) => {
      const { certificationId } = parseInput(CertificationCheckParams, request.params, 'params');
      return checkCertification(db, certificationId, certification);
    },
  });

  app.route({
    method: r.enrolFaceReference.method,
    url: r.enrolFaceReference.path,
    onRequest: auth,
    bodyLimit: 8 * 1024,
    handler: async (request) => {
      // Outside the embedded default the route does not exist.
      if (!certification.simulatorRoutes) throw new KioskError('notFound', 'no such route');
      const body = parseInput(EnrolFaceRequest, request.body, 'body');
      const [person] = await db.select({ id: persons.id }).from(persons).where(eq(persons.idNumber, body.idNumber));
      if (!person) throw new KioskError('personNotFound', 'no such demo person');
      const enrolledAt = await enrolReference(db, person.id, body.descriptor, 'simulator');
      const terminalId = terminalOf(request).terminalId;
      await audit(db, {
        actorKind: 'terminal',
        actorId: terminalId,
        terminalId,
        action: 'face.enrol',
        result: 'ok',
        subjectId: String(person.id),
      });
      return { enrolledAt: enrolledAt.toISOString() };
    },
  });
}
