/** The staff console's side of appointments: a day's bookings, the slot rules, holidays. Changes are audited. */
import { and, asc, eq, gte, or } from 'drizzle-orm';
import type {
  AppointmentRule,
  AppointmentRuleInput,
  AppointmentRulesView,
  StaffAppointmentsView,
} from '../../contracts/appointments';
import { KioskError } from '../../contracts/errors';
import { hallDate } from '../../contracts/hall-time';
import { maskName } from '../../contracts/id-number';
import { formatTicketNumber } from '../../contracts/queue';
import { audit } from '../audit/audit';
import {
  appointmentHolidays,
  appointmentRules,
  appointments,
  persons,
  queueTickets,
  serviceCategories,
} from '../db/schema';
import type { Db } from '../db/types';
import type { SignedInStaff } from '../staff/staff-auth';
import { checkInWindowHolds } from './check-in';
import { markNoShows } from './no-shows';
import type { AppointmentOptions } from './options';
import { clockLabel } from './slot-times';

/**
 * A day's bookings of the hall, by slot time; names masked. Today's (the default) also holds the
 * bookings of another date whose check-in window is open now: at 23:50 the clerk sees the 00:00
 * booking that just checked in.
 */
export async function staffAppointments(
  db: Db,
  options: AppointmentOptions,
  who: SignedInStaff,
  day?: string,
): Promise<StaffAppointmentsView> {
  const now = options.now();
  await markNoShows(db, now, { hallId: who.hallId });
  const date = day ?? hallDate(who.hallTimeZone, now);
  const rows = await db
    .select({
      a: appointments,
      name: persons.name,
      windowGroup: appointmentRules.windowGroup,
      ticketNo: queueTickets.number,
    })
    .from(appointments)
    .innerJoin(persons, eq(persons.id, appointments.personId))
    .innerJoin(appointmentRules, eq(appointmentRules.id, appointments.ruleId))
    .leftJoin(queueTickets, eq(queueTickets.id, appointments.ticketId))
    .where(
      and(
        eq(appointments.hallId, who.hallId),
        day === undefined ? or(eq(appointments.day, date), checkInWindowHolds(now)) : eq(appointments.day, date),
      ),
    )
    .orderBy(asc(appointments.startsAt), asc(appointments.createdAt))
    .limit(500);
  return {
    day: date,
    appointments: rows.map(({ a, name, windowGroup, ticketNo }) => ({
      appointmentId: a.id,
      categoryCode: a.categoryCode,
      windowGroup,
      startsAt: a.startsAt.toISOString(),
      label: `${clockLabel(a.startsAt, who.hallTimeZone)}-${clockLabel(a.endsAt, who.hallTimeZone)}`,
      status: a.status,
      maskedName: maskName(name),
      bookedVia: a.bookedVia,
      ticketNumber: ticketNo === null ? null : formatTicketNumber(a.categoryCode, ticketNo, true),
    })),
  };
}

function ruleOf(row: typeof appointmentRules.$inferSelect): AppointmentRule {
  return {
    ruleId: row.id,
    categoryCode: row.categoryCode,
    windowGroup: row.windowGroup,
    weekdays: row.weekdays,
    opensAt: row.opensAt,
    closesAt: row.closesAt,
    slotMinutes: row.slotMinutes,
    capacity: row.capacity,
    horizonDays: row.horizonDays,
    cutoffMinutes: row.cutoffMinutes,
    active: row.active,
  };
}

/** The hall's rules and its holidays from today on. */
export async function appointmentRulesView(
  db: Db,
  options: AppointmentOptions,
  who: SignedInStaff,
): Promise<AppointmentRulesView> {
  const today = hallDate(who.hallTimeZone, options.now());
  const [rules, holidays] = await Promise.all([
    db
      .select()
      .from(appointmentRules)
      .where(eq(appointmentRules.hallId, who.hallId))
      .orderBy(asc(appointmentRules.categoryCode), asc(appointmentRules.id)),
    db
      .select({ day: appointmentHolidays.day, name: appointmentHolidays.name })
      .from(appointmentHolidays)
      .where(and(eq(appointmentHolidays.hallId, who.hallId), gte(appointmentHolidays.day, today)))
      .orderBy(asc(appointmentHolidays.day)),
  ]);
  return { rules: rules.map(ruleOf), holidays };
}

/**
 * Creates or changes the rule of a category and window group. A smaller capacity applies to slots
 * not yet booked past it; bookings already made are kept (a slot's row keeps its own capacity).
 */
export async function saveAppointmentRule(
  db: Db,
  options: AppointmentOptions,
  who: SignedInStaff,
  input: AppointmentRuleInput,
): Promise<AppointmentRule> {
  const [category] = await db
    .select()
    .from(serviceCategories)
    .where(and(eq(serviceCategories.hallId, who.hallId), eq(serviceCategories.code, input.categoryCode)));
  if (!category) throw new KioskError('notFound', 'no such service category in this hall');
  const values = { ...input, updatedAt: options.now(), updatedBy: who.staffId };
  const [row] = await db
    .insert(appointmentRules)
    .values({ hallId: who.hallId, ...values })
    .onConflictDoUpdate({
      target: [appointmentRules.hallId, appointmentRules.categoryCode, appointmentRules.windowGroup],
      set: values,
    })
    .returning();
  await audit(db, {
    actorKind: 'staff',
    actorId: who.staffId,
    action: 'appointment.rule',
    result: 'ok',
    subjectId: String(row!.id),
    detail: {
      categoryCode: input.categoryCode,
      weekdays: input.weekdays,
      hours: `${input.opensAt}-${input.closesAt}`,
      slotMinutes: input.slotMinutes,
      capacity: input.capacity,
      horizonDays: input.horizonDays,
      cutoffMinutes: input.cutoffMinutes,
      active: input.active,
    },
  });
  return ruleOf(row!);
}

/** Closes a day for booking (or reopens it). Bookings already made that day are kept. */
export async function setHoliday(
  db: Db,
  options: AppointmentOptions,
  who: SignedInStaff,
  request: { day: string; name: string; closed: boolean },
): Promise<AppointmentRulesView> {
  if (request.closed) {
    await db
      .insert(appointmentHolidays)
      .values({ hallId: who.hallId, day: request.day, name: request.name })
      .onConflictDoUpdate({
        target: [appointmentHolidays.hallId, appointmentHolidays.day],
        set: { name: request.name },
      });
  } else {
    await db
      .delete(appointmentHolidays)
      .where(and(eq(appointmentHolidays.hallId, who.hallId), eq(appointmentHolidays.day, request.day)));
  }
  await audit(db, {
    actorKind: 'staff',
    actorId: who.staffId,
    action: 'appointment.holiday',
    result: 'ok',
    subjectId: request.day,
    detail: { closed: request.closed },
  });
  return appointmentRulesView(db, options, who);
}
