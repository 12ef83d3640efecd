/**
 * Booking, moving and cancelling. One person's changes are serialised by a lock on their `persons`
 * row (so the one-booking-per-category-and-day rule is checked without a race); a slot's places
 * by a conditional upsert of its `appointment_slots` row (the row lock orders concurrent
 * terminals and `booked <= capacity` is a check constraint, so a slot is never overbooked).
 */
import { and, asc, eq, gte, inArray, ne, sql } from 'drizzle-orm';
import type { Appointment, BookRequest, MoveRequest } from '../../contracts/appointments';
import { KioskError } from '../../contracts/errors';
import { addDays, hallDate } from '../../contracts/hall-time';
import { appointmentHolidays, appointmentRules, appointmentSlots, appointments, persons } from '../db/schema';
import type { Db } from '../db/types';
import { audit } from '../audit/audit';
import { blockedUntil, markNoShows } from './no-shows';
import { enqueueAppointmentNotice } from './notices';
import type { AppointmentOptions } from './options';
import { isSlotStart, slotEnd } from './slot-times';
import { type AppointmentRow, appointmentView, appointmentViews, placeOfRule } from './views';

/** Who books: a person in a hall (from a kiosk session or the phone page). */
export interface Booker {
  personId: number;
  hallId: string;
  timeZone: string;
  via: 'kiosk' | 'phone';
  terminalId: string | null;
}

type Rule = typeof appointmentRules.$inferSelect;

/** An audit entry of a booker's change: ids only. */
function auditOf(who: Booker, action: string, appointmentId: string) {
  return {
    actorKind: who.terminalId ? ('terminal' as const) : ('system' as const),
    actorId: who.terminalId ?? 'phone',
    terminalId: who.terminalId,
    action,
    result: 'ok',
    subjectId: appointmentId,
    detail: { via: who.via },
  };
}

/** The rule and times of a requested slot, or why it cannot be booked now. */
async function bookableSlot(db: Db, options: AppointmentOptions, who: Booker, ruleId: number, startsAtIso: string) {
  const [rule] = await db
    .select()
    .from(appointmentRules)
    .where(and(eq(appointmentRules.id, ruleId), eq(appointmentRules.hallId, who.hallId)));
  if (!rule || !rule.active) throw new KioskError('notFound', 'no such slot rule in this hall');
  const startsAt = new Date(startsAtIso);
  const day = hallDate(who.timeZone, startsAt);
  if (!isSlotStart(rule, day, startsAt, who.timeZone)) throw new KioskError('notFound', 'no such slot');
  const now = options.now();
  const [holiday] = await db
    .select()
    .from(appointmentHolidays)
    .where(and(eq(appointmentHolidays.hallId, who.hallId), eq(appointmentHolidays.day, day)));
  const cutoff = new Date(startsAt.getTime() - rule.cutoffMinutes * 60_000);
  if (holiday || now > cutoff || day > addDays(hallDate(who.timeZone, now), rule.horizonDays)) {
    throw new KioskError('slotClosed', 'the slot is closed for booking');
  }
  if (rule.capacity <= 0) throw new KioskError('slotFull', 'the slot takes no bookings');
  return { rule, day, startsAt, endsAt: slotEnd(startsAt, rule.slotMinutes) };
}

async function lockPerson(tx: Db, personId: number): Promise<void> {
  await tx.execute(sql`select ${persons.id} from ${persons} where ${persons.id} = ${personId} for update`);
}

/** Takes one place of a slot; false when it is full. */
async function takePlace(tx: Db, rule: Rule, startsAt: Date): Promise<boolean> {
  const taken = await tx
    .insert(appointmentSlots)
    .values({ ruleId: rule.id, startsAt, capacity: rule.capacity, booked: 1 })
    .onConflictDoUpdate({
      target: [appointmentSlots.ruleId, appointmentSlots.startsAt],
      set: { booked: sql`${appointmentSlots.booked} + 1`, capacity: sql`excluded.capacity` },
      setWhere: sql`${appointmentSlots.booked} < excluded.capacity`,
    })
    .returning({ booked: appointmentSlots.booked });
  return taken.length > 0;
}

async function givePlaceBack(tx: Db, ruleId: number, startsAt: Date): Promise<void> {
  await tx
    .update(appointmentSlots)
    .set({ booked: sql`${appointmentSlots.booked} - 1` })
    .where(and(eq(appointmentSlots.ruleId, ruleId), eq(appointmentSlots.startsAt, startsAt)));
}

/** Another active booking of the person in the category on the day, other than `exceptId`. */
async function activeOnDay(tx: Db, personId: number, categoryCode: string, day: string, exceptId?: string) {
  const [row] = await tx
    .select({ id: appointments.id })
    .from(appointments)
    .where(
      and(
        eq(appointments.personId, personId),
        eq(appointments.categoryCode, categoryCode),
        eq(appointments.day, day),
        inArray(appointments.status, ['booked', 'checkedIn']),
        exceptId ? ne(appointments.id, exceptId) : undefined,
      ),
    );
  return row;
}

async function toView(db: Db, row: AppointmentRow): Promise<Appointment> {
  const place = await placeOfRule(db, row.ruleId);
  if (!place) throw new KioskError('notFound', 'the slot rule is gone');
  return appointmentView(row, place);
}

