/**
 * The e-card issuer simulation: an Ed25519 key pair that signs electronic social security card
 * codes (`ESSC1.<payload>.<signature>`, see contracts/e-card.ts) for the demo, and verifies the codes
 * terminals send when a citizen opens a session with one.
 *
 * The key comes from `ECARD_SIGNING_KEY` (an Ed25519 private key in PKCS#8 PEM) when set, so codes
 * survive a restart and several server instances agree; otherwise a fresh key pair is generated at
 * startup and kept in memory only.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { KioskError } from '../../contracts/errors';
import {
  E_CARD_DEFAULT_LIFETIME_MS,
  E_CARD_PREFIX,
  base64UrlToBytes,
  bytesToBase64Url,
  parseECardCode,
  type ECardPayload,
} from '../../contracts/e-card';

/** A code issued now may be a little ahead of this server's clock (another instance, the phone). */
const CLOCK_SKEW_MS = 30_000;
/** No genuine code lives longer than this. */
const MAX_LIFETIME_MS = 10 * 60_000;

export interface IssueECardOptions {
  /** Issue time (default: now). */
  now?: Date;
  /** Lifetime in ms (default 60 s, like a real e-card code). */
  lifetimeMs?: number;
}

/** Signs and verifies e-card codes with one key pair. */
export interface ECardIssuer {
  issue(idNumber: string, name: string, options?: IssueECardOptions): string;
  /** The holder of a genuine, unexpired code; throws `cardInvalid` or `eCardExpired` otherwise. */
  verify(code: string, now?: Date): { idNumber: string; name: string };
}

/** The issuer over a given private key, or (default) `ECARD_SIGNING_KEY`, or a fresh key pair. */
export function createECardIssuer(privateKey?: KeyObject | string): ECardIssuer {
  const key = resolveKey(privateKey ?? process.env.ECARD_SIGNING_KEY);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('the e-card signing key must be an Ed25519 private key');
  const publicKey = createPublicKey(key);
  return {
    issue(idNumber, name, options = {}) {
      const issuedAt = options.now ?? new Date();
      const lifetimeMs = options.lifetimeMs ?? E_CARD_DEFAULT_LIFETIME_MS;
      const payload: ECardPayload = {
        idNumber,
        name,
        issuedAt: issuedAt.toISOString(),
        expiresAt: new Date(issuedAt.getTime() + lifetimeMs).toISOString(),
      };
      const signedPart = `${E_CARD_PREFIX}.${bytesToBase64Url(new TextEncoder().encode(JSON.stringify(payload)))}`;
      const signature = sign(null, Buffer.from(signedPart, 'ascii'), key);
      return `${signedPart}.${bytesToBase64Url(signature)}`;
    },
    verify(code, now = new Date()) {
      const parsed = parseECardCode(code);
      if (!parsed) throw new KioskError('cardInvalid', 'not an e-card code');
      const signature = base64UrlToBytes(parsed.signature);
      if (!signature || signature.length !== 64) throw new KioskError('cardInvalid', 'malformed e-card signature');
      if (!verify(null, Buffer.from(parsed.signedPart, 'ascii'), publicKey, signature))
        throw new KioskError('cardInvalid', 'the e-card signature does not verify');
      const { idNumber, name, issuedAt, expiresAt } = parsed.payload;
      const issued = Date.parse(issuedAt);
      const expires = Date.parse(expiresAt);
      if (expires <= issued || expires - issued > MAX_LIFETIME_MS || issued > now.getTime() + CLOCK_SKEW_MS)
        throw new KioskError('cardInvalid', 'the e-card code has an impossible lifetime');
      if (expires <= now.getTime()) throw new KioskError('eCardExpired', 'the e-card code has expired');
      return { idNumber, name };
    },
  };
}

function resolveKey(key: KeyObject | string | undefined): KeyObject {
  if (key === undefined || key === '') return generateKeyPairSync('ed25519').privateKey;
  return typeof key === 'string' ? createPrivateKey(key) : key;
}

let processIssuer: ECardIssuer | null = null;

/** This process's issuer, made on first use: every server built without its own issuer shares it. */
export function defaultECardIssuer(): ECardIssuer {
  return (processIssuer ??= createECardIssuer());
}

/** Issues a code with this process's default issuer (the one servers in this process verify with by default). */
export function issueECardCode(idNumber: string, name: string, options?: IssueECardOptions): string {
  return defaultECardIssuer().issue(idNumber, name, options);
}
