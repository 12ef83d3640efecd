/** Replay by descriptors: each descriptor's hash is kept (never the numbers); a repeat is refused. */
import { createHash } from 'node:crypto';
import { inArray } from 'drizzle-orm';
import { faceDescriptorHashes } from '../db/schema';
import type { Db } from '../db/types';

/** SHA-256 of the descriptor rounded to 4 decimals (so a JSON round trip hashes the same). */
export function descriptorHash(values: readonly number[]): string {
  return createHash('sha256')
    .update(values.map((v) => v.toFixed(4)).join(','))
    .digest('hex');
}

/** Records the hashes; true when any of them was seen before (the evidence is a replay). */
export async function recordDescriptorHashes(
  db: Db,
  personId: number,
  challengeId: string,
  descriptors: readonly (readonly number[])[],
): Promise<boolean> {
  const hashes = [...new Set(descriptors.map(descriptorHash))];
  const seen = await db
    .select({ hash: faceDescriptorHashes.hash })
    .from(faceDescriptorHashes)
    .where(inArray(faceDescriptorHashes.hash, hashes));
  const repeated = seen.length > 0 || hashes.length < descriptors.length;
  await db
    .insert(faceDescriptorHashes)
    .values(hashes.map((hash) => ({ hash, personId, challengeId })))
    .onConflictDoNothing();
  return repeated;
}
