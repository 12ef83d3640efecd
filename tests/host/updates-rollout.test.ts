// A staged update on real terminals' updaters against a real hall server: a .deb really installed
// by dpkg into a private tree, only while the terminal is idle; a version that never sends a healthy
// heartbeat is rolled back by itself (dpkg shows the previous version again) and the rollout pauses;
// a healthy one is confirmed; a package spoiled on the way is refused and never installed; the
// Electron path hands electron-updater a feed it checks against the signed manifest.
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseHostConfig } from '../../host/config';
import { HallClient } from '../../host/hall-client/hall-client';
import type { DeviceManager } from '../../host/device-manager/device-manager';
import { countingPrints, setupUpdates } from '../../host/updates/setup-updates';
import { createDebInstaller } from '../../host/updates/deb-installer';
import { type AutoUpdaterLike, createElectronInstaller } from '../../host/updates/electron-installer';
import { createUpdateClient, feedUrl, terminalHeaders } from '../../host/updates/update-client';
import { Updater, type UpdateClient } from '../../host/updates/updater';
import { pinnedKeys, verifyFeed } from '../../host/updates/verify';
import { auditLog, terminalUpdates, updateRollouts } from '../../server/db/schema';
import { DEMO_HALL_ID } from '../../server/seed/hall';
import { debFields } from '../../server/cli/upload-release';
import { registerTerminal } from '../../server/terminals/register';
import { publishRelease, uploadRelease } from '../../server/updates/releases';
import { loadUpdateSigner } from '../../server/updates/update-key';
import type { SignedInStaff } from '../../server/staff/staff-auth';
import { backends } from '../server/support/backends';
import { type TestHall, openTestHall } from '../server/support/hall';
import { buildTestDeb, emptyDpkgRoot, installedIn } from './update-packages';

process.env.KIOSK_LOG = 'silent';

const admin: SignedInStaff = {
  staffId: 'S004',
  name: '郑凯',
  role: 'admin',
  hallId: DEMO_HALL_ID,
  hallName: '',
  hallTimeZone: 'Asia/Shanghai',
  tokenHash: '',
};
const v1 = buildTestDeb('0.1.0');
const v2 = buildTestDeb('0.2.0');

let hall: TestHall;
let url: string;
let keys: ReturnType<typeof pinnedKeys>;
const secrets: Record<string, string> = {};
let v2Id: string;

beforeAll(async () => {
  hall = await openTestHall(backends[0]!);
  url = await hall.app.listen({ host: '127.0.0.1', port: 0 });
  const db = hall.database.db;
  for (const id of ['KIOSK-R1', 'KIOSK-R2', 'KIOSK-R3', 'KIOSK-E1']) {
    secrets[id] = await registerTerminal(db, { terminalId: id, hallId: DEMO_HALL_ID });
  }
  keys = pinnedKeys([(await loadUpdateSigner(db)).publicKeyPem]);
  const common = { kind: 'deb', arch: 'all', uploadedBy: 'cli:test' } as const;
  await uploadRelease(db, { ...common, version: '0.1.0', fileName: v1.fileName, bytes: v1.bytes });
  v2Id = (await uploadRelease(db, { ...common, version: '0.2.0', fileName: v2.fileName, bytes: v2.bytes })).releaseId;
  await publishRelease(db, new Date(), admin, v2Id, 100);
});
afterAll(async () => {
  await hall?.close();
});

function clientOf(terminalId: string, spoil = false): UpdateClient {
  const secret = secrets[terminalId]!;
  const hallClient = new HallClient({ baseUrl: url, terminalId, terminalSecret: secret, timeoutMs: 8000 });
  const client = createUpdateClient({ hall: hallClient, baseUrl: url, terminalId, terminalSecret: secret });
  if (!spoil) return client;
  // A proxy on the way changes one byte of every package.
  return {
    ...client,
    download: async (m) => {
      const bytes = await client.download(m);
      bytes[bytes.length - 20]! ^= 0x40;
      return bytes;
    },
  };
}

