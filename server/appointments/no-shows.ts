/** No-shows (爽约): bookings whose check-in window closed without a check-in, and the pause they cause. */
import { and, count, eq, gt, lt, max } from 'drizzle-orm';
import { CHECK_IN_LATE_MIN } from '../../contracts/appointments';
import { addDays, hallDate } from '../../contracts/hall-time';
import { appointments } from '../db/schema';
import type { Db } from '../db/types';
import type { AppointmentOptions } from './options';

/**
 * Marks as `noShow` the booked appointments (of one person, or of one hall) whose check-in window
 * has closed. Run lazily before any decision that depends on them, so no timer is needed.
 */
export async function markNoShows(db: Db, now: Date, scope: { personId: number } | { hallId: string }): Promise<void> {
  const closedBefore = new Date(now.getTime() - CHECK_IN_LATE_MIN * 60_000);
  await db
    .update(appointments)
    .set({ status: 'noShow' })
    .where(
      and(
        eq(appointments.status, 'booked'),
        lt(appointments.startsAt, closedBefore),
        'personId' in scope ? eq(appointments.personId, scope.personId) : eq(appointments.hallId, scope.hallId),
      ),
    );
}

/** The hall-date until which (inclusive) the person may not book, or null. */
export async function blockedUntil(
  db: Db,
  options: AppointmentOptions,
  personId: number,
  timeZone: string,
): Promise<string | null> {
  if (options.noShowLimit <= 0) return null;
  const now = options.now();
  const since = new Date(now.getTime() - options.noShowWindowDays * 86_400_000);
  const [row] = await db
    .select({ n: count(), last: max(appointments.startsAt) })
    .from(appointments)
    .where(
      and(eq(appointments.personId, personId), eq(appointments.status, 'noShow'), gt(appointments.startsAt, since)),
    );
  if (!row || Number(row.n) < options.noShowLimit || !row.last) return null;
  const until = addDays(hallDate(timeZone, row.last), options.noShowPauseDays);
  return until >= hallDate(timeZone, now) ? until : null;
}
