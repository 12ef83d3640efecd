/**
 * Where to send people while a terminal is closed: the other terminals of its hall that serve now,
 * by location, and the hall's staffed-window hours. Sent with the profile and every heartbeat answer.
 */
import { and, asc, eq, isNotNull, ne, sql } from 'drizzle-orm';
import type { TerminalAlternatives } from '../../contracts/fleet';
import { halls, terminals } from '../db/schema';
import type { Db } from '../db/types';
import { OFFLINE_AFTER_MS } from './fleet-view';

/** At most this many terminals are named: a sign, not a list. */
export const MAX_ALTERNATIVES = 3;

/**
 * In service means all of: enabled, not closed by staff, serving by its own last heartbeat (it may
 * have closed itself, e.g. no card reader), and that heartbeat is recent (within OFFLINE_AFTER_MS, by
 * the database's clock, which stamped it). A terminal without a location is not named (nobody could
 * find it). Other halls' terminals never appear.
 */
export async function alternativesFor(db: Db, terminalId: string, hallId: string): Promise<TerminalAlternatives> {
  const rows = await db
    .select({ terminalId: terminals.id, location: terminals.location })
    .from(terminals)
    .where(
      and(
        eq(terminals.hallId, hallId),
        ne(terminals.id, terminalId),
        eq(terminals.enabled, true),
        eq(terminals.inService, true),
        isNotNull(terminals.location),
        sql`btrim(${terminals.location}) <> ''`,
        sql`(${terminals.heartbeat} ->> 'inService') = 'true'`,
        sql`${terminals.lastHeartbeatAt} > now() - make_interval(secs => ${OFFLINE_AFTER_MS / 1000})`,
      ),
    )
    .orderBy(asc(terminals.id))
    .limit(MAX_ALTERNATIVES);
  const [hall] = await db.select({ windowHours: halls.windowHours }).from(halls).where(eq(halls.id, hallId));
  return {
    terminals: rows.map((r) => ({ terminalId: r.terminalId, location: r.location!.trim().slice(0, 120) })),
    staffedWindowHours: hall?.windowHours?.trim() || null,
  };
}