function terminal(terminalId: string, appVersion: string, dataDir: string, root: string, spoil = false) {
  let clock = Date.parse('2026-07-01T03:00:00Z');
  const flags = { idle: false, restarts: 0 };
  const updater = new Updater({
    client: clientOf(terminalId, spoil),
    installer: createDebInstaller({ root }),
    keys,
    kind: 'deb',
    arch: 'amd64',
    appVersion,
    dataDir,
    idle: () => flags.idle,
    requestRestart: () => flags.restarts++,
    healthWindowMs: 10 * 60_000,
    now: () => clock,
  });
  return { updater, flags, advance: (ms: number) => (clock += ms) };
}

async function reportsOf(terminalId: string) {
  const rows = await hall.database.db
    .select({ result: terminalUpdates.result, detail: terminalUpdates.detail, running: terminalUpdates.runningVersion })
    .from(terminalUpdates)
    .where(eq(terminalUpdates.terminalId, terminalId));
  return rows.map((r) => `${r.result}:${r.detail ?? ''}@${r.running}`).sort();
}

describe('a staged .deb update on a terminal', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'updater-r1-'));
  const root = emptyDpkgRoot();
  it('installs nothing while a person is using the terminal, then installs when it is idle', async () => {
    // The tree starts with version 0.1.0 installed, as shipped.
    await createDebInstaller({ root }).install({ manifest: { kind: 'deb' } as never, path: v1.file });
    expect(installedIn(root)).toEqual({ file: '0.1.0', dpkgVersion: '0.1.0' });

    const t = terminal('KIOSK-R1', '0.1.0', dataDir, root);
    t.flags.idle = false; // a session is open, or a statement is printing
    expect(await t.updater.check()).toBe('waitingForIdle');
    expect(installedIn(root).dpkgVersion).toBe('0.1.0');
    // Both packages are already checked and kept: the new one and the one to go back to.
    expect(Object.keys(t.updater.state().packages).sort()).toEqual(['0.1.0', '0.2.0']);

    t.flags.idle = true;
    expect(await t.updater.check()).toBe('installed');
    expect(installedIn(root)).toEqual({ file: '0.2.0', dpkgVersion: '0.2.0' });
    expect(t.flags.restarts).toBe(1);
  });

  it('rolls back by itself when the new version sends no healthy heartbeat within 10 minutes', async () => {
    // The restart: version 0.2.0 starts on the same data folder, and never gets a heartbeat through.
    const t = terminal('KIOSK-R1', '0.2.0', dataDir, root);
    t.flags.idle = true;
    expect(await t.updater.check()).toBe('onProbation');
    t.advance(9 * 60_000);
    expect(await t.updater.check()).toBe('onProbation');
    t.advance(2 * 60_000);
    t.flags.idle = false;
    expect(await t.updater.check()).toBe('waitingForIdle'); // even a rollback waits for the person
    t.flags.idle = true;
    expect(await t.updater.check()).toBe('rolledBack');
    expect(installedIn(root)).toEqual({ file: '0.1.0', dpkgVersion: '0.1.0' });
    expect(t.flags.restarts).toBe(1);
    expect(await reportsOf('KIOSK-R1')).toEqual(['rolledBack:noHealthyHeartbeat@0.1.0']);
    // The broken release is paused in the hall, so no other terminal gets it...
    const [rollout] = await hall.database.db.select().from(updateRollouts).where(eq(updateRollouts.releaseId, v2Id));
    expect(rollout!.status).toBe('paused');
    // ...and this terminal, back on 0.1.0, never tries it again even when it is resumed.
    await publishRelease(hall.database.db, new Date(), admin, v2Id, 100);
    const back = terminal('KIOSK-R1', '0.1.0', dataDir, root);
    back.flags.idle = true;
    expect(await back.updater.check()).toBe('refused');
    expect(installedIn(root).dpkgVersion).toBe('0.1.0');
    const audited = await hall.database.db
      .select({ action: auditLog.action, result: auditLog.result })
      .from(auditLog)
      .where(and(eq(auditLog.terminalId, 'KIOSK-R1')));
    expect(audited).toEqual(
      expect.arrayContaining([
        { action: 'update.download', result: 'ok' },
        { action: 'update.report', result: 'rolledBack' },
        { action: 'update.pause', result: 'ok' },
      ]),
    );
  });

  it('confirms a version whose heartbeat gets through, and keeps only it and the previous package', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'updater-r2-'));
    const tree = emptyDpkgRoot();
    const t = terminal('KIOSK-R2', '0.1.0', dir, tree);
    t.flags.idle = true;
    expect(await t.updater.check()).toBe('installed');
    const after = terminal('KIOSK-R2', '0.2.0', dir, tree);
    await after.updater.healthyHeartbeat();
    after.advance(60 * 60_000);
    expect(await after.updater.check()).toBe('upToDate');
    expect(installedIn(tree).dpkgVersion).toBe('0.2.0');
    expect(after.updater.state().probation).toBeNull();
    expect(await reportsOf('KIOSK-R2')).toEqual(['installed:@0.2.0']);
  });

  it('refuses a package changed on the way and installs nothing', async () => {
    const tree = emptyDpkgRoot();
    const t = terminal('KIOSK-R3', '0.1.0', mkdtempSync(path.join(tmpdir(), 'updater-r3-')), tree, true);
    t.flags.idle = true;
    expect(await t.updater.check()).toBe('refused');
    expect(installedIn(tree)).toEqual({ file: null, dpkgVersion: null });
    expect(t.updater.state().packages).toEqual({});
    expect(await reportsOf('KIOSK-R3')).toEqual(['refused:sha512Mismatch@0.1.0']);
  });
});

