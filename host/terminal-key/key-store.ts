/**
 * Where a terminal keeps its private key. A store protects opaque bytes (the key's PKCS#8 DER); the
 * key is made and used in host/terminal-key/terminal-key.ts. Three stores, best first where the
 * platform has it: the TPM (tpm-store.ts), the OS's store through Electron's safeStorage
 * (safe-storage-store.ts: DPAPI, Keychain, libsecret/kwallet), an owner-only file (file-store.ts).
 */

/** The kinds of store, for logs and the README's table. */
export type KeyStoreKind = 'tpm' | 'safeStorage' | 'file';

/** A place for the private key's bytes. */
export interface TerminalKeyStore {
  readonly kind: KeyStoreKind;
  /** Where it lives, for the log (a path; never the key). */
  readonly location: string;
  /** The stored bytes; null when no key was stored yet. Throws KeyStoreError when they cannot be trusted. */
  read(): Promise<Buffer | null>;
  /** Stores the bytes once; a store that already holds a key keeps it (the caller reads it back). */
  write(pkcs8: Buffer): Promise<void>;
}

/** Why a stored key is not used. */
export type KeyStoreProblem =
  | 'keyFileTooOpen'
  | 'keyFileNotOwned'
  | 'keyFileUnreadable'
  | 'protectionUnavailable'
  | 'unprotectFailed'
  | 'tpmFailed';

/** A key store's refusal, with what an installer should do about it in the message. */
export class KeyStoreError extends Error {
  constructor(
    readonly problem: KeyStoreProblem,
    message: string,
  ) {
    super(message);
    this.name = 'KeyStoreError';
  }
}
