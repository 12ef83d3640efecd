/** Queue counters, staff sign-in tokens and terminal commands (issue 6: queue, staff, fleet). */
import {
  bigint,
  char,
  date,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { halls, staff, terminals } from './org';

/**
 * The last number issued per hall, category and service day. Issuing a ticket upserts this row
 * first, in the same transaction as the ticket: the row lock serialises issuance per category, so
 * numbers never repeat or skip (a rolled-back issue rolls its increment back too).
 */
export const queueCounters = pgTable(
  'queue_counters',
  {
    hallId: text('hall_id')
      .notNull()
      .references(() => halls.id),
    categoryCode: char('category_code', { length: 1 }).notNull(),
    serviceDay: date('service_day', { mode: 'string' }).notNull(),
    lastNumber: integer('last_number').notNull(),
  },
  (t) => [primaryKey({ name: 'queue_counters_pk', columns: [t.hallId, t.categoryCode, t.serviceDay] })],
);

/**
 * How a category's day is moving, kept by a trigger on `queue_tickets` (migration 0004): tickets that
 * have left `waiting` (called or skipped) and the served ones' total service time. A ticket issued as
 * number n has exactly n - 1 - leftWaiting people ahead (numbers are consecutive and the issuer
 * holds the counter row), so issuing never counts the day's waiting tickets. A separate row from the
 * counter, so that staff calls never lock the row that issuing holds.
 */
export const queueProgress = pgTable(
  'queue_progress',
  {
    hallId: text('hall_id')
      .notNull()
      .references(() => halls.id),
    categoryCode: char('category_code', { length: 1 }).notNull(),
    serviceDay: date('service_day', { mode: 'string' }).notNull(),
    leftWaiting: integer('left_waiting').notNull().default(0),
    servedCount: integer('served_count').notNull().default(0),
    servedSeconds: doublePrecision('served_seconds').notNull().default(0),
  },
  (t) => [primaryKey({ name: 'queue_progress_pk', columns: [t.hallId, t.categoryCode, t.serviceDay] })],
);

/** A staff sign-in: only the sha256 of the bearer token is stored. */
export const staffSessions = pgTable(
  'staff_sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    staffId: text('staff_id')
      .notNull()
      .references(() => staff.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('staff_sessions_staff_idx').on(t.staffId)],
);

/** A command from staff to one terminal; pending until acked or expired. */
export const terminalCommands = pgTable(
  'terminal_commands',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Insertion order, the cursor with which each server instance notices new commands. */
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity().notNull().unique(),
    terminalId: text('terminal_id')
      .notNull()
      .references(() => terminals.id),
    kind: text('kind', { enum: ['restartApp', 'resetDevice', 'outOfService', 'inService'] }).notNull(),
    device: text('device'),
    issuedBy: text('issued_by')
      .notNull()
      .references(() => staff.id),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** `<staffId>:<key>`, so a retried click returns the same command. */
    idempotencyKey: text('idempotency_key').unique(),
    firstDeliveredAt: timestamp('first_delivered_at', { withTimezone: true }),
    deliveryCount: integer('delivery_count').notNull().default(0),
    ackedAt: timestamp('acked_at', { withTimezone: true }),
    result: text('result', { enum: ['done', 'failed', 'rejected'] }),
    resultDetail: text('result_detail'),
  },
  (t) => [index('terminal_commands_terminal_idx').on(t.terminalId, t.issuedAt)],
);
