/** Notice handlers (contracts/notices.ts). */
import type { noticeRoutes } from '../../../contracts/notices';
import { type CaseChange, changeCaseStatus } from '../../cases/case-status';
import type { RouteHandlers } from '../register';
import type { RouteOptions } from '../route-options';

export function noticeHandlers({ database: { db }, now }: RouteOptions): RouteHandlers<typeof noticeRoutes> {
  return {
    staffCaseStatus: async ({ params, body }, { staff }) => {
      const change: CaseChange =
        body.change === 'finished'
          ? { kind: 'finished', result: body.result, resultText: body.resultText }
          : body.change === 'needsMaterial'
            ? { kind: 'needsMaterial', material: body.material }
            : { kind: 'accepted' };
      const done = await changeCaseStatus(db, {
        caseNo: params.caseNo,
        change,
        by: staff.name,
        hallId: staff.hallId,
        ...(now ? { now: now() } : {}),
      });
      return { caseNo: params.caseNo, status: done.status, noticeId: done.noticeId };
    },
  };
}
