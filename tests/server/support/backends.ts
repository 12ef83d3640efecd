// The databases every server integration test runs on: PGlite always, PostgreSQL when
// TEST_DATABASE_URL is set. On CI a missing TEST_DATABASE_URL fails the PostgreSQL suite.
import { createPostgresTestDatabase, openPgliteFromTemplate } from '../../../server/db/template';
import type { Database } from '../../../server/db/types';
import type { SeedParams } from '../../../server/seed/types';

/** The seed all server tests share (one template for all of them). */
export const TEST_SEED: SeedParams = { seed: 'server-tests', people: 40, asOf: '2025-06-15' };

export interface Backend {
  name: 'pglite' | 'postgres';
  /** A private, seeded database for one test file; close() discards it. */
  open(): Promise<Database & { url?: string }>;
}

const pglite: Backend = { name: 'pglite', open: () => openPgliteFromTemplate(TEST_SEED) };

function postgres(): Backend | null {
  const url = process.env.TEST_DATABASE_URL;
  if (url) return { name: 'postgres', open: () => createPostgresTestDatabase(url, TEST_SEED) };
  if (process.env.CI) {
    return {
      name: 'postgres',
      open: () =>
        Promise.reject(
          new Error(
            'PostgreSQL is needed for the server integration tests on CI: set TEST_DATABASE_URL (source scripts/start-test-postgres.sh).',
          ),
        ),
    };
  }
  return null;
}

/** PGlite, plus PostgreSQL when configured (or required on CI). */
export const backends: Backend[] = [pglite, ...[postgres()].filter((b): b is Backend => b !== null)];
