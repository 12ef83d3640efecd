// Issue 14: where the terminal's private key lives. An owner-only file (refused when group or others
// may read it), the OS's store through Electron's safeStorage (only with a real backend), or the TPM
// through tpm2-tools (detected; stood in for by a fake TPM here: there is no TPM on this machine; the
// real path runs with `scripts/check-tpm-key-store.ts` against Debian's software TPM, swtpm).
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, promises as fs, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KioskError } from '../../contracts/errors';
import { chooseKeyStore, keyFiles } from '../../host/terminal-key/choose-store';
import { TerminalCredentials } from '../../host/terminal-key/credentials';
import { FileKeyStore } from '../../host/terminal-key/file-store';
import { KeyStoreError } from '../../host/terminal-key/key-store';
import {
  type SafeStorageLike,
  SafeStorageKeyStore,
  safeStorageProtects,
} from '../../host/terminal-key/safe-storage-store';
import { TerminalKey } from '../../host/terminal-key/terminal-key';
import { type TpmCommandRunner, type TpmProbe, TpmKeyStore, detectTpm } from '../../host/terminal-key/tpm-store';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'terminal-key-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A stand-in for safeStorage: AES-GCM under a per-"user" secret, like DPAPI's per-user key. */
export function fakeSafeStorage(backend = 'gnome_libsecret', userKey = randomBytes(32)): SafeStorageLike {
  return {
    isEncryptionAvailable: () => true,
    getSelectedStorageBackend: () => backend,
    encryptString(text) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', userKey, iv);
      const body = Buffer.concat([c.update(text, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]);
    },
    decryptString(sealed) {
      const d = createDecipheriv('aes-256-gcm', userKey, sealed.subarray(0, 12));
      d.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([d.update(sealed.subarray(28)), d.final()]).toString('utf8');
    },
  };
}

