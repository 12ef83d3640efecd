/**
 * PostgreSQL test databases: the seeded database is built once per key as a template database,
 * and each test file gets `CREATE DATABASE … TEMPLATE` of it, dropped again on close.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { seedDatabase } from '../seed/seed-database';
import type { SeedParams } from '../seed/types';
import { openDatabase } from './open';
import { templateKey } from './template-key';
import type { Database } from './types';

async function sleep(ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Creates (once, under an advisory lock) the seeded template database on the server at `url`. */
async function postgresTemplate(admin: pg.Client, url: string, params: SeedParams): Promise<string> {
  const key = templateKey(params);
  const name = `hrss_tpl_${key}`;
  await admin.query('select pg_advisory_lock($1)', [Number.parseInt(key.slice(0, 8), 16)]);
  try {
    const found = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount) return name;
    const building = `${name}_build`;
    await admin.query(`drop database if exists "${building}" with (force)`);
    await admin.query(`create database "${building}"`);
    const database = await openDatabase({ url: withDatabase(url, building), poolSize: 2 });
    try {
      await seedDatabase(database.db, params);
    } finally {
      await database.close();
    }
    await admin.query(`alter database "${building}" rename to "${name}"`);
    return name;
  } finally {
    await admin.query('select pg_advisory_unlock($1)', [Number.parseInt(key.slice(0, 8), 16)]);
  }
}

/** A PostgreSQL test database: the usual Database plus its URL; `close()` also drops it. */
export interface PostgresTestDatabase extends Database {
  url: string;
  name: string;
}

/** A fresh database on the server of `url` (e.g. TEST_DATABASE_URL), copied from the seeded template. */
export async function createPostgresTestDatabase(url: string, params: SeedParams): Promise<PostgresTestDatabase> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const template = await postgresTemplate(admin, url, params);
    const name = `hrss_test_${randomBytes(6).toString('hex')}`;
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`create database "${name}" template "${template}"`);
        break;
      } catch (error) {
        // 55006: the template is briefly in use (e.g. by a concurrent copy); try again.
        if ((error as { code?: string }).code !== '55006' || attempt >= 20) throw error;
        await sleep(250);
      }
    }
    const dbUrl = withDatabase(url, name);
    const database = await openDatabase({ url: dbUrl, migrate: false, poolSize: 4 });
    return {
      ...database,
      url: dbUrl,
      name,
      close: async () => {
        await database.close();
        const dropper = new pg.Client({ connectionString: url });
        await dropper.connect();
        try {
          await dropper.query(`drop database if exists "${name}" with (force)`);
        } finally {
          await dropper.end();
        }
      },
    };
  } finally {
    await admin.end();
  }
}
