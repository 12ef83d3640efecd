/**
 * What the host puts on each request to the hall server: the signature headers of the terminal's key
 * (contracts/terminal-keys.ts) and, until the server has confirmed the key, the registration secret
 * as well (a server that holds no key yet takes the secret; one that holds the key takes only the
 * signature). Without a key store: the secret alone, as before issue 14.
 */
import { createHash, randomBytes } from 'node:crypto';
import { KioskError } from '../../contracts/errors';
import { SIGNATURE_HEADERS, enrolmentString, signedString } from '../../contracts/terminal-keys';
import type { EnrolTerminalKeyRequest } from '../../contracts/terminal-keys';
import { TerminalKey } from './terminal-key';
import type { TerminalKeyStore } from './key-store';

export interface TerminalCredentialsOptions {
  terminalId: string;
  /** The registration secret (kiosk.json `terminalSecret`). */
  secret: string;
  /** Where the key is kept; null: no key, the secret alone. */
  keyStore: TerminalKeyStore | null;
  /** The terminal's clock (tests move it). */
  now?: () => number;
}

/** A server clock this far from ours is corrected for (the server accepts ±60 s by default). */
const CLOCK_CORRECTION_MS = 20_000;

/** The credential of one terminal, shared by all its hall clients. */
export class TerminalCredentials {
  private key: Promise<TerminalKey> | null = null;
  private confirmed = false;
  private offsetMs = 0;
  private readonly now: () => number;

  constructor(private readonly options: TerminalCredentialsOptions) {
    this.now = options.now ?? Date.now;
  }

  get terminalId(): string {
    return this.options.terminalId;
  }

  /** True when requests are signed. */
  get signs(): boolean {
    return this.options.keyStore !== null;
  }

  /** The key, loaded (or made) once; a store's refusal is kept, so every request fails alike. */
  loadKey(): Promise<TerminalKey> {
    if (!this.options.keyStore) return Promise.reject(new Error('no key store'));
    this.key ??= TerminalKey.loadOrCreate(this.options.keyStore);
    return this.key;
  }

  /** The server holds this key: the secret is not sent any more. */
  keyConfirmed(): void {
    this.confirmed = true;
  }

  /** The headers that prove this terminal for one request (`target`: path and query as sent). */
  async headersFor(method: string, target: string, body: string | undefined): Promise<Record<string, string>> {
    const bearer = { authorization: `Bearer ${this.options.terminalId}.${this.options.secret}` };
    if (!this.options.keyStore) return bearer;
    let key: TerminalKey;
    try {
      key = await this.loadKey();
    } catch (error) {
      throw new KioskError('unauthorized', `the terminal key cannot be used: ${(error as Error).message}`);
    }
    const parts = {
      terminalId: this.options.terminalId,
      method,
      target,
      timeMs: Math.round(this.now() + this.offsetMs),
      nonce: randomBytes(16).toString('base64url'),
      bodySha256: createHash('sha256')
        .update(body ?? '', 'utf8')
        .digest('hex'),
    };
    return {
      ...(this.confirmed ? {} : bearer),
      [SIGNATURE_HEADERS.terminalId]: parts.terminalId,
      [SIGNATURE_HEADERS.time]: String(parts.timeMs),
      [SIGNATURE_HEADERS.nonce]: parts.nonce,
      [SIGNATURE_HEADERS.bodySha256]: parts.bodySha256,
      [SIGNATURE_HEADERS.signature]: key.sign(signedString(parts)),
    };
  }

  /**
   * Follows the server's clock from an answer's `Date` header, so that a terminal whose clock is
   * wrong still signs times the server accepts. True when the correction changed.
   */
  learnServerTime(dateHeader: string | null): boolean {
    if (!this.options.keyStore || !dateHeader) return false;
    const serverMs = Date.parse(dateHeader);
    if (!Number.isFinite(serverMs)) return false;
    const offset = serverMs - this.now();
    // `Date` has whole seconds: only a clearly wrong clock is corrected.
    if (Math.abs(offset - this.offsetMs) < CLOCK_CORRECTION_MS) return false;
    this.offsetMs = Math.abs(offset) < CLOCK_CORRECTION_MS ? 0 : offset;
    return true;
  }

  /** The enrolment request: the public key and the key's signature of its own enrolment. */
  async enrolmentRequest(): Promise<EnrolTerminalKeyRequest> {
    const key = await this.loadKey();
    return {
      algorithm: 'ed25519',
      publicKey: key.publicKey,
      proof: key.sign(enrolmentString(this.options.terminalId, key.publicKey)),
    };
  }
}
