/** The database handle that all query code uses, whichever driver is underneath. */
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type * as schema from './schema';

/** Drizzle over PGlite or node-postgres, typed as their common base so one query code serves both. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/** Which engine a database runs on. */
export type DbKind = 'pglite' | 'postgres';

/** An open database: the Drizzle handle, its kind, and how to close it. */
export interface Database {
  db: Db;
  kind: DbKind;
  close(): Promise<void>;
}
