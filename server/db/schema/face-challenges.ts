/** Face challenges the server issued, and hashes of descriptors already used (never the descriptors). */
import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { LightStep, LivenessAction } from '../../../contracts/face-challenge';
import { kioskSessions } from './activity';
import { terminals } from './org';
import { persons } from './people';

/** One attempt's challenge: issued for one session on one terminal, used at most once, until it expires. */
export const faceChallenges = pgTable(
  'face_challenges',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => kioskSessions.id),
    terminalId: text('terminal_id')
      .notNull()
      .references(() => terminals.id),
    personId: integer('person_id')
      .notNull()
      .references(() => persons.id),
    purpose: text('purpose', { enum: ['certification', 'faceCheck'] }).notNull(),
    actions: jsonb('actions').$type<LivenessAction[]>().notNull(),
    light: jsonb('light').$type<LightStep[]>().notNull(),
    actionTimeoutMs: integer('action_timeout_ms').notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** When evidence answered it (then it is spent), and the attempt's idempotency key. */
    usedAt: timestamp('used_at', { withTimezone: true }),
    usedBy: uuid('used_by'),
  },
  (t) => [index('face_challenges_session_idx').on(t.sessionId)],
);

/**
 * SHA-256 of each accepted-for-judgement descriptor, rounded (contracts: 4 decimals): evidence whose
 * descriptors repeat an earlier attempt's is a replay. The descriptors themselves are not kept.
 */
export const faceDescriptorHashes = pgTable('face_descriptor_hashes', {
  hash: text('hash').primaryKey(),
  personId: integer('person_id')
    .notNull()
    .references(() => persons.id),
  challengeId: uuid('challenge_id')
    .notNull()
    .references(() => faceChallenges.id),
  seenAt: timestamp('seen_at', { withTimezone: true }).notNull().defaultNow(),
});
