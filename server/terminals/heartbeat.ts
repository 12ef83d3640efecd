/** A terminal's heartbeat: what it says of itself is kept on its row for the staff's fleet view. */
import { eq, sql } from 'drizzle-orm';
import { noAlternatives } from '../../contracts/fleet';
import type { HeartbeatRequest, HeartbeatResponse } from '../../contracts/hall-api';
import { terminals } from '../db/schema';
import type { Db } from '../db/types';
import { alternativesFor } from '../fleet/alternatives';

/**
 * Stores the heartbeat and answers with the server's view of the terminal (staff may have closed it)
 * and where to send people while it is closed.
 */
export async function recordHeartbeat(db: Db, terminalId: string, body: HeartbeatRequest): Promise<HeartbeatResponse> {
  const [row] = await db
    .update(terminals)
    .set({ heartbeat: body, lastHeartbeatAt: sql`now()`, lastSeenAt: sql`now()` })
    .where(eq(terminals.id, terminalId))
    .returning({ inService: terminals.inService, at: terminals.lastHeartbeatAt, hallId: terminals.hallId });
  return {
    inService: row?.inService ?? false,
    receivedAt: (row?.at ?? new Date()).toISOString(),
    alternatives: row ? await alternativesFor(db, terminalId, row.hallId) : noAlternatives,
  };
}
