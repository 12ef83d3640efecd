/**
 * The statement signing key (Ed25519, node:crypto). Held by the server only; the public half is
 * published at `/.well-known/statement-key` so anyone can check a statement offline.
 *
 * Where the key comes from, in order: the key given (tests), `STATEMENT_SIGNING_KEY` (PKCS#8 PEM; set
 * it in production, like `ECARD_SIGNING_KEY`), else the one stored in the `statement_signing_keys`
 * table, generated and stored on first use. The stored default keeps statements verifiable across
 * restarts of the embedded server (its PGlite data directory holds the key, so guard that directory).
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { asc } from 'drizzle-orm';
import { statementSigningKeys } from '../db/schema';
import type { Db } from '../db/types';

export interface StatementSigner {
  keyId: string;
  publicKeyPem: string;
  /** Ed25519 signature of the bytes, base64. */
  sign(data: string): string;
  /** True when `signature` (base64) is this key's signature of the data. */
  verify(data: string, signature: string): boolean;
}

/** Key id: the first 16 hex digits of the SHA-256 of the public key's SPKI DER. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
}

/** A signer over one private key. */
export function createStatementSigner(privateKey: KeyObject | string): StatementSigner {
  const key = typeof privateKey === 'string' ? createPrivateKey(privateKey) : privateKey;
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('the statement signing key must be an Ed25519 private key');
  const publicKey = createPublicKey(key);
  return {
    keyId: keyIdOf(publicKey),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    sign: (data) => sign(null, Buffer.from(data, 'utf8'), key).toString('base64'),
    verify(data, signature) {
      const bytes = Buffer.from(signature, 'base64');
      if (bytes.length !== 64 || bytes.toString('base64') !== signature) return false;
      return verify(null, Buffer.from(data, 'utf8'), publicKey, bytes);
    },
  };
}

/** The signer from `STATEMENT_SIGNING_KEY`, or the database's stored key (created on first use). */
export async function loadStatementSigner(
  db: Db,
  envKey = process.env.STATEMENT_SIGNING_KEY,
): Promise<StatementSigner> {
  if (envKey) return createStatementSigner(envKey);
  const existing = await storedKey(db);
  if (existing) return createStatementSigner(existing);
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  // Two servers starting at once over one database: the first stored key wins, both use it.
  await db
    .insert(statementSigningKeys)
    .values({ keyId: keyIdOf(publicKey), privateKeyPem: pem })
    .onConflictDoNothing();
  return createStatementSigner((await storedKey(db)) ?? pem);
}

async function storedKey(db: Db): Promise<string | null> {
  const [row] = await db
    .select({ pem: statementSigningKeys.privateKeyPem })
    .from(statementSigningKeys)
    .orderBy(asc(statementSigningKeys.createdAt), asc(statementSigningKeys.keyId))
    .limit(1);
  return row?.pem ?? null;
}

/** JSON with object keys sorted and no spaces: the exact bytes that are signed. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}
