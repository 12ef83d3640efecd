/**
 * Picks the terminal's key store: the one that already holds its key, else the best the platform
 * has: the TPM on Linux (tpm2-tools and a TPM device), the OS's store through Electron's safeStorage
 * where it really protects (DPAPI on Windows, Keychain on macOS, libsecret/kwallet on Linux), else an
 * owner-only file.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { FileKeyStore } from './file-store';
import type { TerminalKeyStore } from './key-store';
import { type SafeStorageLike, SafeStorageKeyStore, safeStorageProtects } from './safe-storage-store';
import { type TpmCommandRunner, type TpmProbe, TpmKeyStore, detectTpm } from './tpm-store';

export interface ChooseKeyStoreOptions {
  /** The terminal's data folder. */
  dataDir: string;
  platform?: NodeJS.Platform;
  /** Electron's safeStorage, when the host runs inside the shell. */
  safeStorage?: SafeStorageLike | undefined;
  /** How to look for a TPM (tests); default: the device nodes and PATH. */
  tpmProbe?: TpmProbe;
  tpmRunner?: TpmCommandRunner;
}

/** The files each store keeps in the data folder. */
export const keyFiles = {
  tpm: 'terminal-key.tpm',
  safeStorage: 'terminal-key.sealed',
  file: 'terminal-key.p8',
} as const;

/** The store to use, and why (for the log). */
export async function chooseKeyStore(
  options: ChooseKeyStoreOptions,
): Promise<{ store: TerminalKeyStore; why: string }> {
  const platform = options.platform ?? process.platform;
  const at = (name: string) => path.join(options.dataDir, name);
  const exists = (file: string) =>
    fs.access(file).then(
      () => true,
      () => false,
    );
  const tpm = () => new TpmKeyStore(at(keyFiles.tpm), options.tpmRunner);
  const safe = (s: SafeStorageLike) => new SafeStorageKeyStore(s, at(keyFiles.safeStorage), platform);
  const file = () => new FileKeyStore(at(keyFiles.file), platform);

  // A key already made stays where it is (a store that cannot open it says so; it is never replaced).
  if (await exists(`${at(keyFiles.tpm)}.pub`)) return { store: tpm(), why: 'the key is sealed by the TPM' };
  if (await exists(at(keyFiles.safeStorage))) {
    if (options.safeStorage) return { store: safe(options.safeStorage), why: 'the key is kept by the OS key store' };
    return {
      store: safe(unavailableSafeStorage),
      why: 'the key is in the OS key store, which only the shell can open',
    };
  }
  if (await exists(at(keyFiles.file))) return { store: file(), why: 'the key is in an owner-only file' };

  if (platform === 'linux') {
    const found = await detectTpm(options.tpmProbe);
    if (found.available) return { store: tpm(), why: found.reason };
  }
  if (options.safeStorage && safeStorageProtects(options.safeStorage, platform)) {
    return { store: safe(options.safeStorage), why: 'the OS key store (safeStorage)' };
  }
  return { store: file(), why: 'no TPM or OS key store: an owner-only file' };
}

const unavailableSafeStorage: SafeStorageLike = {
  isEncryptionAvailable: () => false,
  encryptString: () => {
    throw new Error('safeStorage is not available outside the shell');
  },
  decryptString: () => {
    throw new Error('safeStorage is not available outside the shell');
  },
};
