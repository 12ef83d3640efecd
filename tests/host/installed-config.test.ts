/** An installed terminal: its configuration file's place, its data folder, devices it does not have. */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKioskHostFromEnv } from '../../host';
import { HostConfigError, loadHostConfig } from '../../host/config';
import { attachLogFile } from '../../host/log';
import { configFilePath, dataDirPath, prepareDataDir } from '../../host/config-location';
import { runHost, type RunningHost } from '../../host/run-host';

const base = {
  terminalId: 'T-0101',
  terminalSecret: 'abcdefghijklmnopqrstuvwx-secret',
  hallServerUrl: 'http://127.0.0.1:9/',
};

let dir: string;
let running: RunningHost | null = null;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'kiosk-installed-'));
  process.env.KIOSK_LOG = 'silent';
});
afterEach(async () => {
  await running?.stop();
  running = null;
  attachLogFile(null);
  delete process.env.KIOSK_CONFIG;
  rmSync(dir, { recursive: true, force: true });
});

const writeConfig = (content: unknown) => {
  const file = path.join(dir, 'kiosk.json');
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
};

describe('where an installed terminal looks', () => {
  it('finds its configuration in the OS standard place, KIOSK_CONFIG overriding', () => {
    expect(configFilePath('linux', {})).toBe('/etc/hrss-kiosk/kiosk.json');
    expect(configFilePath('win32', { ProgramData: 'D:\\ProgramData' })).toBe('D:\\ProgramData\\hrss-kiosk\\kiosk.json');
    expect(configFilePath('win32', {})).toBe('C:\\ProgramData\\hrss-kiosk\\kiosk.json');
    expect(configFilePath('linux', { KIOSK_CONFIG: '/srv/t.json' })).toBe('/srv/t.json');
  });

  it('keeps data in the app-data place (Electron userData, else the system service folder), never the temp dir', () => {
    expect(dataDirPath('linux', {}, '/home/kiosk/.config/HRSS Kiosk')).toBe('/home/kiosk/.config/HRSS Kiosk');
    expect(dataDirPath('linux', {})).toBe('/var/lib/hrss-kiosk');
    expect(dataDirPath('win32', { ProgramData: 'C:\\ProgramData' })).toBe('C:\\ProgramData\\hrss-kiosk\\data');
    expect(dataDirPath('linux', { KIOSK_DATA_DIR: '/data/kiosk' }, '/ignored')).toBe('/data/kiosk');
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      expect(dataDirPath(platform, {})).not.toContain(tmpdir());
    }
  });

  it('creates the data folder readable by its owner only, and tightens one that exists', () => {
    const fresh = prepareDataDir(path.join(dir, 'a/b'));
    expect(statSync(fresh).mode & 0o777).toBe(0o700);
    const loose = path.join(dir, 'loose');
    mkdirSync(loose, { mode: 0o755 });
    chmodSync(loose, 0o755);
    expect(statSync(prepareDataDir(loose)).mode & 0o777).toBe(0o700);
  });
});

describe('the configuration file', () => {
  it('installs only the devices it lists: the rest are not installed, never simulated', () => {
    const config = loadHostConfig(
      writeConfig({ ...base, devices: { idCardReader: { kind: 'serial', path: '/dev/ttyUSB0' } } }),
    );
    expect(config.devices).toEqual({
      idCardReader: { kind: 'serial', path: '/dev/ttyUSB0', baudRate: 115200 },
      ssCardReader: { kind: 'none' },
      qrScanner: { kind: 'none' },
      receiptPrinter: { kind: 'none' },
      a4Printer: { kind: 'none' },
    });
    expect(loadHostConfig(writeConfig(base)).devices.receiptPrinter).toEqual({ kind: 'none' });
  });

  it('simulates a device only when the file says so', () => {
    const config = loadHostConfig(writeConfig({ ...base, devices: { receiptPrinter: { kind: 'simulator' } } }));
    expect(config.devices.receiptPrinter).toEqual({ kind: 'simulator' });
    expect(config.devices.idCardReader).toEqual({ kind: 'none' });
  });

  it('says which file is missing, unreadable or not JSON', () => {
    const missing = path.join(dir, 'absent.json');
    expect(() => loadHostConfig(missing)).toThrow(`The terminal configuration file ${missing} does not exist.`);
    try {
      loadHostConfig(missing);
    } catch (error) {
      expect(error).toBeInstanceOf(HostConfigError);
      expect((error as HostConfigError).problem).toBe('missing');
    }
    expect(() => loadHostConfig(writeConfig('{ "terminalId": '))).toThrow(/is not valid JSON/);
  });

  it('names every wrong field and never quotes the secret', () => {
    const file = writeConfig({ ...base, terminalSecret: 'short-secret', devices: { qrScanner: { kind: 'hid' } } });
    let caught: HostConfigError | null = null;
    try {
      loadHostConfig(file);
    } catch (error) {
      caught = error as HostConfigError;
    }
    expect(caught?.problem).toBe('invalid');
    expect(caught?.fields.map((f) => f.field)).toEqual([
      'terminalSecret',
      'devices.qrScanner.vendorId',
      'devices.qrScanner.productId',
    ]);
    expect(caught?.message).not.toContain('short-secret');
  });
});

