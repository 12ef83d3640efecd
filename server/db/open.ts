/** Opens the hall server's database: embedded PGlite by default, PostgreSQL when a URL is given. */
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { migratePgliteDb, migratePostgresPool } from './migrate';
import * as schema from './schema';
import type { Database, Db } from './types';

/** Where the database lives. `url` wins; otherwise PGlite in `dataDir`, or in memory. */
export interface OpenDatabaseOptions {
  url?: string;
  dataDir?: string;
  /** Run the migrations on open (default true). */
  migrate?: boolean;
  /** Maximum pooled PostgreSQL connections (default 10). */
  poolSize?: number;
}

/** Opens (and by default migrates) the database. */
export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<Database> {
  if (options.url) return openPostgres(options.url, options.migrate ?? true, options.poolSize ?? 10);
  const client = await PGlite.create(options.dataDir ? { dataDir: options.dataDir } : {});
  return wrapPglite(client, options.migrate ?? true);
}

/** Wraps an already created PGlite (e.g. one loaded from a template tarball). */
export async function wrapPglite(client: PGlite, migrate = true): Promise<Database> {
  const db = drizzlePglite(client, { schema });
  try {
    if (migrate) await migratePgliteDb(db);
  } catch (error) {
    await client.close();
    throw error;
  }
  return { db: db as unknown as Db, kind: 'pglite', close: () => closePglite(client) };
}

async function closePglite(client: PGlite): Promise<void> {
  if (!client.closed) await client.close();
}

async function openPostgres(url: string, migrate: boolean, max: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle client losing its connection must not crash the server; the next query reconnects.
  pool.on('error', () => {});
  try {
    if (migrate) await migratePostgresPool(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  const db = drizzlePg(pool, { schema });
  let closed = false;
  return {
    db: db as unknown as Db,
    kind: 'postgres',
    close: async () => {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}
