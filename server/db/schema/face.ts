/** Enrolled face references and face checks: they never leave the hall server. */
import { doublePrecision, index, integer, jsonb, pgTable, real, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { kioskSessions } from './activity';
import { terminals } from './org';
import { persons } from './people';

/** One enrolled reference per person: a 128-number face descriptor and where it came from. */
export const faceReferences = pgTable('face_references', {
  personId: integer('person_id')
    .primaryKey()
    .references(() => persons.id),
  descriptor: real('descriptor').array().notNull(),
  /** 'demoPhoto' (seeded from a demo photo), 'simulator' (enrolled on the simulator page), 'window' (taken at a window). */
  source: text('source', { enum: ['demoPhoto', 'simulator', 'window'] }).notNull(),
  enrolledAt: timestamp('enrolled_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * One face check of a session's second factor (contracts/inquiry.ts): the server matched the live
 * descriptors with the person's enrolled reference. Only the decision and numbers are kept.
 */
export const faceChecks = pgTable(
  'face_checks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => kioskSessions.id),
    personId: integer('person_id')
      .notNull()
      .references(() => persons.id),
    terminalId: text('terminal_id')
      .notNull()
      .references(() => terminals.id),
    checkedAt: timestamp('checked_at', { withTimezone: true }).notNull(),
    result: text('result', { enum: ['passed', 'failed'] }).notNull(),
    /** Why a failed check failed (a CertificationFailure code). */
    reason: text('reason'),
    distance: doublePrecision('distance'),
    scores: jsonb('scores').$type<Record<string, number | string>>(),
    /** The terminal's key for this attempt: a resubmission answers the recorded decision. */
    idempotencyKey: text('idempotency_key').notNull().unique(),
  },
  (t) => [
    index('face_checks_person_idx').on(t.personId, t.checkedAt),
    index('face_checks_session_idx').on(t.sessionId),
  ],
);
