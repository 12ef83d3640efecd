/**
 * The seam between appointments and the notices (issue 16's SMS part, another branch): every
 * booking change calls this inside its own transaction, so a notice's outbox event commits with
 * the change or not at all. Until the outbox exists it writes nothing.
 */
import type { Db } from '../db/types';
import type { AppointmentRow } from './views';

/** What happened to the booking. */
export type AppointmentNoticeKind = 'confirmed' | 'moved' | 'cancelled';

/** Writes the notice event for `row` in the caller's transaction `tx` (today: nothing; see above). */
export async function enqueueAppointmentNotice(
  _tx: Db,
  _kind: AppointmentNoticeKind,
  _row: AppointmentRow,
): Promise<void> {}
