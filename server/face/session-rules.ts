/**
 * Who may hold a face attempt (issue 14): the terminal is in service and heartbeating, the session
 * was opened by a card read on this terminal minutes ago, and the terminal holds no other open
 * session. Checked when a challenge is issued and again when its evidence arrives.
 */
import { sql } from 'drizzle-orm';
import { KioskError } from '../../contracts/errors';
import type { Db } from '../db/types';

export interface FaceSessionRules {
  heartbeatMaxAgeMs: number;
  sessionMaxAgeMs: number;
  /** The session idle expiry (an idle session elsewhere on the terminal no longer counts as open). */
  sessionIdleMs: number;
}

const secs = (ms: number) => sql`make_interval(secs => ${ms / 1000})`;

/** Throws `forbidden` naming the rule broken (no personal data). */
export async function assertFaceSessionRules(
  db: Db,
  terminalId: string,
  sessionId: string,
  rules: FaceSessionRules,
): Promise<void> {
  const result = (await db.execute(sql`
    select t.in_service,
      t.last_heartbeat_at is not null and t.last_heartbeat_at > now() - ${secs(rules.heartbeatMaxAgeMs)} as heartbeating,
      s.identified_by is not null and s.opened_at > now() - ${secs(rules.sessionMaxAgeMs)} as fresh,
      (select count(*)::int from kiosk_sessions o
        where o.terminal_id = t.id and o.id <> ${sessionId} and o.closed_at is null
          and o.last_activity_at > now() - ${secs(rules.sessionIdleMs)}) as others
    from terminals t
    left join kiosk_sessions s on s.id = ${sessionId} and s.terminal_id = t.id
    where t.id = ${terminalId}`)) as unknown as {
    rows: { in_service: boolean; heartbeating: boolean; fresh: boolean; others: number }[];
  };
  const row = result.rows[0];
  if (!row?.in_service) throw new KioskError('forbidden', 'the terminal is out of service');
  if (!row.heartbeating) throw new KioskError('forbidden', 'the terminal has not sent a heartbeat lately');
  if (!row.fresh) throw new KioskError('forbidden', 'the session was not opened by a card read minutes ago');
  if (row.others > 0) throw new KioskError('forbidden', 'the terminal holds another open session');
}
