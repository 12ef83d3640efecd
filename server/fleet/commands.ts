/**
 * Terminal commands: staff issue them, terminals fetch the pending ones (delivery may repeat) and
 * ack each once (idempotent: the first result stands). `outOfService` / `inService` flip
 * terminals.in_service when issued, so heartbeat and profile answers agree at once.
 */
import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import { KioskError } from '../../contracts/errors';
import type {
  AckCommandRequest,
  AckCommandResponse,
  CommandView,
  DeviceName,
  SendCommandRequest,
  TerminalCommand,
} from '../../contracts/fleet';
import { audit } from '../audit/audit';
import { terminalCommands, terminals } from '../db/schema';
import type { Db } from '../db/types';
import type { SignedInStaff } from '../staff/staff-auth';

/** How long an undelivered command stays deliverable by default. */
export const DEFAULT_COMMAND_TTL_S = 600;

type CommandRow = typeof terminalCommands.$inferSelect;

function commandOf(row: CommandRow): TerminalCommand {
  return {
    commandId: row.id,
    kind: row.kind,
    device: (row.device as DeviceName | null) ?? null,
    issuedAt: row.issuedAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
  };
}

function viewOf(row: CommandRow, now: Date): CommandView {
  return {
    ...commandOf(row),
    terminalId: row.terminalId,
    issuedBy: row.issuedBy,
    status: row.ackedAt ? 'acked' : row.expiresAt <= now ? 'expired' : 'pending',
    firstDeliveredAt: row.firstDeliveredAt?.toISOString() ?? null,
    result: row.result,
    resultDetail: row.resultDetail,
    ackedAt: row.ackedAt?.toISOString() ?? null,
  };
}

async function hallTerminal(db: Db, who: SignedInStaff, terminalId: string) {
  const [row] = await db
    .select({ id: terminals.id })
    .from(terminals)
    .where(and(eq(terminals.id, terminalId), eq(terminals.hallId, who.hallId)));
  if (!row) throw new KioskError('notFound', 'no such terminal in this hall');
}

/** Issues a command to a terminal of the staff member's hall (a repeated idempotency key returns the first). */
export async function sendCommand(
  db: Db,
  now: Date,
  who: SignedInStaff,
  terminalId: string,
  request: SendCommandRequest,
): Promise<CommandView> {
  await hallTerminal(db, who, terminalId);
  const key = request.idempotencyKey ? `${who.staffId}:${request.idempotencyKey}` : null;
  const expiresAt = new Date(now.getTime() + (request.ttlS ?? DEFAULT_COMMAND_TTL_S) * 1000);
  const row = await db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(terminalCommands)
      .values({
        terminalId,
        kind: request.kind,
        device: request.device ?? null,
        issuedBy: who.staffId,
        issuedAt: now,
        expiresAt,
        idempotencyKey: key,
      })
      .onConflictDoNothing({ target: terminalCommands.idempotencyKey })
      .returning();
    if (!inserted) return null;
    if (request.kind === 'outOfService' || request.kind === 'inService') {
      await tx
        .update(terminals)
        .set({ inService: request.kind === 'inService' })
        .where(eq(terminals.id, terminalId));
    }
    return inserted;
  });
  if (!row) {
    const [earlier] = await db.select().from(terminalCommands).where(eq(terminalCommands.idempotencyKey, key!));
    if (!earlier || earlier.terminalId !== terminalId || earlier.kind !== request.kind) {
      throw new KioskError('conflict', 'this retry key was used for another command');
    }
    return viewOf(earlier, now);
  }
  await audit(db, {
    actorKind: 'staff',
    actorId: who.staffId,
    terminalId,
    action: 'fleet.command',
    result: 'issued',
    subjectId: row.id,
    detail: { kind: row.kind, device: row.device, expiresAt: row.expiresAt.toISOString() },
  });
  return viewOf(row, now);
}

/** The terminal's pending commands (unacked, unexpired), oldest first; marks them delivered. */
export async function pendingCommands(db: Db, now: Date, terminalId: string): Promise<TerminalCommand[]> {
  const rows = await db
    .update(terminalCommands)
    .set({
      firstDeliveredAt: sql`coalesce(${terminalCommands.firstDeliveredAt}, now())`,
      deliveryCount: sql`${terminalCommands.deliveryCount} + 1`,
    })
    .where(
      and(
        eq(terminalCommands.terminalId, terminalId),
        isNull(terminalCommands.ackedAt),
        gt(terminalCommands.expiresAt, now),
      ),
    )
    .returning();
  for (const row of rows.filter((r) => r.deliveryCount === 1)) {
    await audit(db, {
      actorKind: 'terminal',
      actorId: terminalId,
      terminalId,
      action: 'fleet.deliver',
      result: 'ok',
      subjectId: row.id,
      detail: { kind: row.kind },
    });
  }
  return rows.sort((a, b) => a.seq - b.seq).map(commandOf);
}

/** Records the terminal's ack; a repeat (or a different later result) answers the first one. */
export async function ackCommand(
  db: Db,
  terminalId: string,
  commandId: string,
  request: AckCommandRequest,
): Promise<AckCommandResponse> {
  const [acked] = await db
    .update(terminalCommands)
    .set({ ackedAt: sql`now()`, result: request.result, resultDetail: request.detail ?? null })
    .where(
      and(
        eq(terminalCommands.id, commandId),
        eq(terminalCommands.terminalId, terminalId),
        isNull(terminalCommands.ackedAt),
      ),
    )
    .returning();
  if (acked) {
    await audit(db, {
      actorKind: 'terminal',
      actorId: terminalId,
      terminalId,
      action: 'fleet.ack',
      result: request.result,
      subjectId: commandId,
      detail: { kind: acked.kind, detail: request.detail ?? null },
    });
    return { commandId, result: acked.result!, ackedAt: acked.ackedAt!.toISOString() };
  }
  const [row] = await db
    .select()
    .from(terminalCommands)
    .where(and(eq(terminalCommands.id, commandId), eq(terminalCommands.terminalId, terminalId)));
  if (!row || !row.ackedAt || !row.result) throw new KioskError('notFound', 'no such command for this terminal');
  return { commandId, result: row.result, ackedAt: row.ackedAt.toISOString() };
}

/** A terminal's last 50 commands, newest first. */
export async function listCommands(db: Db, now: Date, who: SignedInStaff, terminalId: string): Promise<CommandView[]> {
  await hallTerminal(db, who, terminalId);
  const rows = await db
    .select()
    .from(terminalCommands)
    .where(eq(terminalCommands.terminalId, terminalId))
    .orderBy(desc(terminalCommands.seq))
    .limit(50);
  return rows.map((r) => viewOf(r, now));
}
