/**
 * The electronic social security card (电子社保卡) code as this project simulates it: a QR code on
 * the citizen's phone holding `ESSC1.<payload>.<signature>`. The payload is base64url JSON
 * `{ idNumber, name, issuedAt, expiresAt }`; the signature is base64url Ed25519 over the ASCII bytes
 * of `ESSC1.<payload>`. Only the shape is parsed here (host and renderer use it too); the hall
 * server verifies the signature and the lifetime.
 */
import { z } from 'zod';
import { IdNumberSchema, IsoDateTime } from './domain';

/** The format tag every code starts with. */
export const E_CARD_PREFIX = 'ESSC1';
/** A real e-card code is refreshed on the phone about every minute. */
export const E_CARD_DEFAULT_LIFETIME_MS = 60_000;
/** Longest code the scanner, the KioskApi and the hall API accept. */
export const E_CARD_MAX_LENGTH = 2048;

/** What the code says about its holder. */
export const ECardPayload = z
  .object({
    idNumber: IdNumberSchema,
    name: z.string().min(1).max(60),
    issuedAt: IsoDateTime,
    expiresAt: IsoDateTime,
  })
  .strict();
export type ECardPayload = z.infer<typeof ECardPayload>;

/** A code split into its parts: `signedPart` is the exact text the signature covers. */
export interface ParsedECardCode {
  payload: ECardPayload;
  signedPart: string;
  /** The signature, still base64url (verified by the server). */
  signature: string;
}

const CODE_SHAPE = /^ESSC1\.([A-Za-z0-9_-]{1,1800})\.([A-Za-z0-9_-]{86})$/;

/** Decodes unpadded base64url to bytes; null when it is not base64url. */
export function base64UrlToBytes(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  try {
    const binary = atob(b64);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return null;
  }
}

/** Encodes bytes as unpadded base64url. */
export function bytesToBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The parts of a well-shaped e-card code, or null for anything else (never throws). */
export function parseECardCode(text: string): ParsedECardCode | null {
  if (typeof text !== 'string' || text.length > E_CARD_MAX_LENGTH) return null;
  const m = CODE_SHAPE.exec(text);
  if (!m) return null;
  const bytes = base64UrlToBytes(m[1]!);
  if (!bytes) return null;
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return null;
  }
  const payload = ECardPayload.safeParse(json);
  if (!payload.success) return null;
  return { payload: payload.data, signedPart: `${E_CARD_PREFIX}.${m[1]!}`, signature: m[2]! };
}
