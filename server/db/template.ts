/**
 * Fast, isolated test databases. PGlite: migrate + seed once, dump the data dir to a tarball in the
 * OS temp dir (keyed by a hash of the migrations, the generator's source and the seed parameters),
 * then open a private copy per test file in about a second. PostgreSQL: see postgres-template.ts.
 */
import { closeSync, existsSync, openSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { seedDatabase } from '../seed/seed-database';
import type { SeedParams } from '../seed/types';
import { openDatabase, wrapPglite } from './open';
import { templateKey } from './template-key';
import type { Database } from './types';

export { templateKey } from './template-key';
export { createPostgresTestDatabase, type PostgresTestDatabase } from './postgres-template';

async function sleep(ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

/** Tarballs of older migrations or seeds (or past demo days) pile up in the temp dir: drop week-old ones. */
function removeStaleTemplates(dir: string): void {
  for (const name of readdirSync(dir)) {
    if (!/^hrss-pglite-[0-9a-f]{16}\.tar$/.test(name)) continue;
    const file = path.join(dir, name);
    try {
      if (Date.now() - statSync(file).mtimeMs > 7 * 86_400_000) rmSync(file, { force: true });
    } catch {
      /* removed by someone else meanwhile */
    }
  }
}

/** Builds the PGlite template tarball once (across parallel test workers) and returns its path. */
export async function pgliteTemplate(params: SeedParams): Promise<string> {
  const file = path.join(os.tmpdir(), `hrss-pglite-${templateKey(params)}.tar`);
  const lock = `${file}.lock`;
  for (;;) {
    if (existsSync(file)) return file;
    let fd: number;
    try {
      fd = openSync(lock, 'wx');
    } catch {
      // Another worker is building it; a lock older than 5 minutes belongs to a dead builder.
      try {
        if (Date.now() - statSync(lock).mtimeMs > 300_000) rmSync(lock, { force: true });
      } catch {
        /* the lock vanished meanwhile: loop */
      }
      await sleep(200);
      continue;
    }
    try {
      if (existsSync(file)) return file;
      const database = await openDatabase();
      try {
        await seedDatabase(database.db, params);
        const client = (database.db as unknown as { $client: PGlite }).$client;
        const dump = await client.dumpDataDir('none');
        const tmp = `${file}.${process.pid}.tmp`;
        writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
        renameSync(tmp, file);
        removeStaleTemplates(os.tmpdir());
      } finally {
        await database.close();
      }
      return file;
    } finally {
      closeSync(fd);
      rmSync(lock, { force: true });
    }
  }
}

/** A private in-memory PGlite, migrated and seeded with `params`, from the cached template. */
export async function openPgliteFromTemplate(params: SeedParams): Promise<Database> {
  const file = await pgliteTemplate(params);
  const client = await PGlite.create({ loadDataDir: new Blob([await readFile(file)]) });
  return wrapPglite(client, false);
}
