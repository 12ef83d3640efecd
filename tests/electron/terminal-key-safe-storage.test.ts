// Issue 14 in the shell: Electron's safeStorage (DPAPI on Windows, libsecret/kwallet on Linux) reaches
// the host, which keeps the terminal's private key encrypted by it; Linux's basic_text fallback is no
// protection, so the key then goes to the owner-only file instead.
import './setup';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { chooseKeyStore, keyFiles } from '../../host/terminal-key/choose-store';
import { TerminalKey } from '../../host/terminal-key/terminal-key';
import { resetElectron, safeStorage } from './electron-fake';

vi.mock('../../electron/start-kiosk', () => ({ startKiosk: vi.fn(async () => undefined) }));
vi.mock('../../electron/host-adapter', () => ({
  createKioskHostFromEnv: vi.fn(async () => ({})),
  dataDirPath: () => '/var/lib/hrss-kiosk',
}));

let dir: string;
beforeEach(() => {
  resetElectron();
  dir = mkdtempSync(path.join(tmpdir(), 'shell-key-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("the terminal key in the shell's safeStorage", () => {
  it('main hands Electron’s safeStorage to the host it creates', async () => {
    await import('../../electron/main');
    const { startKiosk } = await import('../../electron/start-kiosk');
    const { createKioskHostFromEnv } = await import('../../electron/host-adapter');
    const [options] = vi.mocked(startKiosk).mock.calls[0]!;
    await options.createHost();
    expect(createKioskHostFromEnv).toHaveBeenCalledWith(
      expect.objectContaining({ safeStorage, dataDir: '/var/lib/hrss-kiosk', appVersion: '1.0.0-test' }),
    );
  });

  it('keeps the key encrypted by safeStorage: only ciphertext on disk, opened by this user only', async () => {
    const { store } = await chooseKeyStore({ dataDir: dir, platform: 'win32', safeStorage });
    expect(store.kind).toBe('safeStorage');
    const key = await TerminalKey.loadOrCreate(store);
    const pkcs8 = (await store.read())!;
    const onDisk = readFileSync(path.join(dir, keyFiles.safeStorage));
    expect(onDisk.includes(pkcs8.subarray(16))).toBe(false);
    // Chosen again after a restart: the same key, from the same store.
    const again = await chooseKeyStore({ dataDir: dir, platform: 'win32', safeStorage });
    expect((await TerminalKey.loadOrCreate(again.store)).fingerprint).toBe(key.fingerprint);
    // Another Windows user (another DPAPI key), or the file copied to another machine: not opened.
    const realKey = safeStorage.userKey;
    safeStorage.userKey = Buffer.alloc(32, 7);
    try {
      await expect(again.store.read()).rejects.toMatchObject({ problem: 'unprotectFailed' });
    } finally {
      safeStorage.userKey = realKey;
    }
  });

  it('on Linux with only the basic_text fallback the key goes to the owner-only file', async () => {
    safeStorage.backend = 'basic_text';
    const chosen = await chooseKeyStore({
      dataDir: dir,
      platform: 'linux',
      safeStorage,
      tpmProbe: { exists: async () => false, hasTools: async () => false, env: {} },
    });
    expect(chosen.store.kind).toBe('file');
  });
});
