/** A terminal's heartbeat: what it says of itself is kept on its row for the staff's fleet view. */
import { sql } from 'drizzle-orm';
import { noAlternatives } from '../../contracts/fleet';
import type { HeartbeatRequest, HeartbeatResponse } from '../../contracts/hall-api';
import type { Db } from '../db/types';
import { alternativesFrom, alternativesJson } from '../fleet/alternatives';

/**
 * Stores the heartbeat and answers with the server's view of the terminal (staff may have closed it)
 * and where to send people while it is closed. One statement: 500 terminals heartbeat every 10 s, and
 * each round trip to the database costs the server process more CPU than anything else here.
 */
export async function recordHeartbeat(db: Db, terminalId: string, body: HeartbeatRequest): Promise<HeartbeatResponse> {
  const result = (await db.execute(sql`
    with hb as (
      update terminals set heartbeat = ${JSON.stringify(body)}::jsonb, last_heartbeat_at = now(), last_seen_at = now()
      where id = ${terminalId}
      returning in_service, last_heartbeat_at, hall_id
    )
    select hb.in_service, extract(epoch from hb.last_heartbeat_at) * 1000 as at_ms,
      ${alternativesJson(sql`${terminalId}`, sql`hb.hall_id`)} as alternatives
    from hb`)) as unknown as { rows: { in_service: boolean; at_ms: string | number; alternatives: unknown }[] };
  const row = result.rows[0];
  return {
    inService: row?.in_service ?? false,
    receivedAt: (row ? new Date(Math.floor(Number(row.at_ms))) : new Date()).toISOString(),
    alternatives: row ? alternativesFrom(row.alternatives) : noAlternatives,
  };
}
