// The PGlite template cache in the temp dir: old tarballs are dropped by their age on the file
// system, measured against the one just built, so a process clock set ahead (or faked) never
// removes a template in use; a build lock is taken over only when its builder is gone.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { deadLock, removeStaleTemplates } from '../../server/db/template';

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
});
