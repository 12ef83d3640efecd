/** Terminal key pairs (issue 14): the enrolled public key, and the nonces of signed requests. */
import { index, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { terminals } from './org';

/** A terminal's enrolled public key; while a terminal has one, its requests must be signed with it. */
export const terminalKeys = pgTable('terminal_keys', {
  terminalId: text('terminal_id')
    .primaryKey()
    .references(() => terminals.id, { onDelete: 'cascade' }),
  algorithm: text('algorithm').notNull(),
  /** SPKI DER, base64. */
  publicKey: text('public_key').notNull(),
  /** Hex sha256 of the SPKI DER. */
  fingerprint: text('fingerprint').notNull(),
  enrolledAt: timestamp('enrolled_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Nonces of signed requests seen recently, per terminal; a second request with the same nonce is a
 * replay. Kept in the database so that every server instance refuses it; a row may go once its
 * request time is outside the accepted clock window (`expires_at`). UNLOGGED (written by hand into
 * migration 0010): one insert per request without a WAL flush; a database crash forgets the last
 * window's nonces, and only requests from that window could then be replayed, within it.
 */
export const terminalRequestNonces = pgTable(
  'terminal_request_nonces',
  {
    terminalId: text('terminal_id').notNull(),
    nonce: text('nonce').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.terminalId, t.nonce] }),
    index('terminal_request_nonces_expiry_idx').on(t.expiresAt),
  ],
);
