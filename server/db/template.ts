/**
 * Fast, isolated test databases. PGlite: migrate + seed once, dump the data dir to a tarball in the
 * OS temp dir (keyed by a hash of the migrations, the generator's source and the seed parameters),
 * then open a private copy per test file in about a second. PostgreSQL: see postgres-template.ts.
 */
import {
  closeSync,
  existsSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
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

/**
 * Tarballs of older migrations or seeds (or past demo days) pile up in the temp dir: drop those a
 * week older than the one just built. Ages are read against that file's time on the same file
 * system, not the process clock, so a clock set ahead (or faked) never removes templates in use.
 */
export function removeStaleTemplates(dir: string, built: string): void {
  const now = statSync(built).mtimeMs;
  for (const name of readdirSync(dir)) {
    if (!/^hrss-pglite-[0-9a-f]{16}\.tar$/.test(name)) continue;
    const file = path.join(dir, name);
    if (file === built) continue;
    try {
      if (now - statSync(file).mtimeMs > 7 * 86_400_000) rmSync(file, { force: true });
    } catch {
      /* removed by someone else meanwhile */
    }
  }
}

/**
 * Whether a build lock was left by a builder that is gone: its pid, written in the lock, is not
 * running. A lock without a pid (being written this instant, or left by an older checkout that wrote
 * none) counts as dead after 5 minutes; a second build then is harmless, as the rename is atomic.
 */
export function deadLock(lock: string): boolean {
  let pid: number;
  let age: number;
  try {
    pid = Number(readFileSync(lock, 'utf8'));
    age = Date.now() - statSync(lock).mtimeMs;
  } catch {
    return false; // vanished meanwhile: the loop looks again
  }
  if (!Number.isInteger(pid) || pid <= 0) return age > 300_000;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

const WAL_SEGMENT = /^(?:\.?\/)?pg_wal\/([0-9A-F]{24})$/;

/**
 * The data dir's tarball without the WAL segments a copy never reads: those before the checkpoint's
 * redo point (recycled) and those after the current one (made ahead for later writes; PostgreSQL
 * makes new ones when it needs them). Each is 16 MB, and every copy opened unpacks the whole
 * tarball: three segments made it 97 MB and 1.7–1.9 s an open, one 64 MB and 1.3 s (2-core machine).
 * Plain ustar, as PGlite writes it: 512-byte headers, each entry's data padded to 512 bytes.
 */
export function withoutSpareWal(tar: Buffer, redo: string, current: string): Buffer {
  const kept: Buffer[] = [];
  let at = 0;
  while (at + 512 <= tar.length) {
    const header = tar.subarray(at, at + 512);
    if (header.every((b) => b === 0)) break;
    const field = (from: number, length: number) =>
      header
        .subarray(from, from + length)
        .toString('latin1')
        .replace(/\0.*$/s, '');
    // POSIX ustar ("ustar\0") has a name prefix at 345; old GNU headers ("ustar ") keep times there.
    const prefix = header.subarray(257, 263).toString('latin1') === 'ustar\0' ? field(345, 155) : '';
    const name = prefix ? `${prefix}/${field(0, 100)}` : field(0, 100);
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const end = at + 512 + Math.ceil(size / 512) * 512;
    if (end > tar.length) throw new Error(`template tarball cut short in ${name}`);
    const segment = WAL_SEGMENT.exec(name)?.[1];
    if (!segment || (segment >= redo && segment <= current)) kept.push(tar.subarray(at, end));
    at = end;
  }
  kept.push(Buffer.alloc(1024));
  return Buffer.concat(kept);
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
      // Another worker is building it, unless the process that took the lock is gone.
      if (deadLock(lock)) rmSync(lock, { force: true });
      await sleep(200);
      continue;
    }
    try {
      writeSync(fd, String(process.pid));
      if (existsSync(file)) return file;
      const database = await openDatabase();
      try {
        await seedDatabase(database.db, params);
        const client = (database.db as unknown as { $client: PGlite }).$client;
        // Without a checkpoint every copy opened replays the seed's WAL first: 2–3.7 s a copy
        // against 1.3–1.7 s (measured on the 2-core test machine), and CI opens hundreds.
        await client.query('checkpoint');
        const { rows } = await client.query<{ redo: string; current: string }>(
          'select redo_wal_file as redo, pg_walfile_name(pg_current_wal_lsn()) as current from pg_control_checkpoint()',
        );
        const dump = await client.dumpDataDir('none');
        const tmp = `${file}.${process.pid}.tmp`;
        writeFileSync(tmp, withoutSpareWal(Buffer.from(await dump.arrayBuffer()), rows[0]!.redo, rows[0]!.current));
        renameSync(tmp, file);
        removeStaleTemplates(os.tmpdir(), file);
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

/**
 * A Blob of bytes already in memory whose arrayBuffer() hands them over at once: PGlite reads the
 * whole tarball with it, and Node 20 reads a plain Blob's 64 MB back through a stream of small
 * chunks and joins them (0.2–0.3 s of each open, measured on the 2-core test machine).
 */
class BytesBlob extends Blob {
  readonly #bytes: Buffer;
  constructor(bytes: Buffer) {
    super([bytes]);
    this.#bytes = bytes;
  }
  override arrayBuffer(): Promise<ArrayBuffer> {
    const b = this.#bytes;
    return Promise.resolve(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer);
  }
}

/** A private in-memory PGlite, migrated and seeded with `params`, from the cached template. */
export async function openPgliteFromTemplate(params: SeedParams): Promise<Database> {
  for (let attempt = 1; ; attempt++) {
    const file = await pgliteTemplate(params);
    let tarball: Buffer;
    try {
      tarball = await readFile(file);
    } catch (error) {
      // Removed between the check and the read (another checkout's clean-up): build it again.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || attempt >= 3) throw error;
      continue;
    }
    const client = await PGlite.create({ loadDataDir: new BytesBlob(tarball) });
    return wrapPglite(client, false);
  }
}
