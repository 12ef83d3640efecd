/**
 * The statement signing key (Ed25519, node:crypto). Held by the server only; its public half, and the
 * public halves of earlier keys, are published at `/.well-known/statement-key` so anyone can check a
 * statement offline.
 *
 * Where the key comes from, in order: the key given (tests), `STATEMENT_SIGNING_KEY` (PKCS#8 PEM; set
 * it in production, like `ECARD_SIGNING_KEY`), else the one stored in the `statement_signing_keys`
 * table, generated and stored on first use. The stored default keeps statements verifiable across
 * restarts of the embedded server (its PGlite data directory holds the key, so guard that directory).
 *
 * Rotation: every statement records its key id, and is checked with the key of that id when the
 * server knows it: the current key, a row of `statement_signing_keys` (a rotated-out stored key keeps
 * only its public half; an env key's public half is recorded there on first use), or
 * `STATEMENT_RETIRED_PUBLIC_KEYS` (SPKI PEMs, one after another) for keys the database never saw.
 * An unknown key id is not genuine.
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
import { and, asc, desc, eq, isNotNull, isNull } from 'drizzle-orm';
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
    publicKeyPem: spkiPem(publicKey),
    sign: (data) => sign(null, Buffer.from(data, 'utf8'), key).toString('base64'),
    verify: (data, signature) => verifySignature(publicKey, data, signature),
  };
}

/** The signer from `STATEMENT_SIGNING_KEY`, or the database's stored key (created on first use). */
export async function loadStatementSigner(
  db: Db,
  envKey = process.env.STATEMENT_SIGNING_KEY,
): Promise<StatementSigner> {
  if (envKey) {
    const signer = createStatementSigner(envKey);
    // Remember the public half, so statements signed now still verify after the env key changes.
    await db
      .insert(statementSigningKeys)
      .values({ keyId: signer.keyId, publicKeyPem: signer.publicKeyPem, privateKeyPem: null })
      .onConflictDoNothing();
    return signer;
  }
  const existing = await storedKey(db);
  if (existing) return createStatementSigner(existing);
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  // Two servers starting at once over one database: the first stored key wins, both use it.
  await db
    .insert(statementSigningKeys)
    .values({ keyId: keyIdOf(publicKey), privateKeyPem: pem, publicKeyPem: spkiPem(publicKey) })
    .onConflictDoNothing();
  return createStatementSigner((await storedKey(db)) ?? pem);
}

/** The current stored key: the oldest one that still has its private half and is not retired. */
async function storedKey(db: Db): Promise<string | null> {
  const [row] = await db
    .select({ pem: statementSigningKeys.privateKeyPem })
    .from(statementSigningKeys)
    .where(and(isNotNull(statementSigningKeys.privateKeyPem), isNull(statementSigningKeys.retiredAt)))
    .orderBy(asc(statementSigningKeys.createdAt), asc(statementSigningKeys.keyId))
    .limit(1);
  return row?.pem ?? null;
}

function spkiPem(publicKey: KeyObject): string {
  return publicKey.export({ type: 'spki', format: 'pem' }).toString();
}

/**
 * Rotates the stored key (the embedded default's way; with `STATEMENT_SIGNING_KEY`, change the env
 * key instead): every stored key still able to sign is retired and loses its private half, and a new
 * key is stored. Servers pick the new key when they next load it (a restart); statements signed with
 * the old one keep verifying by its public half. Answers the retired ids and the new key's id.
 */
export async function rotateStoredStatementKey(db: Db): Promise<{ retired: string[]; keyId: string }> {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const keyId = keyIdOf(publicKey);
  return db.transaction(async (tx) => {
    const active = await tx
      .select({ keyId: statementSigningKeys.keyId, pem: statementSigningKeys.privateKeyPem })
      .from(statementSigningKeys)
      .where(and(isNotNull(statementSigningKeys.privateKeyPem), isNull(statementSigningKeys.retiredAt)));
    for (const row of active) {
      await tx
        .update(statementSigningKeys)
        .set({ privateKeyPem: null, publicKeyPem: spkiPem(createPublicKey(row.pem!)), retiredAt: new Date() })
        .where(eq(statementSigningKeys.keyId, row.keyId));
    }
    await tx.insert(statementSigningKeys).values({
      keyId,
      privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      publicKeyPem: spkiPem(publicKey),
    });
    return { retired: active.map((r) => r.keyId), keyId };
  });
}

