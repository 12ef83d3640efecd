/** Appointments (预约, issue 16): slot rules, holidays, per-slot counters, bookings. */
import { sql } from 'drizzle-orm';
import {
  boolean,
  char,
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { halls, terminals } from './org';
import { persons } from './people';

/**
 * How one hall offers bookable slots of one service category at one window group: on which
 * weekdays, from when to when, how long a slot is and how many people one slot takes; how far
 * ahead people may book and until how many minutes before a slot. Edited by supervisors (audited).
 */
export const appointmentRules = pgTable(
  'appointment_rules',
  {
    id: serial('id').primaryKey(),
    hallId: text('hall_id')
      .notNull()
      .references(() => halls.id),
    categoryCode: char('category_code', { length: 1 }).notNull(),
    /** The windows that serve these bookings, as the hall names them (e.g. `1-3号窗口`). */
    windowGroup: text('window_group').notNull(),
    /** ISO weekdays open for booking, e.g. `12345` (Monday to Friday). */
    weekdays: text('weekdays').notNull(),
    /** `HH:MM` hall time of the first slot's start and of the last slot's end. */
    opensAt: text('opens_at').notNull(),
    closesAt: text('closes_at').notNull(),
    slotMinutes: integer('slot_minutes').notNull(),
    capacity: integer('capacity').notNull(),
    horizonDays: integer('horizon_days').notNull(),
    cutoffMinutes: integer('cutoff_minutes').notNull(),
    active: boolean('active').notNull().default(true),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: text('updated_by'),
  },
  (t) => [
    unique('appointment_rules_uq').on(t.hallId, t.categoryCode, t.windowGroup),
    check('appointment_rules_sane', sql`${t.slotMinutes} > 0 and ${t.capacity} >= 0 and ${t.horizonDays} >= 0`),
  ],
);

/** Days a hall is closed (法定节假日): no slots. */
export const appointmentHolidays = pgTable(
  'appointment_holidays',
  {
    hallId: text('hall_id')
      .notNull()
      .references(() => halls.id),
    day: date('day', { mode: 'string' }).notNull(),
    name: text('name').notNull(),
  },
  (t) => [primaryKey({ name: 'appointment_holidays_pk', columns: [t.hallId, t.day] })],
);

/**
 * Booked places per slot. Booking increments `booked` with a conditional upsert (`… where booked <
 * capacity`), so the row lock orders concurrent terminals and the check constraint makes an
 * overbooked slot impossible even for code that forgets the condition.
 */
export const appointmentSlots = pgTable(
  'appointment_slots',
  {
    ruleId: integer('rule_id')
      .notNull()
      .references(() => appointmentRules.id),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    capacity: integer('capacity').notNull(),
    booked: integer('booked').notNull().default(0),
  },
  (t) => [
    primaryKey({ name: 'appointment_slots_pk', columns: [t.ruleId, t.startsAt] }),
    check('appointment_slots_within_capacity', sql`${t.booked} >= 0 and ${t.booked} <= ${t.capacity}`),
  ],
);

/** One person's booking of one slot. */
export const appointments = pgTable(
  'appointments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ruleId: integer('rule_id')
      .notNull()
      .references(() => appointmentRules.id),
    hallId: text('hall_id')
      .notNull()
      .references(() => halls.id),
    categoryCode: char('category_code', { length: 1 }).notNull(),
    /** The slot's hall date, for the one-per-person-category-day rule. */
    day: date('day', { mode: 'string' }).notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    personId: integer('person_id')
      .notNull()
      .references(() => persons.id),
    status: text('status', { enum: ['booked', 'checkedIn', 'cancelled', 'noShow'] })
      .notNull()
      .default('booked'),
    bookedVia: text('booked_via', { enum: ['kiosk', 'phone'] }).notNull(),
    terminalId: text('terminal_id').references(() => terminals.id),
    /** `<terminal or phone>:<key>`: a retried booking returns the same appointment. */
    idempotencyKey: text('idempotency_key').unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    checkedInAt: timestamp('checked_in_at', { withTimezone: true }),
    ticketId: uuid('ticket_id'),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('appointments_one_active_uq')
      .on(t.personId, t.categoryCode, t.day)
      .where(sql`${t.status} in ('booked', 'checkedIn')`),
    index('appointments_hall_day_idx').on(t.hallId, t.day),
    index('appointments_person_idx').on(t.personId, t.startsAt),
  ],
);
