/** Applies the committed SQL migrations with Drizzle's migrator. */
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { Pool } from 'pg';
import * as schema from './schema';

/** Folder holding the SQL written by drizzle-kit. */
export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/** Arbitrary constant so that server instances starting together migrate one at a time. */
const MIGRATION_LOCK = 7_204_118_331;

/** Migrates a PGlite database (single connection: no lock needed). */
export async function migratePgliteDb(db: PgliteDatabase<typeof schema>): Promise<void> {
  await migratePglite(db, { migrationsFolder });
}

/** Migrates a PostgreSQL database under a session advisory lock held on one pooled connection. */
export async function migratePostgresPool(pool: Pool): Promise<void> {
  const client = await pool.connect();
  try {
    const db = drizzlePg(client, { schema });
    await db.execute(sql`select pg_advisory_lock(${MIGRATION_LOCK})`);
    try {
      await migratePg(db, { migrationsFolder });
    } finally {
      await db.execute(sql`select pg_advisory_unlock(${MIGRATION_LOCK})`);
    }
  } finally {
    client.release();
  }
}
