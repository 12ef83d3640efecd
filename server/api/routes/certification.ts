/** Face certification handlers: status, attempts, receipt data, the public check, simulator enrolment. */
import { eq } from 'drizzle-orm';
import type { certificationRoutes } from '../../../contracts/certification';
import { KioskError } from '../../../contracts/errors';
import { audit } from '../../audit/audit';
import { checkCertification, certificationReceipt } from '../../certification/receipt';
import { enrolReference } from '../../certification/references';
import { certificationStatus } from '../../certification/status';
import { submitCertification } from '../../certification/submit';
import { persons } from '../../db/schema';
import { useSession } from '../../sessions/use-session';
import type { AuthenticatedTerminal } from '../../terminals/authenticate';
import type { RouteHandlers } from '../register';
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
    checkCertification: async ({ params }) => checkCertification(db, params.certificationId, certification),
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
