/** Terminal secrets: random, shown once; only their sha256 is stored and compared in constant time. */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh secret that `parseTerminalCredential` accepts (43 base64url characters). */
export function newTerminalSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** The stored form of a secret: hex sha256. */
export function hashTerminalSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

// Compared against when the terminal is unknown, so that both paths cost the same.
const DUMMY_HASH = hashTerminalSecret('no-such-terminal-placeholder-secret');

/** True when the secret hashes to the stored hash; `storedHash` null means an unknown terminal. */
export function verifyTerminalSecret(secret: string, storedHash: string | null): boolean {
  const actual = createHash('sha256').update(secret, 'utf8').digest();
  const expected = Buffer.from(storedHash ?? DUMMY_HASH, 'hex');
  return expected.length === actual.length && timingSafeEqual(actual, expected) && storedHash !== null;
}
