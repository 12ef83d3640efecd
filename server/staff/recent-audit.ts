/** The staff console's activity list: ids and codes only, never personal data. */
import { and, desc, eq, inArray, or } from 'drizzle-orm';
import type { AuditEntryView } from '../../contracts/staff-audit';
import { auditLog, staff, terminals } from '../db/schema';
import type { Db } from '../db/types';

/** The recent audit entries of one hall: what its staff did and what happened on its terminals. */
export async function recentAudit(db: Db, hallId: string, limit: number): Promise<AuditEntryView[]> {
  const hallStaff = db.select({ id: staff.id }).from(staff).where(eq(staff.hallId, hallId));
  const hallTerminals = db.select({ id: terminals.id }).from(terminals).where(eq(terminals.hallId, hallId));
  const rows = await db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      actorKind: auditLog.actorKind,
      actorId: auditLog.actorId,
      terminalId: auditLog.terminalId,
      action: auditLog.action,
      result: auditLog.result,
      subjectId: auditLog.subjectId,
    })
    .from(auditLog)
    .where(
      or(
        and(eq(auditLog.actorKind, 'staff'), inArray(auditLog.actorId, hallStaff)),
        inArray(auditLog.terminalId, hallTerminals),
      ),
    )
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit);
  return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
}
