/**
 * Notices (issue 16): the hall routes of the notice area. A case's status change by hall staff (the
 * back office's 受理 / 补正材料 / 办结) writes the applicant's SMS notice in the same transaction.
 */
import { z } from 'zod';
import { API_PREFIX, type HallRouteTable } from './hall-route';
import { CaseParams, CaseStatus } from './inquiry';

/** `POST staffCaseStatus`: what happened to the case. */
export const CaseStatusChangeRequest = z.discriminatedUnion('change', [
  z.object({ change: z.literal('accepted') }).strict(),
  z.object({ change: z.literal('needsMaterial'), material: z.string().trim().min(1).max(40) }).strict(),
  z
    .object({
      change: z.literal('finished'),
      result: z.enum(['completed', 'rejected']),
      resultText: z.string().trim().min(1).max(20),
    })
    .strict(),
]);
export type CaseStatusChangeRequest = z.infer<typeof CaseStatusChangeRequest>;

export const CaseStatusChangeResponse = z.object({
  caseNo: z.string(),
  status: CaseStatus,
  /** The outbox row of the applicant's SMS (sent by the worker, once). */
  noticeId: z.string().uuid(),
});
export type CaseStatusChangeResponse = z.infer<typeof CaseStatusChangeResponse>;

export const noticeRoutes = {
  staffCaseStatus: {
    method: 'POST',
    path: `${API_PREFIX}/staff/cases/:caseNo/status`,
    auth: 'staff',
    summary:
      "Change a case of the staff member's hall (accepted, needs material, finished); the applicant gets one SMS",
    params: CaseParams,
    body: { schema: CaseStatusChangeRequest, name: 'CaseStatusChangeRequest' },
    response: { status: 200, schema: CaseStatusChangeResponse, name: 'CaseStatusChangeResponse' },
    errors: ['notFound', 'conflict'],
  },
} as const satisfies HallRouteTable;
