/** What the kiosk does for a citizen: certifications, cases, statements, queue tickets. */
import { sql } from 'drizzle-orm';
import {
  boolean,
  char,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { halls, terminals } from './org';
import { persons } from './people';

/** 待遇领取资格认证: one attempt; a passed one is valid until `validUntil`. */
export const certifications = pgTable(
  'certifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: integer('person_id')
      .notNull()
      .references(() => persons.id),
    certifiedAt: timestamp('certified_at', { withTimezone: true }).notNull(),
    validUntil: date('valid_until', { mode: 'string' }),
    /** Null when certified elsewhere (a window, the mobile app, a home visit). */
    terminalId: text('terminal_id').references(() => terminals.id),
    method: text('method', { enum: ['face', 'window', 'app', 'homeVisit'] }).notNull(),
    result: text('result', { enum: ['passed', 'failed'] }).notNull(),
    /** Face descriptor distance to the enrolled reference, when matched by face. */
    distance: doublePrecision('distance'),
    scores: jsonb('scores').$type<Record<string, number | string>>(),
    /** Why a failed attempt failed (a CertificationFailure code). */
    reason: text('reason'),
    idempotencyKey: text('idempotency_key').unique(),
  },
  (t) => [index('certifications_person_idx').on(t.personId, t.certifiedAt)],
);

/** One step of a case's progress (办理进度). */
export type CaseStep = { name: string; at: string; by: string; note?: string };

/** 办件: an application handled in the back office. */
export const cases = pgTable(
  'cases',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    caseNo: text('case_no').notNull().unique(),
    personId: integer('person_id')
      .notNull()
      .references(() => persons.id),
    hallId: text('hall_id').references(() => halls.id),
    /** The service guide code of the item applied for. */
    itemCode: text('item_code').notNull(),
    item: text('item').notNull(),
    status: text('status', { enum: ['accepted', 'processing', 'completed', 'rejected'] }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }).notNull(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    steps: jsonb('steps').$type<CaseStep[]>().notNull(),
  },
  (t) => [index('cases_person_idx').on(t.personId)],
);

/** 业务类别 of a hall, e.g. `A` 社保业务. */
export const serviceCategories = pgTable(
  'service_categories',
  {
    hallId: text('hall_id')
      .notNull()
      .references(() => halls.id),
    code: char('code', { length: 1 }).notNull(),
    name: text('name').notNull(),
    description: text('description').notNull(),
  },
  (t) => [primaryKey({ name: 'service_categories_pk', columns: [t.hallId, t.code] })],
);

/** 排队取号: numbers are per hall, category and service day (in the hall's time zone). */
export const queueTickets = pgTable(
  'queue_tickets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    hallId: text('hall_id')
      .notNull()
      .references(() => halls.id),
    categoryCode: char('category_code', { length: 1 }).notNull(),
    serviceDay: date('service_day', { mode: 'string' }).notNull(),
    number: integer('number').notNull(),
    personId: integer('person_id').references(() => persons.id),
    terminalId: text('terminal_id').references(() => terminals.id),
    idempotencyKey: text('idempotency_key').unique(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow(),
    status: text('status', { enum: ['waiting', 'called', 'served', 'skipped'] })
      .notNull()
      .default('waiting'),
    windowNo: integer('window_no'),
    calledAt: timestamp('called_at', { withTimezone: true }),
    /** The staff member who called it last. */
    calledBy: text('called_by'),
    recallCount: integer('recall_count').notNull().default(0),
    /** When it was served or skipped. */
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    /**
     * A booked person's ticket from check-in (预约, issue 16): numbered in its own series and
     * shown with the `Y` prefix (`YA001`); call-next serves these first (staff-queue.ts).
     */
    priority: boolean('priority').notNull().default(false),
  },
  (t) => [
    unique('queue_tickets_number_uq').on(t.hallId, t.categoryCode, t.serviceDay, t.priority, t.number),
    index('queue_tickets_waiting_idx')
      .on(t.hallId, t.serviceDay, t.categoryCode)
      .where(sql`${t.status} = 'waiting'`),
    index('queue_tickets_person_idx').on(t.personId, t.serviceDay),
    // Windows that called a category in the last hour (the wait estimate), without reading the day.
    index('queue_tickets_called_idx')
      .on(t.hallId, t.serviceDay, t.categoryCode, t.calledAt)
      .where(sql`${t.calledAt} is not null`),
  ],
);
