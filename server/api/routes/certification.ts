/** Face certification handlers: status, attempts, receipt data, the public check, simulator enrolment. */
import { eq } from 'drizzle-orm';
import type { certificationRoutes } from '../../../contracts/certification';
import { KioskError } from '../../../contracts/errors';
import { DEFAULT_HALL_TIME_ZONE } from '../../../contracts/hall-time';
import { audit } from '../../audit/audit';
import { certificationCheckPageHtml } from '../../certification/check-page';
import { checkCertification, certificationReceipt } from '../../certification/receipt';
import { enrolReference } from '../../certification/references';
import { certificationStatus } from '../../certification/status';
import { submitCertification } from '../../certification/submit';
import { persons } from '../../db/schema';
import { useSession } from '../../sessions/use-session';
import type { AuthenticatedTerminal } from '../../terminals/authenticate';
import { ALREADY_SENT, type RouteHandlers } from '../register';
import type { RouteOptions } from '../route-options';

export function certificationHandlers({
  database: { db },
  sessionIdleMs,
  certification,
  publicBaseUrl,
}: RouteOptions): RouteHandlers<typeof certificationRoutes> {
  const personOf = async ({ sessionId }: { sessionId: string }, terminal: AuthenticatedTerminal) =>
    (await useSession(db, terminal.terminalId, sessionId, sessionIdleMs)).personId;
  return {
    certificationStatus: async ({ params }, { terminal }) =>
      certificationStatus(db, await personOf(params, terminal), { ...certification, timeZone: terminal.hallTimeZone }),
    submitCertification: async ({ params, body }, { terminal }) =>
      submitCertification(
        db,
        terminal.terminalId,
        { sessionId: params.sessionId, personId: await personOf(params, terminal), idleMs: sessionIdleMs },
        body,
        { ...certification, timeZone: terminal.hallTimeZone },
      ),
    certificationReceipt: async ({ params }, { terminal, request }) =>
      certificationReceipt(
        db,
        await personOf(params, terminal),
        terminal,
        // The hall's public address for the receipt's QR link, like ticket and statement QR codes.
        publicBaseUrl ?? `${request.protocol}://${request.host}`,
      ),
    checkCertification: async ({ params }, { request, reply }) => {
      // A phone scanning the receipt's QR code asks for HTML: it gets a readable page, not JSON.
      if (!prefersHtml(request.headers.accept)) return checkCertification(db, params.certificationId, certification);
      const check = await checkCertification(db, params.certificationId, certification).catch((error: unknown) => {
        if (error instanceof KioskError && error.code === 'notFound') return null;
        throw error;
      });
      reply
        .code(check ? 200 : 404)
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .header('referrer-policy', 'no-referrer')
        // The demo and every hall this serves are in China; the dates are shown in China time.
        .send(certificationCheckPageHtml(check, DEFAULT_HALL_TIME_ZONE));
      return ALREADY_SENT;
    },
    enrolFaceReference: async ({ body }, { terminal: { terminalId } }) => {
      // Outside the embedded default the route does not exist.
      if (!certification.simulatorRoutes) throw new KioskError('notFound', 'no such route');
      const [person] = await db.select({ id: persons.id }).from(persons).where(eq(persons.idNumber, body.idNumber));
      if (!person) throw new KioskError('personNotFound', 'no such demo person');
      const enrolledAt = await enrolReference(db, person.id, body.descriptor, 'simulator');
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
  };
}

/** Whether an Accept header asks for HTML before JSON (a browser), not JSON or anything (a client). */
function prefersHtml(accept: string | undefined): boolean {
  if (!accept) return false;
  const html = accept.indexOf('text/html');
  const json = accept.indexOf('application/json');
  return html !== -1 && (json === -1 || html < json);
}