describe('a terminal without some devices', () => {
  it('manages only the listed ones, runs no simulators, and tells the renderer what it does not have', async () => {
    const config = loadHostConfig(
      writeConfig({ ...base, devices: { a4Printer: { kind: 'cups', printer: 'HallA4' } } }),
    );
    running = await runHost({ config, rendererDir: dir, browserMode: false, dataDir: dir, start: false });
    expect(running.hardware).toBeNull();
    expect(running.devices.health().map((h) => h.device)).toEqual(['a4Printer']);
    const status = await running.host.call('getStatus', {});
    expect(status).toMatchObject({
      ok: true,
      value: { notInstalled: ['idCardReader', 'ssCardReader', 'qrScanner', 'receiptPrinter'] },
    });
    await expect(running.devices.printReceipt({ markup: 'x', jobId: 'j' } as never)).rejects.toMatchObject({
      reason: 'notConfigured',
    });
  });
});

describe('the host the Electron shell builds', () => {
  it('reads KIOSK_CONFIG, keeps its data and log file in the owner-only data folder', async () => {
    process.env.KIOSK_CONFIG = writeConfig(base);
    const dataDir = path.join(dir, 'userData');
    const host = await createKioskHostFromEnv({ dataDir, appVersion: '1.2.3' });
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    const logText = readFileSync(path.join(dataDir, 'logs/kiosk.log'), 'utf8');
    expect(logText).toMatch(/INFO \[host\] HRSS kiosk 1\.2\.3 starting/);
    expect(logText).not.toContain(base.terminalSecret);
    const status = await host.call('getStatus', {});
    expect(status).toMatchObject({ ok: true, value: { notInstalled: expect.arrayContaining(['a4Printer']) } });
    await host.stop();
  });

  it("reports the shell's version (package.json's, via app.getVersion()) in its heartbeats", async () => {
    const bodies: Array<Record<string, unknown>> = [];
    const hall = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        if (req.method === 'POST' && body) bodies.push(JSON.parse(body) as Record<string, unknown>);
        res.writeHead(503).end();
      });
    });
    await new Promise<void>((resolve) => hall.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = hall.address() as AddressInfo;
      process.env.KIOSK_CONFIG = writeConfig({ ...base, hallServerUrl: `http://127.0.0.1:${port}/` });
      const host = await createKioskHostFromEnv({ dataDir: path.join(dir, 'd'), appVersion: '1.2.3' });
      await host.start();
      await expect.poll(() => bodies.find((b) => 'appVersion' in b)?.appVersion, { timeout: 10_000 }).toBe('1.2.3');
      await host.stop();
    } finally {
      hall.closeAllConnections();
      await new Promise((resolve) => hall.close(resolve));
    }
  });

  it('throws a HostConfigError naming the file when there is none', async () => {
    process.env.KIOSK_CONFIG = path.join(dir, 'absent.json');
    await expect(createKioskHostFromEnv({ dataDir: path.join(dir, 'd'), appVersion: '1.2.3' })).rejects.toMatchObject({
      name: 'HostConfigError',
      problem: 'missing',
      source: path.join(dir, 'absent.json'),
    });
  });
});