describe('the Electron path', () => {
  it('hands electron-updater the signed feed of the release and installs on quit', async () => {
    const bytes = Buffer.from('Electron build 0.5.0 stand-in');
    const db = hall.database.db;
    await uploadRelease(db, {
      version: '0.4.0',
      kind: 'electron',
      arch: 'x64',
      fileName: 'hrss-kiosk-0.4.0.AppImage',
      bytes: Buffer.from('0.4.0'),
      uploadedBy: 'cli:test',
    });
    const release = await uploadRelease(db, {
      version: '0.5.0',
      kind: 'electron',
      arch: 'x64',
      fileName: 'hrss-kiosk-0.5.0.AppImage',
      bytes,
      uploadedBy: 'cli:test',
    });
    await publishRelease(db, new Date(), admin, release.releaseId, 100);
    const id = 'KIOSK-E1';
    const headers = terminalHeaders(id, secrets[id]!);
    const client = createUpdateClient({
      hall: new HallClient({ baseUrl: url, terminalId: id, terminalSecret: secrets[id]!, timeoutMs: 8000 }),
      baseUrl: url,
      terminalId: id,
      terminalSecret: secrets[id]!,
    });
    // A stand-in for electron-updater's autoUpdater: it reads the generic feed and checks the
    // downloaded file's sha512 the way electron-updater does.
    const calls: string[] = [];
    let feed = '';
    const autoUpdater: AutoUpdaterLike = {
      autoDownload: true,
      autoInstallOnAppQuit: true,
      allowDowngrade: false,
      setFeedURL: ({ url: base }) => {
        feed = base;
        calls.push('setFeedURL');
      },
      checkForUpdates: async () => {
        const text = await (await fetch(new URL('latest-linux.yml', feed), { headers })).text();
        const field = (n: string) => new RegExp(`${n}: '([^']*)'`).exec(text)![1]!;
        calls.push('checkForUpdates');
        return { updateInfo: { version: field('version'), files: [{ url: field('url'), sha512: field('sha512') }] } };
      },
      downloadUpdate: async () => {
        const file = Buffer.from(
          await (await fetch(new URL('hrss-kiosk-0.5.0.AppImage', feed), { headers })).arrayBuffer(),
        );
        expect(createHash('sha512').update(file).digest('base64')).toBe(release.sha512);
        calls.push('downloadUpdate');
      },
      quitAndInstall: (silent, runAfter) => calls.push(`quitAndInstall:${silent}:${runAfter}`),
    };
    const installer = createElectronInstaller({ autoUpdater, feedUrl: (r) => feedUrl(url, r), headers });
    let restarts = 0;
    const updater = new Updater({
      client,
      installer,
      keys,
      kind: 'electron',
      arch: 'x64',
      appVersion: '0.4.0',
      dataDir: mkdtempSync(path.join(tmpdir(), 'updater-e1-')),
      idle: () => true,
      requestRestart: () => restarts++,
      beforeInstall: async (pkg) => {
        const { text, signature } = await client.feedText(pkg.manifest.releaseId, 'latest-linux.yml');
        verifyFeed(text, signature, pkg.manifest, keys);
      },
    });
    expect(await updater.check()).toBe('installed');
    expect(calls).toEqual(['setFeedURL', 'checkForUpdates', 'downloadUpdate', 'quitAndInstall:true:true']);
    expect(autoUpdater.allowDowngrade).toBe(true);
    expect(updater.state().probation).toMatchObject({ version: '0.5.0', previousVersion: '0.4.0' });
  });
});

