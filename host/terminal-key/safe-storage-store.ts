/**
 * The OS's protected store through Electron's `safeStorage` (the host never imports Electron: the
 * shell passes the module in). On Windows it is DPAPI (bound to the Windows user: the file copied to
 * another machine or user cannot be decrypted), on macOS the Keychain, on Linux libsecret or kwallet,
 * and only when a real backend is in use: Chromium's `basic_text` fallback is a fixed, public
 * password, so it is treated as unavailable.
 */
import { KeyStoreError, type TerminalKeyStore } from './key-store';
import { readOwnerOnly, writeOwnerOnly } from './file-store';

/** The part of Electron's `safeStorage` used here. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only in Electron: `basic_text`, `gnome_libsecret`, `kwallet`, `kwallet5`, `kwallet6`, `unknown`. */
  getSelectedStorageBackend?(): string;
}

/** True when safeStorage encrypts with a secret the OS keeps (not Chromium's fixed fallback password). */
export function safeStorageProtects(
  safeStorage: SafeStorageLike,
  platform: NodeJS.Platform = process.platform,
): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false;
  if (platform !== 'linux') return true;
  const backend = safeStorage.getSelectedStorageBackend?.() ?? 'unknown';
  return backend !== 'basic_text' && backend !== 'unknown';
}

/** The key's bytes encrypted by safeStorage, kept in an owner-only file. */
export class SafeStorageKeyStore implements TerminalKeyStore {
  readonly kind = 'safeStorage' as const;

  constructor(
    private readonly safeStorage: SafeStorageLike,
    readonly location: string,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {}

  async read(): Promise<Buffer | null> {
    const sealed = await readOwnerOnly(this.location, this.platform);
    if (sealed === null) return null;
    if (!safeStorageProtects(this.safeStorage, this.platform)) {
      throw new KeyStoreError(
        'protectionUnavailable',
        'the OS key store is not available now: the terminal key stays locked',
      );
    }
    try {
      return Buffer.from(this.safeStorage.decryptString(sealed), 'base64');
    } catch {
      throw new KeyStoreError(
        'unprotectFailed',
        `the terminal key ${this.location} cannot be decrypted by this machine's user (copied from elsewhere?): re-register the terminal`,
      );
    }
  }

  async write(bytes: Buffer): Promise<void> {
    if (!safeStorageProtects(this.safeStorage, this.platform)) {
      throw new KeyStoreError('protectionUnavailable', 'the OS key store is not available');
    }
    await writeOwnerOnly(this.location, this.safeStorage.encryptString(bytes.toString('base64')));
  }
}
