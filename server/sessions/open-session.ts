/** Opens a kiosk session for the person on the card, on one terminal. */
import { eq } from 'drizzle-orm';
import type { PersonView } from '../../contracts/domain';
import { KioskError } from '../../contracts/errors';
import type { OpenSessionRequest, OpenSessionResponse } from '../../contracts/hall-api';
import { maskIdNumber } from '../../contracts/id-number';
import { audit } from '../audit/audit';
import { kioskSessions, persons } from '../db/schema';
import type { Db } from '../db/types';
import type { ECardIssuer } from '../ecard/e-card-issuer';
import type { AuthenticatedTerminal } from '../terminals/authenticate';

/** GB/T 2261.1 sex code to the contract's words. */
function sexOf(code: string): PersonView['sex'] {
  return code === '1' ? 'male' : code === '2' ? 'female' : 'unknown';
}

/** Names match when equal after trimming and removing inner spaces (card readers pad with spaces). */
function sameName(a: string, b: string): boolean {
  return a.replace(/\s+/g, '') === b.replace(/\s+/g, '');
}

/**
 * Resolves the person (ID number and name must both match) and records a new session. An e-card
 * code is verified first (signature, lifetime); its holder is then resolved exactly like a card's.
 */
export async function openSession(
  db: Db,
  terminal: AuthenticatedTerminal,
  request: OpenSessionRequest,
  idleMs: number,
  eCard: ECardIssuer,
): Promise<OpenSessionResponse> {
  const base = {
    actorKind: 'terminal' as const,
    actorId: terminal.terminalId,
    terminalId: terminal.terminalId,
    action: 'session.open',
  };
  if (!terminal.inService) {
    await audit(db, { ...base, result: 'outOfService' });
    throw new KioskError('outOfService', 'this terminal is out of service');
  }
  let holder: { idNumber: string; name: string };
  if (request.identifiedBy === 'eSsCard') {
    try {
      holder = eCard.verify(request.code);
    } catch (error) {
      if (!(error instanceof KioskError)) throw error;
      // The code and its holder stay out of the audit log: only why it was refused.
      await audit(db, { ...base, result: error.code, detail: { identifiedBy: request.identifiedBy } });
      throw error;
    }
  } else {
    holder = { idNumber: request.idNumber, name: request.name };
  }
  const [person] = await db
    .select({
      id: persons.id,
      idNumber: persons.idNumber,
      name: persons.name,
      sex: persons.sex,
      isRetiree: persons.isRetiree,
    })
    .from(persons)
    .where(eq(persons.idNumber, holder.idNumber));
  if (!person || !sameName(person.name, holder.name)) {
    await audit(db, { ...base, result: 'personNotFound' });
    throw new KioskError('personNotFound', 'no person with this ID number and name');
  }
  const [session] = await db
    .insert(kioskSessions)
    .values({ terminalId: terminal.terminalId, personId: person.id, identifiedBy: request.identifiedBy })
    .returning({ id: kioskSessions.id, lastActivityAt: kioskSessions.lastActivityAt });
  await audit(db, {
    ...base,
    result: 'ok',
    subjectId: session!.id,
    detail: { personId: person.id, identifiedBy: request.identifiedBy },
  });
  return {
    sessionId: session!.id,
    person: {
      name: person.name,
      maskedIdNumber: maskIdNumber(person.idNumber),
      sex: sexOf(person.sex),
      isRetiree: person.isRetiree,
    },
    expiresAt: new Date(session!.lastActivityAt.getTime() + idleMs).toISOString(),
  };
}
