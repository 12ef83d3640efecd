/** The staff console's queue actions: see the queue, call next, recall, skip, serve. Each is audited. */
import { and, asc, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { KioskError } from '../../contracts/errors';
import { hallDate } from '../../contracts/hall-time';
import type { CallNextRequest, StaffQueueView, StaffTicket } from '../../contracts/queue';
import { audit } from '../audit/audit';
import { queueTickets } from '../db/schema';
import type { Db } from '../db/types';
import type { SignedInStaff } from '../staff/staff-auth';
import { DEFAULT_PRIORITY_RUN, type QueueOptions, queueCategories, staffTicketOf } from './tickets';
import { noticeTicketsNear } from '../notices/events';

/** Today's queue of the staff member's hall. */
export async function staffQueue(db: Db, options: QueueOptions, who: SignedInStaff): Promise<StaffQueueView> {
  const { serviceDay, categories } = await queueCategories(db, options, who.hallId, who.hallTimeZone);
  const today = and(eq(queueTickets.hallId, who.hallId), eq(queueTickets.serviceDay, serviceDay));
  const [waiting, called, finished] = await Promise.all([
    db
      .select()
      .from(queueTickets)
      .where(and(today, eq(queueTickets.status, 'waiting')))
      .orderBy(desc(queueTickets.priority), asc(queueTickets.issuedAt), asc(queueTickets.number))
      .limit(200),
    db
      .select()
      .from(queueTickets)
      .where(and(today, eq(queueTickets.status, 'called')))
      .orderBy(desc(queueTickets.calledAt)),
    db
      .select()
      .from(queueTickets)
      .where(and(today, inArray(queueTickets.status, ['served', 'skipped'])))
      .orderBy(desc(queueTickets.finishedAt))
      .limit(50),
  ]);
  return {
    serviceDay,
    categories,
    waiting: waiting.map(staffTicketOf),
    called: called.map(staffTicketOf),
    finished: finished.map(staffTicketOf),
  };
}

/**
 * Calls the next waiting ticket of the categories to the window. Fair order (issue 16): booked
 * tickets (预约签到, `priority`) first, oldest first; but once the last `priorityRun` calls of these
 * categories today were all booked tickets, the oldest walk-in goes next, so walk-ins are never
 * starved by a stream of bookings. Within each kind, the oldest first. The window's previous call (if
 * still `called`) is marked served first: the clerk moved on. `FOR UPDATE SKIP LOCKED` lets two
 * windows call at the same moment and get different tickets, on any server instance.
 */
export async function callNext(
  db: Db,
  options: QueueOptions,
  who: SignedInStaff,
  request: CallNextRequest,
): Promise<StaffTicket | null> {
  const now = options.now();
  const day = hallDate(who.hallTimeZone, now);
  const codes = [...new Set(request.categoryCodes)];
  const called = await db.transaction(async (tx) => {
    await tx
      .update(queueTickets)
      .set({ status: 'served', finishedAt: now })
      .where(
        and(
          eq(queueTickets.hallId, who.hallId),
          eq(queueTickets.serviceDay, day),
          eq(queueTickets.windowNo, request.windowNo),
          eq(queueTickets.status, 'called'),
        ),
      );
    const run = options.priorityRun ?? DEFAULT_PRIORITY_RUN;
    const recent = await tx
      .select({ priority: queueTickets.priority })
      .from(queueTickets)
      .where(
        and(
          eq(queueTickets.hallId, who.hallId),
          eq(queueTickets.serviceDay, day),
          inArray(queueTickets.categoryCode, codes),
          isNotNull(queueTickets.calledAt),
        ),
      )
      .orderBy(desc(queueTickets.calledAt))
      .limit(run);
    const walkInTurn = run > 0 && recent.length === run && recent.every((r) => r.priority);
    const next = tx
      .select({ id: queueTickets.id })
      .from(queueTickets)
      .where(
        and(
          eq(queueTickets.hallId, who.hallId),
          eq(queueTickets.serviceDay, day),
          inArray(queueTickets.categoryCode, codes),
          eq(queueTickets.status, 'waiting'),
        ),
      )
      .orderBy(
        walkInTurn ? asc(queueTickets.priority) : desc(queueTickets.priority),
        asc(queueTickets.issuedAt),
        asc(queueTickets.number),
      )
      .limit(1)
      .for('update', { skipLocked: true });
    const [row] = await tx
      .update(queueTickets)
      .set({ status: 'called', windowNo: request.windowNo, calledAt: now, calledBy: who.staffId })
      .where(eq(queueTickets.id, sql`(${next})`))
      .returning();
    if (row) await noticeTicketsNear(tx, { hallId: who.hallId, serviceDay: day, categoryCode: row.categoryCode });
    return row;
  });
  await audit(db, {
    actorKind: 'staff',
    actorId: who.staffId,
    action: 'queue.callNext',
    result: called ? 'ok' : 'empty',
    subjectId: called?.id ?? null,
    detail: { windowNo: request.windowNo, categoryCodes: codes.join('') },
  });
  return called ? staffTicketOf(called) : null;
}

type TicketAction = 'recall' | 'skip' | 'serve';

/** Which statuses an action applies to, and which status means it already happened (a harmless retry). */
const rules: Record<TicketAction, { from: ('waiting' | 'called')[]; done: 'served' | 'skipped' | null }> = {
  recall: { from: ['called'], done: null },
  skip: { from: ['waiting', 'called'], done: 'skipped' },
  serve: { from: ['called'], done: 'served' },
};

/** Recalls, skips or serves a ticket of the staff member's hall; another hall's ticket is 404. */
export async function actOnTicket(
  db: Db,
  options: QueueOptions,
  who: SignedInStaff,
  ticketId: string,
  action: TicketAction,
): Promise<StaffTicket> {
  const now = options.now();
  const rule = rules[action];
  const set =
    action === 'recall'
      ? { calledAt: now, recallCount: sql`${queueTickets.recallCount} + 1`, calledBy: who.staffId }
      : { status: rule.done!, finishedAt: now };
  const [changed] = await db
    .update(queueTickets)
    .set(set)
    .where(
      and(eq(queueTickets.id, ticketId), eq(queueTickets.hallId, who.hallId), inArray(queueTickets.status, rule.from)),
    )
    .returning();
  const record = (result: string) =>
    audit(db, { actorKind: 'staff', actorId: who.staffId, action: `queue.${action}`, result, subjectId: ticketId });
  if (changed) {
    await record('ok');
    return staffTicketOf(changed);
  }
  const [row] = await db
    .select()
    .from(queueTickets)
    .where(and(eq(queueTickets.id, ticketId), eq(queueTickets.hallId, who.hallId)));
  if (!row) throw new KioskError('notFound', 'no such ticket in this hall');
  if (rule.done !== null && row.status === rule.done) return staffTicketOf(row);
  await record('conflict');
  throw new KioskError('conflict', `cannot ${action} a ${row.status} ticket`);
}
