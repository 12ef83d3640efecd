/**
 * The terminal's key pair and its signed requests (issue 14: a copied terminal credential is not
 * enough). Each terminal makes an Ed25519 key pair on itself, keeps the private key in the OS's
 * protected store (host/terminal-key/), and enrols the public key once with `enrolTerminalKey`,
 * authenticated by the registration secret. From then on every request carries the headers below,
 * and the server no longer accepts the secret alone for that terminal.
 *
 * Pure: the string that is signed and the header names; the crypto is on each side (node:crypto).
 */
import { z } from 'zod';
import { IsoDateTime } from './domain';
import { API_PREFIX, type HallRouteTable } from './hall-route';

/** The headers of a signed request. */
export const SIGNATURE_HEADERS = {
  terminalId: 'x-terminal-id',
  /** Milliseconds since the epoch, as the terminal's clock reads (corrected by the server's `Date`). */
  time: 'x-terminal-time',
  /** 16 random bytes, base64url: never twice for one terminal. */
  nonce: 'x-terminal-nonce',
  /** Hex sha256 of the body bytes as sent (of nothing for a request without a body). */
  bodySha256: 'x-content-sha256',
  /** base64url Ed25519 signature of `signedString(...)`. */
  signature: 'x-terminal-signature',
} as const;

/** What one signature covers. */
export interface SignedParts {
  terminalId: string;
  method: string;
  /** The request target as sent: path and query string (`/api/v1/terminal/commands?waitMs=20000`). */
  target: string;
  timeMs: number;
  nonce: string;
  bodySha256: string;
}

/** The exact bytes (UTF-8) a terminal signs and the server verifies. */
export function signedString(parts: SignedParts): string {
  return [
    'HRSS-TERMINAL-SIG-1',
    parts.terminalId,
    parts.method.toUpperCase(),
    parts.target,
    String(parts.timeMs),
    parts.nonce,
    parts.bodySha256,
  ].join('\n');
}

/** What the proof of possession at enrolment signs: the new key signs its own enrolment. */
export function enrolmentString(terminalId: string, publicKey: string): string {
  return ['HRSS-TERMINAL-ENROL-1', terminalId, publicKey].join('\n');
}

/** The signature headers parsed; null when any is missing or malformed. */
export function parseSignatureHeaders(headers: Record<string, string | string[] | undefined>): SignedHeaders | null {
  const one = (name: string): string | null => {
    const value = headers[name];
    return typeof value === 'string' ? value : null;
  };
  const terminalId = one(SIGNATURE_HEADERS.terminalId);
  const time = one(SIGNATURE_HEADERS.time);
  const nonce = one(SIGNATURE_HEADERS.nonce);
  const bodySha256 = one(SIGNATURE_HEADERS.bodySha256);
  const signature = one(SIGNATURE_HEADERS.signature);
  if (!terminalId || !time || !nonce || !bodySha256 || !signature) return null;
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(terminalId)) return null;
  if (!/^\d{1,15}$/.test(time)) return null;
  if (!/^[A-Za-z0-9_-]{22}$/.test(nonce)) return null;
  if (!/^[0-9a-f]{64}$/.test(bodySha256)) return null;
  if (!/^[A-Za-z0-9_-]{86}$/.test(signature)) return null;
  return { terminalId, timeMs: Number(time), nonce, bodySha256, signature };
}

/** The signature headers of one request. */
export interface SignedHeaders {
  terminalId: string;
  timeMs: number;
  nonce: string;
  bodySha256: string;
  signature: string;
}

/** An Ed25519 public key: its SPKI DER, base64 (44 bytes → 60 characters). */
export const TerminalPublicKey = z.string().regex(/^[A-Za-z0-9+/]{59}=$/, 'an Ed25519 SPKI key, base64');

/** `POST enrolTerminalKey`: the public key and its proof of possession (base64url signature of `enrolmentString`). */
export const EnrolTerminalKeyRequest = z
  .object({
    algorithm: z.literal('ed25519'),
    publicKey: TerminalPublicKey,
    proof: z.string().regex(/^[A-Za-z0-9_-]{86}$/),
  })
  .strict();
export type EnrolTerminalKeyRequest = z.infer<typeof EnrolTerminalKeyRequest>;

/** The key the server holds for the terminal; `fingerprint` is the hex sha256 of the SPKI DER. */
export const EnrolTerminalKeyResponse = z.object({
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
  enrolledAt: IsoDateTime,
});
export type EnrolTerminalKeyResponse = z.infer<typeof EnrolTerminalKeyResponse>;

/**
 * The terminal-key route. Enrolment is idempotent for the same key (a retry after a lost answer
 * is answered alike); a different key for a terminal that already has one is 409 `conflict` (a key
 * is replaced only by re-registering the terminal, which issues a new secret and forgets the key).
 */
export const terminalKeyRoutes = {
  enrolTerminalKey: {
    method: 'POST',
    path: `${API_PREFIX}/terminal/key`,
    auth: 'terminal',
    summary: "Enrol the terminal's public key (then every request must be signed with it)",
    body: { schema: EnrolTerminalKeyRequest, name: 'EnrolTerminalKeyRequest' },
    response: { status: 200, schema: EnrolTerminalKeyResponse, name: 'EnrolTerminalKeyResponse' },
    errors: ['conflict'],
  },
} as const satisfies HallRouteTable;