/** `STATEMENT_RETIRED_PUBLIC_KEYS`: SPKI PEMs one after another (a bad one is an error at start). */
export function parseRetiredPublicKeys(text: string | undefined): Map<string, string> {
  const keys = new Map<string, string>();
  for (const pem of (text ?? '').match(/-----BEGIN PUBLIC KEY-----[\s\S]*?-----END PUBLIC KEY-----/g) ?? []) {
    const key = createPublicKey(pem);
    if (key.asymmetricKeyType !== 'ed25519') throw new Error('a retired statement key must be an Ed25519 public key');
    keys.set(keyIdOf(key), spkiPem(key));
  }
  return keys;
}

/** A key the server knows, as published. */
export interface KnownStatementKey {
  keyId: string;
  publicKeyPem: string;
  /** The key that signs new statements. */
  current: boolean;
  /** When a stored key was rotated out; null for the current key and keys given by the environment. */
  retiredAt: Date | null;
}

/** Every key the server can verify with: the current one first, then the others, newest first. */
export async function knownStatementKeys(
  db: Db,
  signer: StatementSigner,
  retiredEnv = process.env.STATEMENT_RETIRED_PUBLIC_KEYS,
): Promise<KnownStatementKey[]> {
  const rows = await db
    .select()
    .from(statementSigningKeys)
    .orderBy(desc(statementSigningKeys.createdAt), asc(statementSigningKeys.keyId));
  const known = new Map<string, KnownStatementKey>();
  known.set(signer.keyId, { keyId: signer.keyId, publicKeyPem: signer.publicKeyPem, current: true, retiredAt: null });
  for (const row of rows) {
    if (known.has(row.keyId)) continue;
    const pem = row.publicKeyPem ?? (row.privateKeyPem ? spkiPem(createPublicKey(row.privateKeyPem)) : null);
    if (pem) known.set(row.keyId, { keyId: row.keyId, publicKeyPem: pem, current: false, retiredAt: row.retiredAt });
  }
  for (const [keyId, pem] of parseRetiredPublicKeys(retiredEnv)) {
    if (!known.has(keyId)) known.set(keyId, { keyId, publicKeyPem: pem, current: false, retiredAt: null });
  }
  return [...known.values()];
}

/** True when `signature` (base64) is the signature of the data by the key of `keyId`, if known. */
export async function verifyWithKeyId(
  db: Db,
  signer: StatementSigner,
  keyId: string,
  data: string,
  signature: string,
  retiredEnv = process.env.STATEMENT_RETIRED_PUBLIC_KEYS,
): Promise<boolean> {
  if (keyId === signer.keyId) return signer.verify(data, signature);
  const key = (await knownStatementKeys(db, signer, retiredEnv)).find((k) => k.keyId === keyId);
  // The key must really be the one its id names (a row's id is not trusted on its own).
  if (!key || keyIdOf(createPublicKey(key.publicKeyPem)) !== keyId) return false;
  return verifySignature(createPublicKey(key.publicKeyPem), data, signature);
}

/** Ed25519 check of a base64 signature (exactly 64 bytes, canonical base64). */
function verifySignature(publicKey: KeyObject, data: string, signature: string): boolean {
  const bytes = Buffer.from(signature, 'base64');
  if (bytes.length !== 64 || bytes.toString('base64') !== signature) return false;
  return verify(null, Buffer.from(data, 'utf8'), publicKey, bytes);
}

/** JSON with object keys sorted and no spaces: the exact bytes that are signed. */
export { canonicalJson } from '../../contracts/canonical-json';
