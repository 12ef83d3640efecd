/**
 * Appointment reminders (预约提醒): a pass, run every few minutes by the notice service, that writes
 * one reminder for each active booking starting within `withinHours`. The outbox key is the booking
 * and its slot start, so running the pass again (or on two servers) writes nothing new, a moved
 * booking gets a fresh reminder for its new slot, and a cancelled one gets none.
 */
import { and, eq, gt, lte } from 'drizzle-orm';
import { appointments } from '../db/schema';
import type { Db } from '../db/types';
import { enqueueAppointmentNotice } from './notices';

/** Hours before a slot within which its reminder is written (the day before, in practice). */
export const DEFAULT_REMINDER_HOURS = 24;

/** Writes the reminders due at `now`; answers how many new ones were written. */
export async function writeAppointmentReminders(
  db: Db,
  options: { now?: Date; withinHours?: number } = {},
): Promise<number> {
  const now = options.now ?? new Date();
  const until = new Date(now.getTime() + (options.withinHours ?? DEFAULT_REMINDER_HOURS) * 3_600_000);
  const due = await db
    .select({ id: appointments.id })
    .from(appointments)
    .where(and(eq(appointments.status, 'booked'), gt(appointments.startsAt, now), lte(appointments.startsAt, until)));
  let written = 0;
  for (const { id } of due) {
    // Re-read under the row's lock: a cancel or move committing meanwhile is seen, not overwritten.
    const created = await db.transaction(async (tx) => {
      const [row] = await tx.select().from(appointments).where(eq(appointments.id, id)).for('update');
      if (!row || row.status !== 'booked' || row.startsAt <= now || row.startsAt > until) return false;
      return enqueueAppointmentNotice(tx, 'reminder', row);
    });
    if (created) written += 1;
  }
  return written;
}
