/** Updates staff roll out: uploaded releases, their rollout per hall, terminals' reports, the signing key. */
import {
  customType,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { halls, terminals } from './org';

/** Package bytes as `bytea`: every server instance over the database serves the same files. */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/** One package file of one version for one kind of terminal, as uploaded (never changed after). */
export const updateReleases = pgTable(
  'update_releases',
  {
    id: uuid('id').primaryKey(),
    version: text('version').notNull(),
    kind: text('kind', { enum: ['electron', 'deb'] }).notNull(),
    arch: text('arch', { enum: ['amd64', 'arm64', 'x64', 'all'] }).notNull(),
    fileName: text('file_name').notNull(),
    size: integer('size').notNull(),
    /** SHA-512 of the file, base64. */
    sha512: text('sha512').notNull(),
    bytes: bytea('bytes').notNull(),
    uploadedBy: text('uploaded_by').notNull(),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('update_releases_version_idx').on(t.kind, t.arch, t.version)],
);

/** A release's staged rollout in one hall. */
export const updateRollouts = pgTable(
  'update_rollouts',
  {
    releaseId: uuid('release_id')
      .notNull()
      .references(() => updateReleases.id),
    hallId: text('hall_id')
      .notNull()
      .references(() => halls.id),
    status: text('status', { enum: ['rolling', 'paused'] }).notNull(),
    percent: integer('percent').notNull(),
    publishedBy: text('published_by').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.releaseId, t.hallId] })],
);

/** How an update ended on a terminal: one row per terminal, release and result. */
export const terminalUpdates = pgTable(
  'terminal_updates',
  {
    terminalId: text('terminal_id')
      .notNull()
      .references(() => terminals.id),
    releaseId: uuid('release_id')
      .notNull()
      .references(() => updateReleases.id),
    result: text('result', { enum: ['installed', 'failed', 'rolledBack', 'refused'] }).notNull(),
    runningVersion: text('running_version').notNull(),
    detail: text('detail'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.terminalId, t.releaseId, t.result] }),
    index('terminal_updates_release_idx').on(t.releaseId),
  ],
);

/** The update-signing key (Ed25519), kept apart from the statement key; same rotation rules. */
export const updateSigningKeys = pgTable('update_signing_keys', {
  keyId: text('key_id').primaryKey(),
  /** PKCS#8 PEM; null once retired, or when the key lives in `UPDATE_SIGNING_KEY`. */
  privateKeyPem: text('private_key_pem'),
  publicKeyPem: text('public_key_pem').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  retiredAt: timestamp('retired_at', { withTimezone: true }),
});
