/**
 * Where to send people while a terminal is closed: the other terminals of its hall that serve now,
 * by location, and the hall's staffed-window hours. Sent with the profile and every heartbeat answer.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { TerminalAlternatives } from '../../contracts/fleet';
import type { Db } from '../db/types';
import { OFFLINE_AFTER_MS } from './fleet-view';

/** At most this many terminals are named: a sign, not a list. */
export const MAX_ALTERNATIVES = 3;

/**
 * The alternatives as one JSON value, for use inside a larger statement (the heartbeat's):
 * `{ terminals: [{ terminalId, location }], windowHours }`.
 *
 * In service means all of: enabled, not closed by staff, serving by its own last heartbeat (it may
 * have closed itself, e.g. no card reader), and that heartbeat is recent (within OFFLINE_AFTER_MS, by
 * the database's clock, which stamped it). A terminal without a location is not named (nobody could
 * find it). Other halls' terminals never appear.
 */
export function alternativesJson(terminalId: SQL | string, hallId: SQL | string): SQL {
  return sql`json_build_object(
    'terminals', coalesce((
      select json_agg(json_build_object('terminalId', a.id, 'location', a.location) order by a.id)
      from (
        select o.id, o.location from terminals o
        where o.hall_id = ${hallId} and o.id <> ${terminalId} and o.enabled and o.in_service
          and o.location is not null and btrim(o.location) <> '' and (o.heartbeat ->> 'inService') = 'true'
          and o.last_heartbeat_at > now() - make_interval(secs => ${OFFLINE_AFTER_MS / 1000})
        order by o.id limit ${MAX_ALTERNATIVES}
      ) a), '[]'::json),
    'windowHours', (select h.window_hours from halls h where h.id = ${hallId}))`;
}

/** The JSON of `alternativesJson` as the contract's value (locations trimmed, blank hours as none). */
export function alternativesFrom(value: unknown): TerminalAlternatives {
  const v = (typeof value === 'string' ? JSON.parse(value) : value) as {
    terminals: { terminalId: string; location: string }[];
    windowHours: string | null;
  };
  return {
    terminals: v.terminals.map((t) => ({ terminalId: t.terminalId, location: t.location.trim().slice(0, 120) })),
    staffedWindowHours: v.windowHours?.trim() || null,
  };
}

/** The alternatives to a terminal, in one query. */
export async function alternativesFor(db: Db, terminalId: string, hallId: string): Promise<TerminalAlternatives> {
  const result = (await db.execute(sql`select ${alternativesJson(terminalId, hallId)} as alternatives`)) as unknown as {
    rows: { alternatives: unknown }[];
  };
  return alternativesFrom(result.rows[0]!.alternatives);
}
