/**
 * The update-signing key (Ed25519), apart from the statement key so that a leak of one signs nothing
 * of the other. Same handling as server/statements/signer.ts: `UPDATE_SIGNING_KEY` (PKCS#8 PEM) in
 * production, else a key stored in `update_signing_keys`, generated on first use. Rotation: a new
 * key is stored and the old one keeps only its public half; terminals pin every public half they
 * should accept (their configuration's `updates.publicKeys`), so publish the new key to terminals
 * (a package signed with the old key carries the new one) before rotating.
 */
import { generateKeyPairSync } from 'node:crypto';
import { and, asc, desc, eq, isNotNull, isNull } from 'drizzle-orm';
import { updateSigningKeys } from '../db/schema';
import type { Db } from '../db/types';
import { type StatementSigner, createStatementSigner, keyIdOf } from '../statements/signer';

/** A signer over one Ed25519 key (the same shape as the statement signer). */
export type UpdateSigner = StatementSigner;

/** The signer from `UPDATE_SIGNING_KEY`, or the database's stored key (created on first use). */
export async function loadUpdateSigner(db: Db, envKey = process.env.UPDATE_SIGNING_KEY): Promise<UpdateSigner> {
  if (envKey) {
    const signer = createStatementSigner(envKey);
    await db
      .insert(updateSigningKeys)
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
    .insert(updateSigningKeys)
    .values({
      keyId: keyIdOf(publicKey),
      privateKeyPem: pem,
      publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    })
    .onConflictDoNothing();
  return createStatementSigner((await storedKey(db)) ?? pem);
}

async function storedKey(db: Db): Promise<string | null> {
  const [row] = await db
    .select({ pem: updateSigningKeys.privateKeyPem })
    .from(updateSigningKeys)
    .where(and(isNotNull(updateSigningKeys.privateKeyPem), isNull(updateSigningKeys.retiredAt)))
    .orderBy(asc(updateSigningKeys.createdAt), asc(updateSigningKeys.keyId))
    .limit(1);
  return row?.pem ?? null;
}

/** Every update key the server knows, the current one first. */
export async function knownUpdateKeys(
  db: Db,
  signer: UpdateSigner,
): Promise<{ keyId: string; publicKeyPem: string; current: boolean }[]> {
  const rows = await db.select().from(updateSigningKeys).orderBy(desc(updateSigningKeys.createdAt));
  return [
    { keyId: signer.keyId, publicKeyPem: signer.publicKeyPem, current: true },
    ...rows
      .filter((r) => r.keyId !== signer.keyId)
      .map((r) => ({ keyId: r.keyId, publicKeyPem: r.publicKeyPem, current: false })),
  ];
}

/** Rotates the stored key: the active ones lose their private half, a new one is stored. */
export async function rotateStoredUpdateKey(db: Db): Promise<{ retired: string[]; keyId: string }> {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const keyId = keyIdOf(publicKey);
  return db.transaction(async (tx) => {
    const active = await tx
      .select({ keyId: updateSigningKeys.keyId })
      .from(updateSigningKeys)
      .where(and(isNotNull(updateSigningKeys.privateKeyPem), isNull(updateSigningKeys.retiredAt)));
    for (const row of active) {
      await tx
        .update(updateSigningKeys)
        .set({ privateKeyPem: null, retiredAt: new Date() })
        .where(eq(updateSigningKeys.keyId, row.keyId));
    }
    await tx.insert(updateSigningKeys).values({
      keyId,
      privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    });
    return { retired: active.map((r) => r.keyId), keyId };
  });
}
