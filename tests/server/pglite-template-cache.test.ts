// The PGlite template cache in the temp dir: old tarballs are dropped by their age on the file
// system, measured against the one just built, so a process clock set ahead (or faked) never
// removes a template in use; a build lock is taken over only when its builder is gone.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { deadLock, openPgliteFromTemplate, removeStaleTemplates, withoutSpareWal } from '../../server/db/template';
import { demoSeedParams } from '../../server/seed/params';

const DAY = 86_400_000;
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'template-cache-'));
});
afterEach(() => {
  vi.useRealTimers();
  rmSync(dir, { recursive: true, force: true });
});

/** A fake tarball whose file time is `daysAgo` days before now. */
function tarball(key: string, daysAgo: number, body = 'x'): string {
  const file = path.join(dir, `hrss-pglite-${key}.tar`);
  writeFileSync(file, body);
  const at = new Date(Date.now() - daysAgo * DAY);
  utimesSync(file, at, at);
  return file;
}

describe('the PGlite template cache', () => {
  it('drops tarballs a week older than the one just built, keeps newer ones and other files', () => {
    const built = tarball('0000000000000001', 0);
    const old = tarball('0000000000000002', 8);
    const recent = tarball('0000000000000003', 2);
    const other = path.join(dir, 'notes.tar');
    writeFileSync(other, 'y');
    utimesSync(other, new Date(Date.now() - 30 * DAY), new Date(Date.now() - 30 * DAY));
    removeStaleTemplates(dir, built);
    expect([existsSync(built), existsSync(old), existsSync(recent), existsSync(other)]).toEqual([
      true,
      false,
      true,
      true,
    ]);
  });

  it('removes nothing in use when the process clock runs a year ahead of the file system', () => {
    const built = tarball('00000000000000aa', 0);
    const inUse = tarball('00000000000000bb', 0);
    vi.useFakeTimers({ now: Date.now() + 365 * DAY, toFake: ['Date'] });
    removeStaleTemplates(dir, built);
    expect([existsSync(built), existsSync(inUse)]).toEqual([true, true]);
  });

  it('takes over a build lock when the process that wrote it is gone, or a lock without a pid after 5 minutes', () => {
    const lock = path.join(dir, 'hrss-pglite-00000000000000cc.tar.lock');
    writeFileSync(lock, String(process.pid));
    expect(deadLock(lock)).toBe(false);
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    writeFileSync(lock, gone);
    expect(deadLock(lock)).toBe(true);
    writeFileSync(lock, ''); // just taken, its pid not yet written
    expect(deadLock(lock)).toBe(false);
    const longAgo = new Date(Date.now() - 10 * 60_000); // an older checkout's lock, with no pid
    utimesSync(lock, longAgo, longAgo);
    expect(deadLock(lock)).toBe(true);
    expect(deadLock(path.join(dir, 'missing.lock'))).toBe(false);
  });

  it('drops the WAL segments before the redo point and after the current one, and nothing else', () => {
    const data = path.join(dir, 'data');
    mkdirSync(path.join(data, 'pg_wal', 'archive_status'), { recursive: true });
    mkdirSync(path.join(data, 'base', '5'), { recursive: true });
    writeFileSync(path.join(data, 'PG_VERSION'), '17\n');
    writeFileSync(path.join(data, 'base', '5', '16507'), Buffer.alloc(1000, 7));
    for (const n of [3, 4, 5, 6])
      writeFileSync(path.join(data, 'pg_wal', `00000001000000000000000${n}`), Buffer.alloc(700, n));
    const tar = path.join(dir, 'data.tar');
    execFileSync('tar', ['cf', tar, '--format=ustar', '-C', data, '.']);
    const trimmed = path.join(dir, 'trimmed.tar');
    writeFileSync(trimmed, withoutSpareWal(readFileSync(tar), '000000010000000000000004', '000000010000000000000005'));
    const listed = execFileSync('tar', ['tf', trimmed]).toString().split('\n').filter(Boolean).sort();
    expect(listed).toEqual([
      './',
      './PG_VERSION',
      './base/',
      './base/5/',
      './base/5/16507',
      './pg_wal/',
      './pg_wal/000000010000000000000004',
      './pg_wal/000000010000000000000005',
      './pg_wal/archive_status/',
    ]);
    const out = path.join(dir, 'out');
    mkdirSync(out);
    execFileSync('tar', ['xf', trimmed, '-C', out]);
    expect(readFileSync(path.join(out, 'base', '5', '16507'))).toEqual(Buffer.alloc(1000, 7));
    expect(readFileSync(path.join(out, 'pg_wal', '000000010000000000000005'))).toEqual(Buffer.alloc(700, 5));
    expect(() => withoutSpareWal(readFileSync(tar).subarray(0, 1500), '0', 'F')).toThrow(/cut short/);
  });

  it('opens a copy holding one WAL segment that writes on into new segments and reads back', async () => {
    const database = await openPgliteFromTemplate(demoSeedParams());
    try {
      const client = (database.db as unknown as { $client: PGlite }).$client;
      const wal = async () =>
        (await client.query<{ name: string }>('select name from pg_ls_waldir() order by name')).rows.map((r) => r.name);
      expect(await wal()).toHaveLength(1);
      const before = (await client.query<{ n: number }>('select count(*)::int as n from persons')).rows[0]!.n;
      expect(before).toBeGreaterThan(0);
      // Two segment switches and 20 MB of rows: PostgreSQL makes the segments it needs.
      await client.query('select pg_switch_wal()');
      await client.query(
        "create table wal_probe as select g, repeat('x', 1000) as pad from generate_series(1, 20000) g",
      );
      await client.query('select pg_switch_wal()');
      await client.query('checkpoint');
      expect((await wal()).length).toBeGreaterThan(1);
      expect((await client.query<{ n: number }>('select count(*)::int as n from wal_probe')).rows[0]!.n).toBe(20000);
      expect((await client.query<{ n: number }>('select count(*)::int as n from persons')).rows[0]!.n).toBe(before);
    } finally {
      await database.close();
    }
  });
});