describe('wiring', () => {
  it('reads the updates section of a terminal config and builds the updater it names', async () => {
    const config = parseHostConfig({
      terminalId: 'KIOSK-R1',
      terminalSecret: secrets['KIOSK-R1'],
      hallServerUrl: url,
      updates: { kind: 'deb', arch: 'amd64', publicKeys: [(await loadUpdateSigner(hall.database.db)).publicKeyPem] },
    });
    expect(config.updates).toMatchObject({ healthWindowMs: 600_000, checkIntervalMs: 300_000, dpkgCommand: ['dpkg'] });
    expect(() => parseHostConfig({ ...config, updates: { kind: 'deb', publicKeys: ['not a key'] } })).toThrow(
      /updates.publicKeys.0: a public key is an SPKI PEM/,
    );
    const common = {
      hall: new HallClient({
        baseUrl: url,
        terminalId: 'KIOSK-R1',
        terminalSecret: secrets['KIOSK-R1']!,
        timeoutMs: 8000,
      }),
      hallServerUrl: url,
      terminalId: 'KIOSK-R1',
      terminalSecret: secrets['KIOSK-R1']!,
      appVersion: '0.1.0',
      dataDir: mkdtempSync(path.join(tmpdir(), 'updater-w-')),
      idle: () => true,
      requestRestart: () => undefined,
    };
    expect(setupUpdates({ ...common, updates: config.updates! })).toBeInstanceOf(Updater);
    // An Electron terminal without electron-updater does not update (and says so in its log).
    expect(setupUpdates({ ...common, updates: { ...config.updates!, kind: 'electron' } })).toBeNull();
  });

  it('counts a print in flight, so an update waits for the paper to come out', async () => {
    let finish: () => void = () => undefined;
    const devices = {
      printReceipt: () => new Promise((resolve) => (finish = () => resolve({ jobId: 'r1' }))),
      printA4: async () => ({ jobId: 'a1' }),
    } as unknown as DeviceManager;
    const counted = countingPrints(devices);
    const printing = counted.devices.printReceipt({} as never);
    expect(counted.printing()).toBe(1);
    finish();
    await printing;
    expect(counted.printing()).toBe(0);
  });

  it('the upload CLI reads version and arch from the .deb itself', () => {
    expect(debFields(v2.file)).toEqual({ version: '0.2.0', arch: 'all' });
  });
});