/** Books a slot; a retried key returns the booking first made for it. */
export async function book(
  db: Db,
  options: AppointmentOptions,
  who: Booker,
  request: BookRequest,
  keyScope: string,
): Promise<Appointment> {
  const key = `${keyScope}:${request.idempotencyKey}`;
  const [earlier] = await db.select().from(appointments).where(eq(appointments.idempotencyKey, key));
  if (earlier) return toView(db, earlier);
  const slot = await bookableSlot(db, options, who, request.ruleId, request.startsAt);
  const now = options.now();
  await markNoShows(db, now, { personId: who.personId });
  if (await blockedUntil(db, options, who.personId, who.timeZone)) {
    throw new KioskError('bookingBlocked', 'booking is paused after repeated no-shows');
  }
  const row = await db.transaction(async (tx) => {
    await lockPerson(tx, who.personId);
    const [again] = await tx.select().from(appointments).where(eq(appointments.idempotencyKey, key));
    if (again) return again;
    if (await activeOnDay(tx, who.personId, slot.rule.categoryCode, slot.day)) {
      throw new KioskError('appointmentLimit', 'one booking per person, category and day');
    }
    if (!(await takePlace(tx, slot.rule, slot.startsAt))) throw new KioskError('slotFull', 'the slot is full');
    const [made] = await tx
      .insert(appointments)
      .values({
        ruleId: slot.rule.id,
        hallId: who.hallId,
        categoryCode: slot.rule.categoryCode,
        day: slot.day,
        startsAt: slot.startsAt,
        endsAt: slot.endsAt,
        personId: who.personId,
        bookedVia: who.via,
        terminalId: who.terminalId,
        idempotencyKey: key,
        createdAt: now,
      })
      .returning();
    await audit(tx, auditOf(who, 'appointment.book', made!.id));
    // The confirmation's notice is written in this transaction (notices.ts).
    await enqueueAppointmentNotice(tx, 'confirmed', made!);
    return made!;
  });
  return toView(db, row);
}

/** The person's booking, locked; another person's is 404. */
async function ownBooking(tx: Db, who: Booker, appointmentId: string): Promise<AppointmentRow> {
  const [row] = await tx
    .select()
    .from(appointments)
    .where(and(eq(appointments.id, appointmentId), eq(appointments.personId, who.personId)))
    .for('update');
  if (!row) throw new KioskError('notFound', 'no such booking');
  return row;
}

/** Moves a booking to another slot; the old place is given back in the same commit. */
export async function move(
  db: Db,
  options: AppointmentOptions,
  who: Booker,
  appointmentId: string,
  request: MoveRequest,
): Promise<Appointment> {
  const slot = await bookableSlot(db, options, who, request.ruleId, request.startsAt);
  const row = await db.transaction(async (tx) => {
    await lockPerson(tx, who.personId);
    const current = await ownBooking(tx, who, appointmentId);
    if (current.status !== 'booked') throw new KioskError('conflict', `cannot move a ${current.status} booking`);
    if (current.ruleId === slot.rule.id && current.startsAt.getTime() === slot.startsAt.getTime()) return current;
    if (await activeOnDay(tx, who.personId, slot.rule.categoryCode, slot.day, current.id)) {
      throw new KioskError('appointmentLimit', 'one booking per person, category and day');
    }
    if (!(await takePlace(tx, slot.rule, slot.startsAt))) throw new KioskError('slotFull', 'the slot is full');
    await givePlaceBack(tx, current.ruleId, current.startsAt);
    const [moved] = await tx
      .update(appointments)
      .set({
        ruleId: slot.rule.id,
        categoryCode: slot.rule.categoryCode,
        day: slot.day,
        startsAt: slot.startsAt,
        endsAt: slot.endsAt,
      })
      .where(eq(appointments.id, current.id))
      .returning();
    await audit(tx, auditOf(who, 'appointment.move', current.id));
    await enqueueAppointmentNotice(tx, 'moved', moved!);
    return moved!;
  });
  return toView(db, row);
}

/** Cancels a booking and gives its place back; cancelling again answers the cancelled booking. */
export async function cancel(
  db: Db,
  options: AppointmentOptions,
  who: Booker,
  appointmentId: string,
): Promise<Appointment> {
  const row = await db.transaction(async (tx) => {
    await lockPerson(tx, who.personId);
    const current = await ownBooking(tx, who, appointmentId);
    if (current.status === 'cancelled') return current;
    if (current.status !== 'booked') throw new KioskError('conflict', `cannot cancel a ${current.status} booking`);
    await givePlaceBack(tx, current.ruleId, current.startsAt);
    const [cancelled] = await tx
      .update(appointments)
      .set({ status: 'cancelled', cancelledAt: options.now() })
      .where(eq(appointments.id, current.id))
      .returning();
    await audit(tx, auditOf(who, 'appointment.cancel', current.id));
    await enqueueAppointmentNotice(tx, 'cancelled', cancelled!);
    return cancelled!;
  });
  return toView(db, row);
}

/** The person's coming bookings (today on) and until when booking is paused. */
export async function myAppointments(db: Db, options: AppointmentOptions, who: Booker) {
  const now = options.now();
  await markNoShows(db, now, { personId: who.personId });
  const today = hallDate(who.timeZone, now);
  const rows = await db
    .select()
    .from(appointments)
    .where(
      and(
        eq(appointments.personId, who.personId),
        gte(appointments.day, today),
        inArray(appointments.status, ['booked', 'checkedIn']),
      ),
    )
    .orderBy(asc(appointments.startsAt));
  return {
    appointments: await appointmentViews(db, rows),
    blockedUntil: await blockedUntil(db, options, who.personId, who.timeZone),
  };
}
