/** Kiosk sessions and the audit log. */
import { bigint, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { identifiedByEnum } from './enums';
import { terminals } from './org';
import { persons } from './people';

/** A citizen's session on one terminal; citizen data is reachable only through an open one. */
export const kioskSessions = pgTable(
  'kiosk_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    terminalId: text('terminal_id')
      .notNull()
      .references(() => terminals.id),
    personId: integer('person_id')
      .notNull()
      .references(() => persons.id),
    identifiedBy: identifiedByEnum('identified_by').notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull().defaultNow(),
    lastActivityAt: timestamp('last_activity_at', { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closeReason: text('close_reason', { enum: ['closed', 'expired'] }),
    /**
     * The second factor this session passed (contracts/inquiry.ts): `ssCardPin` reported by the
     * terminal whose card checked the PIN, `face` set by the server's own face match. Null: card only.
     */
    secondFactor: text('second_factor', { enum: ['ssCardPin', 'face'] }),
    secondFactorAt: timestamp('second_factor_at', { withTimezone: true }),
  },
  (t) => [index('kiosk_sessions_terminal_idx').on(t.terminalId, t.openedAt)],
);

/** Who did what, when, where, with what result: ids only, never names or ID numbers. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorKind: text('actor_kind', { enum: ['terminal', 'staff', 'system'] }).notNull(),
    /** The claimed actor id; for a failed terminal login it may name no terminal at all. */
    actorId: text('actor_id'),
    terminalId: text('terminal_id'),
    action: text('action').notNull(),
    result: text('result').notNull(),
    /** The id of what the action was about (a session id, a person's internal id). */
    subjectId: text('subject_id'),
    detail: jsonb('detail').$type<Record<string, string | number | boolean | null>>(),
  },
  (t) => [index('audit_log_at_idx').on(t.at), index('audit_log_terminal_idx').on(t.terminalId, t.at)],
);
