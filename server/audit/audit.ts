/** The audit log: who did what, when, on which terminal, with what result. Ids only, never personal data. */
import { auditLog } from '../db/schema';
import type { Db } from '../db/types';

/** One audit entry. `detail` must hold ids and codes only (no names, no ID numbers). */
export type AuditEntry = typeof auditLog.$inferInsert;

/** Appends an entry. */
export async function audit(db: Db, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values(entry);
}
