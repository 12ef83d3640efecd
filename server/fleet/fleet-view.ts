/** The staff's fleet view: every terminal of the hall with health at a glance. */
import { and, count, eq, gt, isNull } from 'drizzle-orm';
import type { FleetTerminal, TerminalHealth } from '../../contracts/fleet';
import type { HeartbeatRequest } from '../../contracts/hall-api';
import { terminalCommands, terminals } from '../db/schema';
import type { Db } from '../db/types';

/** A terminal without a heartbeat for this long is offline (they beat every 10 s). */
export const OFFLINE_AFTER_MS = 30_000;

/**
 * Health from the devices' states now. `lastError` is history (the last fault since start, kept
 * after the device recovered) and is shown as 最近错误, so it never makes a terminal whose
 * devices all report ok look faulty.
 */
export function healthOf(heartbeat: HeartbeatRequest | null, lastAt: Date | null, now: Date): TerminalHealth {
  if (!heartbeat || !lastAt || now.getTime() - lastAt.getTime() > OFFLINE_AFTER_MS) return 'offline';
  const states = heartbeat.devices.map((d) => d.state);
  if (states.includes('failed')) return 'failed';
  if (states.includes('degraded')) return 'degraded';
  return 'ok';
}

/** The hall's terminals, by id. */
export async function fleetOf(db: Db, now: Date, hallId: string): Promise<FleetTerminal[]> {
  const [rows, pending] = await Promise.all([
    db.select().from(terminals).where(eq(terminals.hallId, hallId)).orderBy(terminals.id),
    db
      .select({ terminalId: terminalCommands.terminalId, n: count() })
      .from(terminalCommands)
      .innerJoin(terminals, eq(terminals.id, terminalCommands.terminalId))
      .where(and(eq(terminals.hallId, hallId), isNull(terminalCommands.ackedAt), gt(terminalCommands.expiresAt, now)))
      .groupBy(terminalCommands.terminalId),
  ]);
  const pendingBy = new Map(pending.map((p) => [p.terminalId, Number(p.n)]));
  return rows.map((t) => ({
    terminalId: t.id,
    location: t.location,
    enabled: t.enabled,
    inService: t.inService,
    reportedInService: t.heartbeat?.inService ?? null,
    health: healthOf(t.heartbeat, t.lastHeartbeatAt, now),
    lastHeartbeatAt: t.lastHeartbeatAt?.toISOString() ?? null,
    appVersion: t.heartbeat?.appVersion ?? null,
    uptimeS: t.heartbeat?.uptimeS ?? null,
    devices: t.heartbeat?.devices ?? [],
    lastError: t.heartbeat?.lastError ?? null,
    pendingCommands: pendingBy.get(t.id) ?? 0,
  }));
}
