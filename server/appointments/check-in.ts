/**
 * Check-in (预约签到) at the kiosk: a person identified by ID card, social security card or e-card
 * whose booking today in this hall is inside its check-in window gets a priority ticket (`YA001`),
 * numbered in its own series per hall, category and day. Outside the window they are told plainly:
 * too early (come back from …) or too late (the booking is closed; take an ordinary ticket, and it
 * does not count as a no-show, since they came).
 */
import { type SQL, and, asc, between, eq, inArray, or, sql } from 'drizzle-orm';
import { CHECK_IN_EARLY_MIN, CHECK_IN_LATE_MIN, type CheckInResponse } from '../../contracts/appointments';
import { KioskError } from '../../contracts/errors';
import { hallDate } from '../../contracts/hall-time';
import { audit } from '../audit/audit';
import { appointments, persons, queueTickets } from '../db/schema';
import type { Db } from '../db/types';
import { type QueueOptions, placeOf, progressOf, ticketView } from '../queue/tickets';
import type { AuthenticatedTerminal } from '../terminals/authenticate';
import type { AppointmentOptions } from './options';
import { checkInTiming } from './slot-times';
import { type AppointmentRow, appointmentViews } from './views';

type TicketRow = typeof queueTickets.$inferSelect;

/**
 * The next priority number of a category's queue day, under a transaction-scoped advisory lock. The
 * ticket joins the queue of the day it is issued, beside that day's walk-ins (a 00:00 booking checked
 * in at 23:50 is called from tonight's queue).
 */
async function issuePriorityTicket(
  tx: Db,
  terminal: AuthenticatedTerminal,
  booking: AppointmentRow,
  key: string,
  now: Date,
  serviceDay: string,
): Promise<TicketRow> {
  const lockKey = `priority:${booking.hallId}:${booking.categoryCode}:${serviceDay}`;
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${lockKey}))`);
  const [last] = await tx
    .select({ n: sql<number>`coalesce(max(${queueTickets.number}), 0)` })
    .from(queueTickets)
    .where(
      and(
        eq(queueTickets.hallId, booking.hallId),
        eq(queueTickets.categoryCode, booking.categoryCode),
        eq(queueTickets.serviceDay, serviceDay),
        eq(queueTickets.priority, true),
      ),
    );
  const [ticket] = await tx
    .insert(queueTickets)
    .values({
      hallId: booking.hallId,
      categoryCode: booking.categoryCode,
      serviceDay,
      number: Number(last?.n ?? 0) + 1,
      personId: booking.personId,
      terminalId: terminal.terminalId,
      idempotencyKey: key,
      issuedAt: now,
      priority: true,
    })
    .returning();
  return ticket!;
}

/** The bookings whose check-in window holds `now`, whatever their hall-date. */
export function checkInWindowHolds(now: Date): SQL {
  return between(
    appointments.startsAt,
    new Date(now.getTime() - CHECK_IN_LATE_MIN * 60_000),
    new Date(now.getTime() + CHECK_IN_EARLY_MIN * 60_000),
  );
}

/**
 * Checks the person in for their booking in the terminal's hall: one of today's, or one whose
 * check-in window holds now although it lies on another hall-date (a 00:00 slot opens at 23:30, and
 * a 23:50 slot stays open until 00:05).
 */
export async function checkIn(
  db: Db,
  options: AppointmentOptions,
  queue: QueueOptions,
  terminal: AuthenticatedTerminal,
  personId: number,
  idempotencyKey: string,
  baseUrl: string,
): Promise<CheckInResponse> {
  const now = options.now();
  const today = hallDate(terminal.hallTimeZone, now);
  const key = `${terminal.terminalId}:${idempotencyKey}`;
  const result = await db.transaction(async (tx) => {
    await tx.execute(sql`select ${persons.id} from ${persons} where ${persons.id} = ${personId} for update`);
    const rows = await tx
      .select()
      .from(appointments)
      .where(
        and(
          eq(appointments.personId, personId),
          eq(appointments.hallId, terminal.hallId),
          or(eq(appointments.day, today), checkInWindowHolds(now)),
          inArray(appointments.status, ['booked', 'checkedIn']),
        ),
      )
      .orderBy(asc(appointments.startsAt));
    const open = rows.find((r) => r.status === 'booked' && checkInTiming(r.startsAt, now) === 'open');
    if (open) {
      const ticket = await issuePriorityTicket(tx, terminal, open, key, now, today);
      const [checked] = await tx
        .update(appointments)
        .set({ status: 'checkedIn', checkedInAt: now, ticketId: ticket.id })
        .where(eq(appointments.id, open.id))
        .returning();
      await audit(tx, {
        actorKind: 'terminal',
        actorId: terminal.terminalId,
        terminalId: terminal.terminalId,
        action: 'appointment.checkIn',
        result: 'ok',
        subjectId: open.id,
        detail: { ticketId: ticket.id },
      });
      return { outcome: 'ticket' as const, booking: checked!, ticket };
    }
    const done = rows.find((r) => r.status === 'checkedIn' && r.ticketId);
    if (done) {
      const [ticket] = await tx.select().from(queueTickets).where(eq(queueTickets.id, done.ticketId!));
      if (ticket) return { outcome: 'ticket' as const, booking: done, ticket };
    }
    const early = rows.find((r) => r.status === 'booked' && checkInTiming(r.startsAt, now) === 'early');
    if (early) return { outcome: 'early' as const, booking: early };
    // Every booking of today whose window has passed is closed; the person hears of the latest.
    const passed = rows.filter((r) => r.status === 'booked');
    if (passed.length > 0) {
      const closed = await tx
        .update(appointments)
        .set({ status: 'cancelled', cancelledAt: now })
        .where(
          inArray(
            appointments.id,
            passed.map((r) => r.id),
          ),
        )
        .returning();
      for (const r of passed) {
        await audit(tx, {
          actorKind: 'terminal',
          actorId: terminal.terminalId,
          terminalId: terminal.terminalId,
          action: 'appointment.checkIn',
          result: 'late',
          subjectId: r.id,
        });
      }
      const latest = closed.sort((a, b) => b.startsAt.getTime() - a.startsAt.getTime())[0]!;
      return { outcome: 'late' as const, booking: latest };
    }
    return { outcome: 'none' as const };
  });
  if (result.outcome === 'none') return result;
  const [appointment] = await appointmentViews(db, [result.booking]);
  if (!appointment) throw new KioskError('notFound', 'the slot rule is gone');
  if (result.outcome !== 'ticket') return { outcome: result.outcome, appointment };
  const [place, progress] = await Promise.all([
    placeOf(db, result.ticket.hallId, result.ticket.categoryCode),
    progressOf(db, queue, result.ticket),
  ]);
  if (!place) throw new KioskError('notFound', 'no such service category in this hall');
  const ticket = ticketView(place, result.ticket, progress.peopleAhead, progress.estimatedWaitMin, baseUrl);
  return { outcome: 'ticket', appointment, ticket };
}
