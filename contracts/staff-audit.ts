/**
 * The staff console's recent activity list: the audit log of the staff member's hall (its staff
 * and its terminals), ids and codes only, never personal data. Supervisors and admins only.
 */
import { z } from 'zod';
import { IsoDateTime } from './domain';

/** One audit entry as the console shows it. */
export const AuditEntryView = z.object({
  id: z.number().int(),
  at: IsoDateTime,
  actorKind: z.enum(['terminal', 'staff', 'system']),
  actorId: z.string().nullable(),
  terminalId: z.string().nullable(),
  action: z.string(),
  result: z.string(),
  subjectId: z.string().nullable(),
});
export type AuditEntryView = z.infer<typeof AuditEntryView>;

/** `GET staffAudit?limit=`: newest first. */
export const AuditQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }).strict();
export const AuditListResponse = z.object({ entries: z.array(AuditEntryView) });
export type AuditListResponse = z.infer<typeof AuditListResponse>;
