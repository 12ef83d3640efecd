/** The kiosk maintenance screen's PIN check: a staff member of the terminal's hall, by PIN, rate-limited per terminal and staff id. */
import { and, eq } from 'drizzle-orm';
import { KioskError } from '../../contracts/errors';
import type { StaffCheckRequest, StaffCheckResponse } from '../../contracts/fleet';
import { audit } from '../audit/audit';
import { staff } from '../db/schema';
import type { Db } from '../db/types';
import type { AuthenticatedTerminal } from '../terminals/authenticate';
import { checkRateLimit } from './rate-limit';
import { verifySecret } from './secret-hash';

/** Wrong PINs per terminal and staff id within the window before 429. */
export const PIN_FAILURE_LIMIT = 5;
export const PIN_FAILURE_WINDOW_MS = 10 * 60_000;

/** The staff member's name and role, or 401 (wrong PIN, unknown or disabled staff, another hall's staff). */
export async function staffCheck(
  db: Db,
  terminal: AuthenticatedTerminal,
  request: StaffCheckRequest,
): Promise<StaffCheckResponse> {
  await checkRateLimit(db, {
    action: 'staff.pinCheck',
    failure: 'wrongPin',
    staffId: request.staffId,
    terminalId: terminal.terminalId,
    limit: PIN_FAILURE_LIMIT,
    windowMs: PIN_FAILURE_WINDOW_MS,
  });
  const [row] = await db
    .select()
    .from(staff)
    .where(and(eq(staff.id, request.staffId), eq(staff.hallId, terminal.hallId)));
  const ok = await verifySecret(request.pin, row?.pinHash ?? null);
  const entry = {
    actorKind: 'terminal' as const,
    actorId: terminal.terminalId,
    terminalId: terminal.terminalId,
    action: 'staff.pinCheck',
    subjectId: request.staffId,
  };
  if (!row || !ok || !row.enabled) {
    await audit(db, { ...entry, result: 'wrongPin' });
    throw new KioskError('unauthorized', 'staff id or PIN not accepted');
  }
  await audit(db, { ...entry, result: 'ok' });
  return { staffId: row.id, name: row.name, role: row.role };
}
