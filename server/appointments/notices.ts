/**
 * Appointment notices (短信告知, server/notices/): every booking change calls this inside its own
 * transaction, so the outbox row commits with the change or not at all. A booking and a move each
 * write a confirmation (keyed by the booking and its slot, so a retried change writes one row and a
 * move writes a new one). A cancel writes nothing yet: the templates have no cancellation text.
 */
import { hallDate } from '../../contracts/hall-time';
import type { Db } from '../db/types';
import { enqueueNotice } from '../notices/outbox';
import { clockLabel } from './slot-times';
import { type AppointmentRow, placeOfRule } from './views';

/** What happened to the booking. */
export type AppointmentNoticeKind = 'confirmed' | 'moved' | 'cancelled';

/** Writes the notice event for `row` in the caller's transaction `tx`. */
export async function enqueueAppointmentNotice(
  tx: Db,
  kind: AppointmentNoticeKind,
  row: AppointmentRow,
): Promise<void> {
  if (kind === 'cancelled') return;
  const place = await placeOfRule(tx, row.ruleId);
  if (!place) return;
  const day = hallDate(place.timeZone, row.startsAt);
  await enqueueNotice(tx, {
    event: 'appointmentBooked',
    personId: row.personId,
    hallId: row.hallId,
    dedupeKey: `appt:${row.id}:confirmed:${row.startsAt.toISOString()}`,
    template: 'appointmentConfirmed',
    params: {
      hallName: place.hallName,
      category: place.categoryName,
      slotTime: `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日 ${clockLabel(row.startsAt, place.timeZone)}`,
    },
  });
}
