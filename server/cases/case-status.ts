/**
 * A case's status changes (the back office's 受理, 补正, 办结): the case row, its progress step and
 * the applicant's notice are written in one transaction, so a notice exists exactly when the change
 * does. Overdue cases are noticed by the daily job (server/notices/daily.ts).
 */
import { eq, sql } from 'drizzle-orm';
import { KioskError } from '../../contracts/errors';
import type { CaseStatus } from '../../contracts/inquiry';
import { type CaseStep, cases } from '../db/schema';
import type { Db } from '../db/types';
import { noticeCaseChange } from '../notices/events';

/** What happened to the case. */
export type CaseChange =
  | { kind: 'accepted' }
  | { kind: 'needsMaterial'; material: string }
  | { kind: 'finished'; result: 'completed' | 'rejected'; resultText: string };

/** Applies a change by a named handler (`by`, shown in the steps) at `now`; answers the new status. */
export async function changeCaseStatus(
  db: Db,
  request: {
    caseNo: string;
    change: CaseChange;
    by: string;
    now?: Date;
    /** Only a case of this hall. */ hallId?: string;
  },
): Promise<{ status: CaseStatus; noticeId: string }> {
  const now = request.now ?? new Date();
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(cases).where(eq(cases.caseNo, request.caseNo)).for('update');
    if (!row || (request.hallId !== undefined && row.hallId !== request.hallId)) {
      throw new KioskError('notFound', 'no such case in this hall');
    }
    if (row.status === 'completed' || row.status === 'rejected') {
      throw new KioskError('conflict', 'the case is already finished');
    }
    const change = request.change;
    const status: CaseStatus =
      change.kind === 'finished' ? change.result : change.kind === 'accepted' ? 'accepted' : 'processing';
    const step: CaseStep = {
      name: change.kind === 'accepted' ? '受理' : change.kind === 'needsMaterial' ? '补正材料' : '办结',
      at: now.toISOString(),
      by: request.by,
      ...(change.kind === 'needsMaterial' ? { note: change.material } : {}),
      ...(change.kind === 'finished' ? { note: change.resultText } : {}),
    };
    await tx
      .update(cases)
      .set({
        status,
        steps: sql`${cases.steps} || ${JSON.stringify([step])}::jsonb`,
        ...(change.kind === 'finished' ? { completedAt: now } : {}),
      })
      .where(eq(cases.id, row.id));
    const materialRequests = row.steps.filter((s) => s.name === '补正材料').length + 1;
    const notice = await noticeCaseChange(tx, {
      kind: change.kind,
      caseNo: row.caseNo,
      personId: row.personId,
      hallId: row.hallId,
      item: row.item,
      dueDate: row.dueDate,
      ...(change.kind === 'needsMaterial' ? { detail: change.material, sequence: materialRequests } : {}),
      ...(change.kind === 'finished' ? { detail: change.resultText } : {}),
    });
    return { status, noticeId: notice.id };
  });
}
