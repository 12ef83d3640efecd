/** Finds a terminal's open session, refreshes its idle timer, or says why it cannot be used. */
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { KioskError } from '../../contracts/errors';
import { audit } from '../audit/audit';
import { kioskSessions } from '../db/schema';
import type { Db } from '../db/types';

/** An open session, just refreshed. */
export interface ActiveSession {
  sessionId: string;
  personId: number;
  expiresAt: Date;
}

const idleInterval = (idleMs: number) => sql`make_interval(secs => ${idleMs / 1000})`;

/**
 * The open session `sessionId` of this terminal, with its last activity set to now. Another
 * terminal's session is `noSession` (its existence is not revealed); a closed or idle-expired one
 * is `sessionExpired` (and an expired one is closed on the spot).
 */
export async function useSession(
  db: Db,
  terminalId: string,
  sessionId: string,
  idleMs: number,
): Promise<ActiveSession> {
  const [fresh] = await db
    .update(kioskSessions)
    .set({ lastActivityAt: sql`now()` })
    .where(
      and(
        eq(kioskSessions.id, sessionId),
        eq(kioskSessions.terminalId, terminalId),
        isNull(kioskSessions.closedAt),
        gt(kioskSessions.lastActivityAt, sql`now() - ${idleInterval(idleMs)}`),
      ),
    )
    .returning({ personId: kioskSessions.personId, lastActivityAt: kioskSessions.lastActivityAt });
  if (fresh)
    return { sessionId, personId: fresh.personId, expiresAt: new Date(fresh.lastActivityAt.getTime() + idleMs) };

  const [row] = await db
    .select({ terminalId: kioskSessions.terminalId, closedAt: kioskSessions.closedAt })
    .from(kioskSessions)
    .where(eq(kioskSessions.id, sessionId));
  if (!row || row.terminalId !== terminalId) throw new KioskError('noSession', 'no such session on this terminal');
  if (!row.closedAt) await expireSession(db, terminalId, sessionId, idleMs);
  throw new KioskError('sessionExpired', 'the session has ended');
}

/** Closes an idle session as of the moment it went idle. */
async function expireSession(db: Db, terminalId: string, sessionId: string, idleMs: number): Promise<void> {
  const closed = await db
    .update(kioskSessions)
    .set({ closedAt: sql`${kioskSessions.lastActivityAt} + ${idleInterval(idleMs)}`, closeReason: 'expired' })
    .where(and(eq(kioskSessions.id, sessionId), isNull(kioskSessions.closedAt)))
    .returning({ id: kioskSessions.id });
  if (closed.length > 0) {
    await audit(db, { actorKind: 'system', terminalId, action: 'session.expire', result: 'ok', subjectId: sessionId });
  }
}

/** Closes the terminal's session; closing a closed one again is fine. An idle one is recorded as expired. */
export async function closeSession(db: Db, terminalId: string, sessionId: string, idleMs: number): Promise<void> {
  const [row] = await db
    .select({ terminalId: kioskSessions.terminalId, closedAt: kioskSessions.closedAt })
    .from(kioskSessions)
    .where(eq(kioskSessions.id, sessionId));
  if (!row || row.terminalId !== terminalId) throw new KioskError('noSession', 'no such session on this terminal');
  if (row.closedAt) return;
  const idleEnd = sql`${kioskSessions.lastActivityAt} + ${idleInterval(idleMs)}`;
  const [closed] = await db
    .update(kioskSessions)
    .set({
      closedAt: sql`least(now(), ${idleEnd})`,
      closeReason: sql`case when ${idleEnd} < now() then 'expired' else 'closed' end`,
    })
    .where(and(eq(kioskSessions.id, sessionId), isNull(kioskSessions.closedAt)))
    .returning({ reason: kioskSessions.closeReason });
  if (closed) {
    const action = closed.reason === 'expired' ? 'session.expire' : 'session.close';
    await audit(db, {
      actorKind: 'terminal',
      actorId: terminalId,
      terminalId,
      action,
      result: 'ok',
      subjectId: sessionId,
    });
  }
}
