/** Issued statements (个人权益记录单, 参保证明) and the key that signs them. */
import { customType, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { terminals } from './org';
import { persons } from './people';

/** PDF bytes as `bytea` (node-postgres gives a Buffer, PGlite a Uint8Array: both are read as bytes). */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
});

/**
 * One issued statement: who, where, when, the signed canonical content and its signature, and the
 * PDF exactly as printed (a reprint sends these same bytes). `requestId` makes issuing idempotent per person.
 */
export const statements = pgTable(
  'statements',
  {
    id: uuid('id').primaryKey(),
    verificationCode: text('verification_code').notNull().unique(),
    kind: text('kind', { enum: ['rightsStatement', 'insuranceCertificate'] }).notNull(),
    personId: integer('person_id')
      .notNull()
      .references(() => persons.id),
    terminalId: text('terminal_id')
      .notNull()
      .references(() => terminals.id),
    sessionId: uuid('session_id').notNull(),
    requestId: uuid('request_id').notNull(),
    /** The issue request's parameters (kind, year or span and types), canonical JSON: a reused requestId must match. */
    requestKey: text('request_key').notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
    /** The canonical JSON that was signed (contracts/statements.ts StatementContent). */
    signedContent: text('signed_content').notNull(),
    /** SHA-256 hex of `signedContent`. */
    contentHash: text('content_hash').notNull(),
    /** Ed25519 signature of `signedContent`, base64. */
    signature: text('signature').notNull(),
    keyId: text('key_id').notNull(),
    pageCount: integer('page_count').notNull(),
    pdf: bytea('pdf').notNull(),
  },
  (t) => [
    uniqueIndex('statements_person_request_idx').on(t.personId, t.requestId),
    index('statements_person_idx').on(t.personId, t.issuedAt),
  ],
);

/**
 * Statement signing keys the server knows. The current stored key (when `STATEMENT_SIGNING_KEY` is not
 * set) is the oldest row with a private key and no `retiredAt`: generated once and kept here, so
 * statements issued before a restart still verify. A rotated-out key keeps only its public half
 * (`privateKeyPem` null, `retiredAt` set), and the public half of an env key is recorded on first use,
 * so older statements still verify after the key changes. Only the server reads this table.
 */
export const statementSigningKeys = pgTable('statement_signing_keys', {
  keyId: text('key_id').primaryKey(),
  /** PKCS#8 PEM; null once the key is retired, or when the key lives in `STATEMENT_SIGNING_KEY`. */
  privateKeyPem: text('private_key_pem'),
  /** SPKI PEM; null only on rows written before rotation existed (derived from the private half). */
  publicKeyPem: text('public_key_pem'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  /** When the key stopped signing (rotation); its public half still verifies older statements. */
  retiredAt: timestamp('retired_at', { withTimezone: true }),
});
