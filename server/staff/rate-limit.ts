/**
 * Failure rate limits counted from the audit log itself, so every server instance sees the same
 * count and nothing lives in memory. Concurrent wrong guesses can overshoot the limit by the number
 * in flight at once (a few), never by more.
 */
import { and, count, eq, gt, isNull } from 'drizzle-orm';
import { KioskError } from '../../contracts/errors';
import { audit } from '../audit/audit';
import { auditLog } from '../db/schema';
import type { Db } from '../db/types';

export interface RateLimit {
  /** The audited action (`staff.login`, `staff.pinCheck`). */
  action: string;
  /** The audit result that counts as a failure. */
  failure: string;
  staffId: string;
  /** Per terminal and staff id when set; per staff id (with no terminal) when null. */
  terminalId: string | null;
  limit: number;
  windowMs: number;
}

/** Throws 429 `rateLimited` (audited) when the failures in the window reached the limit. */
export async function checkRateLimit(db: Db, rule: RateLimit): Promise<void> {
  const since = new Date(Date.now() - rule.windowMs);
  const [row] = await db
    .select({ n: count() })
    .from(auditLog)
    .where(
      and(
        gt(auditLog.at, since),
        rule.terminalId === null ? isNull(auditLog.terminalId) : eq(auditLog.terminalId, rule.terminalId),
        eq(auditLog.action, rule.action),
        eq(auditLog.result, rule.failure),
        eq(auditLog.subjectId, rule.staffId),
      ),
    );
  if (Number(row!.n) < rule.limit) return;
  await audit(db, {
    actorKind: rule.terminalId ? 'terminal' : 'staff',
    actorId: rule.terminalId ?? rule.staffId,
    terminalId: rule.terminalId,
    action: rule.action,
    result: 'rateLimited',
    subjectId: rule.staffId,
  });
  throw new KioskError('rateLimited', 'too many failed attempts; wait and try again');
}
