/**
 * Appointment notices (短信告知, server/notices/): every booking change calls this inside its own
 * transaction, so the outbox row commits with the change or not at all. A booking and a move each
 * write a confirmation, a cancel a cancellation (keyed by the booking and its slot, so a retried
 * change writes one row and a move writes a new one). Reminders: reminders.ts. A move or a cancel
 * first suppresses the booking's notices still waiting to be sent (e.g. held by quiet hours), so a
 * person is not told the old time after the change; one already being sent is left to the worker.
 */
import { and, eq, like } from 'drizzle-orm';
import { hallDate } from '../../contracts/hall-time';
import { noticeOutbox } from '../db/schema';
import type { Db } from '../db/types';
import { enqueueNotice } from '../notices/outbox';
import type { NoticeTemplate } from '../notices/templates';
import { clockLabel } from './slot-times';
import { type AppointmentRow, placeOfRule } from './views';

/** What happened to the booking. */
export type AppointmentNoticeKind = 'confirmed' | 'moved' | 'cancelled' | 'reminder';

const templateOf: Record<AppointmentNoticeKind, NoticeTemplate> = {
  confirmed: 'appointmentConfirmed',
  moved: 'appointmentConfirmed',
  cancelled: 'appointmentCancelled',
  reminder: 'appointmentReminder',
};

/** The outbox key: one notice per booking, slot and kind (a move confirms again under `confirmed`). */
export function appointmentNoticeKey(kind: AppointmentNoticeKind, row: AppointmentRow): string {
  const what = kind === 'moved' ? 'confirmed' : kind;
  return `appt:${row.id}:${what}:${row.startsAt.toISOString()}`;
}

/** Writes the notice event for `row` in the caller's transaction `tx`; false when already written. */
export async function enqueueAppointmentNotice(
  tx: Db,
  kind: AppointmentNoticeKind,
  row: AppointmentRow,
): Promise<boolean> {
  if (kind === 'moved' || kind === 'cancelled') {
    await tx
      .update(noticeOutbox)
      .set({ status: 'suppressed', lastError: `booking ${kind}` })
      .where(and(like(noticeOutbox.dedupeKey, `appt:${row.id}:%`), eq(noticeOutbox.status, 'pending')));
  }
  const place = await placeOfRule(tx, row.ruleId);
  if (!place) return false;
  const day = hallDate(place.timeZone, row.startsAt);
  const written = await enqueueNotice(tx, {
    event:
      kind === 'reminder' ? 'appointmentReminder' : kind === 'cancelled' ? 'appointmentCancelled' : 'appointmentBooked',
    personId: row.personId,
    hallId: row.hallId,
    dedupeKey: appointmentNoticeKey(kind, row),
    template: templateOf[kind],
    params: {
      hallName: place.hallName,
      category: place.categoryName,
      slotTime: `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日 ${clockLabel(row.startsAt, place.timeZone)}`,
    },
  });
  return written.created;
}