describe('the owner-only key file', () => {
  it('is made once, 0600 in a 0700 folder, and the same key is loaded again', async () => {
    const file = path.join(dir, 'data', keyFiles.file);
    const made = await TerminalKey.loadOrCreate(new FileKeyStore(file));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    const again = await TerminalKey.loadOrCreate(new FileKeyStore(file));
    expect(again.fingerprint).toBe(made.fingerprint);
    expect(made.publicKey).toMatch(/^[A-Za-z0-9+/]{59}=$/);
  });

  it('two processes making the key at once end up with one key', async () => {
    const file = path.join(dir, keyFiles.file);
    const keys = await Promise.all([1, 2, 3, 4].map(() => TerminalKey.loadOrCreate(new FileKeyStore(file))));
    expect(new Set(keys.map((k) => k.fingerprint)).size).toBe(1);
  });

  it.each([0o640, 0o604, 0o644, 0o660])(
    'refuses a key file with mode %o, and the terminal signs nothing',
    async (mode) => {
      const file = path.join(dir, keyFiles.file);
      await TerminalKey.loadOrCreate(new FileKeyStore(file));
      chmodSync(file, mode);
      const error = await TerminalKey.loadOrCreate(new FileKeyStore(file)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(KeyStoreError);
      expect(error).toMatchObject({ problem: 'keyFileTooOpen' });
      expect((error as Error).message).toContain('chmod 600');
      const creds = new TerminalCredentials({
        terminalId: 'T1',
        secret: 's'.repeat(43),
        keyStore: new FileKeyStore(file),
      });
      const refused = await creds.headersFor('GET', '/api/v1/terminal', undefined).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(KioskError);
      expect(refused).toMatchObject({ code: 'unauthorized' });
      // The loose file is left as it was: never replaced by a new key.
      expect(statSync(file).mode & 0o777).toBe(mode);
    },
  );

  it('does not read POSIX modes on Windows (the OS store is the protection there)', async () => {
    const file = path.join(dir, keyFiles.file);
    await TerminalKey.loadOrCreate(new FileKeyStore(file));
    chmodSync(file, 0o644);
    await expect(TerminalKey.loadOrCreate(new FileKeyStore(file, 'win32'))).resolves.toBeInstanceOf(TerminalKey);
  });
});

describe('the OS key store through safeStorage', () => {
  it('keeps only ciphertext on disk; another user (or machine) cannot open it', async () => {
    const safe = fakeSafeStorage();
    const file = path.join(dir, keyFiles.safeStorage);
    const store = new SafeStorageKeyStore(safe, file, 'win32');
    const key = await TerminalKey.loadOrCreate(store);
    const pkcs8 = (await store.read())!;
    const onDisk = readFileSync(file);
    expect(onDisk.includes(pkcs8.subarray(16))).toBe(false);
    expect(onDisk.toString('latin1')).not.toContain(pkcs8.toString('base64').slice(20));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect((await TerminalKey.loadOrCreate(new SafeStorageKeyStore(safe, file, 'win32'))).fingerprint).toBe(
      key.fingerprint,
    );
    const elsewhere = new SafeStorageKeyStore(fakeSafeStorage(), file, 'win32');
    await expect(elsewhere.read()).rejects.toMatchObject({ problem: 'unprotectFailed' });
  });

  it("does not count Chromium's basic_text fallback on Linux as protection", () => {
    expect(safeStorageProtects(fakeSafeStorage('basic_text'), 'linux')).toBe(false);
    expect(safeStorageProtects(fakeSafeStorage('unknown'), 'linux')).toBe(false);
    expect(safeStorageProtects(fakeSafeStorage('kwallet5'), 'linux')).toBe(true);
    expect(safeStorageProtects(fakeSafeStorage('basic_text'), 'win32')).toBe(true);
    expect(safeStorageProtects({ ...fakeSafeStorage(), isEncryptionAvailable: () => false }, 'win32')).toBe(false);
  });
});

/** A TPM stand-in speaking tpm2-tools' command lines: sealed blobs name a secret it keeps. */
function fakeTpm(): { run: TpmCommandRunner; calls: string[]; clear(): void } {
  let sealed = new Map<string, Buffer>();
  const calls: string[] = [];
  const arg = (args: string[], flag: string) => args[args.indexOf(flag) + 1]!;
  const run: TpmCommandRunner = async (command, args, stdin) => {
    calls.push(command);
    if (command === 'tpm2_createprimary' || command === 'tpm2_flushcontext') {
      if (command === 'tpm2_createprimary') await fs.writeFile(arg(args, '-c'), 'primary');
      return Buffer.alloc(0);
    }
    if (command === 'tpm2_create') {
      const handle = randomBytes(8).toString('hex');
      sealed.set(handle, stdin!);
      await fs.writeFile(arg(args, '-u'), `pub:${handle}`);
      await fs.writeFile(arg(args, '-r'), randomBytes(64)); // opaque, as a TPM's private blob is
      return Buffer.alloc(0);
    }
    if (command === 'tpm2_load') {
      const handle = (await fs.readFile(arg(args, '-u'), 'utf8')).slice(4);
      await fs.writeFile(arg(args, '-c'), handle);
      return Buffer.alloc(0);
    }
    if (command === 'tpm2_unseal') {
      const data = sealed.get(await fs.readFile(arg(args, '-c'), 'utf8'));
      if (!data) throw new Error('ERROR: Esys_Load(0x1df) - tpm:parameter(1):integrity check failed');
      return data;
    }
    throw new Error(`unexpected ${command}`);
  };
  return { run, calls, clear: () => (sealed = new Map()) };
}

const probe = (over: Partial<TpmProbe>): TpmProbe => ({
  exists: async () => false,
  hasTools: async () => true,
  env: {},
  ...over,
});

describe('the TPM', () => {
  it('is detected only with tpm2-tools and a TPM device (or a configured TCTI)', async () => {
    expect(await detectTpm(probe({ hasTools: async () => false, exists: async () => true }))).toEqual({
      available: false,
      reason: 'tpm2-tools is not installed',
    });
    expect((await detectTpm(probe({}))).available).toBe(false);
    expect(await detectTpm(probe({ exists: async (f) => f === '/dev/tpmrm0' }))).toEqual({
      available: true,
      reason: 'TPM at /dev/tpmrm0',
    });
    expect((await detectTpm(probe({ env: { TPM2TOOLS_TCTI: 'swtpm:port=2321' } }))).available).toBe(true);
  });

  it('seals the key: the files hold no key bytes, and a cleared (or another) TPM cannot unseal them', async () => {
    const tpm = fakeTpm();
    const store = new TpmKeyStore(path.join(dir, keyFiles.tpm), tpm.run);
    const key = await TerminalKey.loadOrCreate(store);
    const pkcs8 = (await store.read())!;
    for (const ext of ['.pub', '.priv']) {
      const file = path.join(dir, keyFiles.tpm + ext);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(readFileSync(file).includes(pkcs8.subarray(16))).toBe(false);
    }
    expect(tpm.calls.filter((c) => c !== 'tpm2_flushcontext')).toEqual([
      'tpm2_createprimary',
      'tpm2_create',
      'tpm2_createprimary',
      'tpm2_load',
      'tpm2_unseal',
      'tpm2_createprimary',
      'tpm2_load',
      'tpm2_unseal',
    ]);
    expect((await TerminalKey.loadOrCreate(store)).fingerprint).toBe(key.fingerprint);
    tpm.clear();
    await expect(store.read()).rejects.toMatchObject({ problem: 'tpmFailed' });
  });
});

describe('choosing the store', () => {
  const noTpm = probe({ hasTools: async () => false });
  const withTpm = probe({ exists: async () => true });

  it('Linux: the TPM when there is one; else safeStorage with a real backend; else the owner-only file', async () => {
    const tpm = fakeTpm();
    expect(
      (await chooseKeyStore({ dataDir: dir, platform: 'linux', tpmProbe: withTpm, tpmRunner: tpm.run })).store.kind,
    ).toBe('tpm');
    expect(
      (
        await chooseKeyStore({
          dataDir: dir,
          platform: 'linux',
          tpmProbe: noTpm,
          safeStorage: fakeSafeStorage('kwallet5'),
        })
      ).store.kind,
    ).toBe('safeStorage');
    const plain = await chooseKeyStore({
      dataDir: dir,
      platform: 'linux',
      tpmProbe: noTpm,
      safeStorage: fakeSafeStorage('basic_text'),
    });
    expect(plain.store.kind).toBe('file');
    expect(plain.why).toContain('owner-only file');
  });

  it('Windows: safeStorage (DPAPI); in browser mode without the shell: the file', async () => {
    expect((await chooseKeyStore({ dataDir: dir, platform: 'win32', safeStorage: fakeSafeStorage() })).store.kind).toBe(
      'safeStorage',
    );
    expect((await chooseKeyStore({ dataDir: dir, platform: 'win32' })).store.kind).toBe('file');
  });

  it('keeps using the store that holds the key, even when a better one appears later', async () => {
    await TerminalKey.loadOrCreate(new FileKeyStore(path.join(dir, keyFiles.file)));
    const chosen = await chooseKeyStore({
      dataDir: dir,
      platform: 'linux',
      tpmProbe: withTpm,
      tpmRunner: fakeTpm().run,
    });
    expect(chosen.store.kind).toBe('file');
  });
});
