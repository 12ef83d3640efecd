/**
 * The session's second factor (README "Identification and second factor"): detailed money records
 * and printing need it; a card alone shows summaries.
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import { KioskError } from '../../contracts/errors';
import type { SecondFactorMethod, SecondFactorResponse } from '../../contracts/inquiry';
import { audit } from '../audit/audit';
import { kioskSessions } from '../db/schema';
import type { Db } from '../db/types';
import { type ActiveSession, useSession } from './use-session';

/** An open session with how it was opened and its second factor (null: card only). */
export interface SessionFactors extends ActiveSession {
  identifiedBy: 'idCard' | 'ssCard' | 'eSsCard';
  secondFactor: SecondFactorMethod | null;
}

/** `useSession` plus the session's identification and second factor. */
export async function useSessionFactors(
  db: Db,
  terminalId: string,
  sessionId: string,
  idleMs: number,
): Promise<SessionFactors> {
  const session = await useSession(db, terminalId, sessionId, idleMs);
  const [row] = await db
    .select({ identifiedBy: kioskSessions.identifiedBy, secondFactor: kioskSessions.secondFactor })
    .from(kioskSessions)
    .where(eq(kioskSessions.id, sessionId));
  return { ...session, identifiedBy: row!.identifiedBy, secondFactor: row!.secondFactor ?? null };
}

/** The open session of this terminal, or 403 `secondFactorRequired` when it has no second factor yet. */
export async function useVerifiedSession(
  db: Db,
  terminalId: string,
  sessionId: string,
  idleMs: number,
): Promise<SessionFactors> {
  const session = await useSessionFactors(db, terminalId, sessionId, idleMs);
  if (!session.secondFactor) {
    throw new KioskError('secondFactorRequired', 'this needs the session to pass its second factor first');
  }
  return session;
}

/**
 * Records a second factor on an open session; the first one recorded stays (a repeat is a no-op
 * that answers the original). `face` is for the server's own face match (certification), never
 * for a terminal's claim: call it after `useSession` proved the session is this terminal's, open and
 * not idle, and only when the matched face is that session's person.
 */
export async function recordSecondFactor(
  db: Db,
  sessionId: string,
  method: SecondFactorMethod,
): Promise<SecondFactorResponse> {
  await db
    .update(kioskSessions)
    .set({ secondFactor: method, secondFactorAt: sql`now()` })
    .where(and(eq(kioskSessions.id, sessionId), isNull(kioskSessions.secondFactor), isNull(kioskSessions.closedAt)));
  const [row] = await db
    .select({ method: kioskSessions.secondFactor, at: kioskSessions.secondFactorAt })
    .from(kioskSessions)
    .where(eq(kioskSessions.id, sessionId));
  if (!row?.method || !row.at) throw new KioskError('sessionExpired', 'the session has ended');
  return { method: row.method, verifiedAt: row.at.toISOString() };
}

/**
 * A terminal reports that the social security card in its reader verified the PIN. Only a session
 * opened with that card can claim it (an ID card or e-card session has no card PIN to check).
 */
export async function reportCardPin(
  db: Db,
  terminalId: string,
  sessionId: string,
  idleMs: number,
): Promise<SecondFactorResponse> {
  const session = await useSessionFactors(db, terminalId, sessionId, idleMs);
  const base = { actorKind: 'terminal' as const, actorId: terminalId, terminalId, action: 'session.secondFactor' };
  if (session.identifiedBy !== 'ssCard') {
    await audit(db, { ...base, result: 'forbidden', subjectId: sessionId, detail: { method: 'ssCardPin' } });
    throw new KioskError('forbidden', 'only a session opened with a social security card can verify its PIN');
  }
  const recorded = await recordSecondFactor(db, sessionId, 'ssCardPin');
  await audit(db, { ...base, result: 'ok', subjectId: sessionId, detail: { method: recorded.method } });
  return recorded;
}
