/** scrypt hashes of staff passwords and PINs: `scrypt$N$r$p$<salt b64>$<hash b64>`. */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

const N = 16384;
const R = 8;
const P = 1;
const KEY_LEN = 32;

function derive(secret: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(secret, salt, KEY_LEN, { N: n, r, p, maxmem: 64 * 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** A new salted hash of a password or PIN. */
export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(secret, salt, N, R, P);
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** A hash to compare against when the account is unknown, so a miss takes as long as a wrong secret. */
const DUMMY = `scrypt$${N}$${R}$${P}$${Buffer.alloc(16).toString('base64')}$${Buffer.alloc(KEY_LEN).toString('base64')}`;

/** Whether `secret` matches `stored`; false for a null or malformed hash (after the same work). */
export async function verifySecret(secret: string, stored: string | null): Promise<boolean> {
  const parts = (stored ?? DUMMY).split('$');
  const ok = parts.length === 6 && parts[0] === 'scrypt';
  const [n, r, p] = ok ? parts.slice(1, 4).map(Number) : [N, R, P];
  const salt = Buffer.from(ok ? parts[4]! : '', 'base64');
  const expected = Buffer.from(ok ? parts[5]! : '', 'base64');
  if (!ok || !n || !r || !p || n > 1 << 20 || expected.length !== KEY_LEN) {
    await derive(secret, salt, N, R, P);
    return false;
  }
  const key = await derive(secret, salt, n, r, p);
  return stored !== null && timingSafeEqual(key, expected);
}
