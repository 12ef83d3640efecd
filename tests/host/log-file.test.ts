/** The rotating log file in the data folder, and the maintenance screen's faults read back from it. */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RecentErrors } from '../../host/fleet/recent-errors';
import { attachLogFile, log } from '../../host/log';
import { RotatingLogFile } from '../../host/log-file';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'kiosk-logs-'));
  process.env.KIOSK_LOG = 'silent';
});
afterEach(() => {
  attachLogFile(null);
  rmSync(dir, { recursive: true, force: true });
});

describe('rotating log file', () => {
  it('rotates past its size and keeps a bounded number of files', () => {
    const file = new RotatingLogFile(dir, { maxBytes: 1000, keep: 3 });
    for (let i = 0; i < 200; i += 1) file.write(`line ${String(i).padStart(4, '0')} ${'x'.repeat(40)}`);
    expect(readdirSync(dir).sort()).toEqual(['kiosk.log', 'kiosk.log.1', 'kiosk.log.2', 'kiosk.log.3']);
    for (const name of readdirSync(dir)) expect(statSync(path.join(dir, name)).size).toBeLessThanOrEqual(1000);
    expect(file.tail(2).map((l) => l.slice(0, 9))).toEqual(['line 0198', 'line 0199']);
    // The newest line is in kiosk.log, older ones moved along.
    expect(readFileSync(path.join(dir, 'kiosk.log.1'), 'utf8')).toMatch(/line 01\d\d/);
    expect(statSync(path.join(dir, 'kiosk.log')).mode & 0o777).toBe(0o600);
  });

  it('gets the host log lines besides stdout, with no personal data', () => {
    attachLogFile(new RotatingLogFile(dir));
    const error = Object.assign(new Error('no person 110101196803150016 张建国'), { code: 'personNotFound' });
    log.error('session', 'open failed', error);
    const text = readFileSync(path.join(dir, 'kiosk.log'), 'utf8');
    expect(text).toMatch(/ERROR \[session\] open failed \(Error personNotFound/);
    expect(text).not.toContain('110101196803150016');
    expect(text).not.toContain('张建国');
  });

  it('is where the maintenance screen reads recent faults from, across a relaunch', () => {
    attachLogFile(new RotatingLogFile(dir));
    const before = new RecentErrors();
    before.add('receiptPrinter:paperOut');
    before.add('receiptPrinter:paperOut'); // repeated by a poll: one line
    before.add('idCardReader:disconnected');
    expect(readFileSync(path.join(dir, 'kiosk.log'), 'utf8').match(/\[fault\]/g)).toHaveLength(2);

    // A relaunched host starts from the same file.
    attachLogFile(new RotatingLogFile(dir));
    const after = new RecentErrors();
    expect(after.list().map((e) => e.code)).toEqual(['idCardReader:disconnected', 'receiptPrinter:paperOut']);
    expect(after.list()[0]).toEqual(before.list()[0]);
  });
});
