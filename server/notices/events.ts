/**
 * The notices each change writes, in the caller's transaction: case status changes, tickets nearly
 * reached, appointments. Parameters carry no name or ID number: a case by its receipt number's last
 * six digits, a hall by its short name.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { addDays, atHallTime, hallDate, hallDateTime } from '../../contracts/hall-time';
import { halls, queueTickets, ticketContacts } from '../db/schema';
import type { Db } from '../db/types';
import { type EnqueuedNotice, enqueueNotice, storeContactPhone } from './outbox';

/** `广州市…局 天河区人社服务大厅` → `天河区人社服务大厅`: the name people use, short enough for an SMS. */
export function hallShortName(name: string): string {
  const parts = name.trim().split(/\s+/);
  return parts[parts.length - 1]!.slice(0, 30);
}

/** The short name and address of a hall, for the "where to go" of a notice. */
export async function hallForNotice(
  tx: Db,
  hallId: string,
): Promise<{ name: string; address: string; timeZone: string }> {
  const [hall] = await tx
    .select({ name: halls.name, address: halls.address, timeZone: halls.timeZone })
    .from(halls)
    .where(eq(halls.id, hallId));
  if (!hall) throw new Error('notice: unknown hall');
  return { name: hallShortName(hall.name), address: hall.address.slice(0, 40), timeZone: hall.timeZone };
}

/** What a case change tells the applicant. */
export type CaseNoticeKind = 'accepted' | 'needsMaterial' | 'finished' | 'overdue';

export interface CaseNotice {
  kind: CaseNoticeKind;
  caseNo: string;
  personId: number;
  hallId: string | null;
  item: string;
  dueDate: string;
  /** `needsMaterial`: what to bring; `finished`: the result (准予, 不予受理…). */
  detail?: string;
  /** Distinguishes repeated requests for material (one notice per request). */
  sequence?: number;
}

/** Writes the notice of a case change; one per case, kind and sequence. */
export async function noticeCaseChange(tx: Db, change: CaseNotice): Promise<EnqueuedNotice> {
  const caseTail = change.caseNo.slice(-6);
  const item = change.item.slice(0, 30);
  const hallName = change.hallId ? (await hallForNotice(tx, change.hallId)).name : '人社服务大厅';
  const base = {
    event: 'caseStatus',
    personId: change.personId,
    ...(change.hallId ? { hallId: change.hallId } : {}),
    dedupeKey: `case:${change.caseNo}:${change.kind}${change.sequence ? `:${change.sequence}` : ''}`,
  };
  switch (change.kind) {
    case 'accepted':
      return enqueueNotice(tx, {
        ...base,
        template: 'caseAccepted',
        params: { caseTail, item, dueDate: change.dueDate },
      });
    case 'needsMaterial':
      return enqueueNotice(tx, {
        ...base,
        template: 'caseNeedsMaterial',
        params: { caseTail, item, material: (change.detail ?? '补正材料').slice(0, 40), hallName },
      });
    case 'finished':
      return enqueueNotice(tx, {
        ...base,
        template: 'caseFinished',
        params: { caseTail, item, result: (change.detail ?? '已办结').slice(0, 20) },
      });
    case 'overdue':
      return enqueueNotice(tx, { ...base, template: 'caseOverdue', params: { caseTail, item } });
  }
}

/** How many people ahead triggers "your number is nearly reached". */
export const TICKET_NEAR_AHEAD = 3;

/**
 * After a call in a category: each waiting ticket with a left phone that now has at most three
 * waiting ahead of it gets its one notice (dedupe per ticket). Call inside the call's transaction.
 */
export async function noticeTicketsNear(
  tx: Db,
  where: { hallId: string; serviceDay: string; categoryCode: string },
): Promise<number> {
  const waiting = await tx
    .select({ id: queueTickets.id, number: queueTickets.number })
    .from(queueTickets)
    .where(
      and(
        eq(queueTickets.hallId, where.hallId),
        eq(queueTickets.serviceDay, where.serviceDay),
        eq(queueTickets.categoryCode, where.categoryCode),
        eq(queueTickets.status, 'waiting'),
      ),
    )
    .orderBy(asc(queueTickets.issuedAt), asc(queueTickets.number))
    .limit(TICKET_NEAR_AHEAD + 1);
  if (waiting.length === 0) return 0;
  const contacts = await tx
    .select()
    .from(ticketContacts)
    .where(
      inArray(
        ticketContacts.ticketId,
        waiting.map((w) => w.id),
      ),
    );
  if (contacts.length === 0) return 0;
  const { name } = await hallForNotice(tx, where.hallId);
  let written = 0;
  for (const contact of contacts) {
    const ahead = waiting.findIndex((w) => w.id === contact.ticketId);
    const ticket = waiting[ahead]!;
    const done = await enqueueNotice(tx, {
      event: 'ticketNear',
      hallId: where.hallId,
      dedupeKey: `ticketNear:${ticket.id}`,
      template: 'ticketNear',
      params: {
        ticketNo: `${where.categoryCode}${String(ticket.number).padStart(3, '0')}`,
        ahead: String(ahead),
        hallName: name,
      },
      contactPhoneId: contact.contactPhoneId,
    });
    if (done.created) written++;
  }
  return written;
}

/** Keeps the number a ticket holder left (once, in contact_phones) for the ticket's "3 away" notice. */
export async function leaveTicketPhone(db: Db, ticketId: string, phone: string): Promise<void> {
  await db.transaction(async (tx) => {
    const contactPhoneId = await storeContactPhone(tx, phone);
    await tx.insert(ticketContacts).values({ ticketId, contactPhoneId }).onConflictDoNothing();
  });
}

/** An appointment's notice: `confirmed` at booking, `reminder` the evening before (held to 18:00 hall time the day before, or at once if later). */
export async function noticeAppointment(
  tx: Db,
  booking: {
    kind: 'confirmed' | 'reminder';
    appointmentId: string;
    personId?: number;
    phone?: string;
    hallId: string;
    /** The service category's name, e.g. 社保业务. */
    category: string;
    slotStart: Date;
  },
): Promise<EnqueuedNotice> {
  const hall = await hallForNotice(tx, booking.hallId);
  const day = hallDate(hall.timeZone, booking.slotStart);
  const slotTime = hallDateTime(hall.timeZone, booking.slotStart);
  return enqueueNotice(tx, {
    event: booking.kind === 'confirmed' ? 'appointmentConfirmed' : 'appointmentReminder',
    ...(booking.personId !== undefined ? { personId: booking.personId } : {}),
    ...(booking.phone !== undefined ? { phone: booking.phone } : {}),
    hallId: booking.hallId,
    dedupeKey: `appointment:${booking.appointmentId}:${booking.kind}`,
    template: booking.kind === 'confirmed' ? 'appointmentConfirmed' : 'appointmentReminder',
    params: { hallName: hall.name, category: booking.category.slice(0, 20), slotTime },
    ...(booking.kind === 'reminder' ? { notBefore: atHallTime(addDays(day, -1), 18, 0, hall.timeZone) } : {}),
  });
}
