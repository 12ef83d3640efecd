/** Enrolled face references: stored and read on the hall server only. */
import { eq, sql } from 'drizzle-orm';
import { faceReferences } from '../db/schema';
import type { Db } from '../db/types';

export type ReferenceSource = (typeof faceReferences.$inferInsert)['source'];

/** Stores (or replaces) a person's reference. */
export async function enrolReference(
  db: Db,
  personId: number,
  descriptor: readonly number[],
  source: ReferenceSource,
): Promise<Date> {
  const [row] = await db
    .insert(faceReferences)
    .values({ personId, descriptor: [...descriptor], source })
    .onConflictDoUpdate({
      target: faceReferences.personId,
      set: { descriptor: [...descriptor], source, enrolledAt: sql`now()` },
    })
    .returning({ enrolledAt: faceReferences.enrolledAt });
  return row!.enrolledAt;
}

/** A person's reference descriptor, or null when none is enrolled. */
export async function loadReference(db: Db, personId: number): Promise<number[] | null> {
  const [row] = await db
    .select({ descriptor: faceReferences.descriptor })
    .from(faceReferences)
    .where(eq(faceReferences.personId, personId));
  return row ? row.descriptor : null;
}
