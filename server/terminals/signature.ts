/** Verifies a terminal's Ed25519 signatures (the string signed is contracts/terminal-keys.ts's). */
import { type KeyObject, createHash, createPublicKey, verify } from 'node:crypto';

// Parsed keys by their base64 SPKI: a terminal's key is parsed once per server process, not per request.
const parsed = new Map<string, KeyObject>();
const MAX_CACHED = 5000;

/** The KeyObject of a base64 SPKI Ed25519 key; null when it is not one. */
export function publicKeyFrom(spkiBase64: string): KeyObject | null {
  const cached = parsed.get(spkiBase64);
  if (cached) return cached;
  try {
    const key = createPublicKey({ key: Buffer.from(spkiBase64, 'base64'), format: 'der', type: 'spki' });
    if (key.asymmetricKeyType !== 'ed25519') return null;
    if (parsed.size >= MAX_CACHED) parsed.clear();
    parsed.set(spkiBase64, key);
    return key;
  } catch {
    return null;
  }
}

/** True when `signature` (base64url) is the key's Ed25519 signature of `message` (UTF-8). */
export function verifySignature(spkiBase64: string, message: string, signature: string): boolean {
  const key = publicKeyFrom(spkiBase64);
  if (!key) return false;
  const bytes = Buffer.from(signature, 'base64url');
  if (bytes.length !== 64) return false;
  return verify(null, Buffer.from(message, 'utf8'), key, bytes);
}

/** Hex sha256 of the SPKI DER: how a key is named in logs, the audit and the staff's view. */
export function keyFingerprint(spkiBase64: string): string {
  return createHash('sha256').update(Buffer.from(spkiBase64, 'base64')).digest('hex');
}
