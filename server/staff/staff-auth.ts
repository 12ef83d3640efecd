/**
 * Staff sign-in: `POST staff/login` trades a password for a random bearer token whose sha256 is
 * kept in staff_sessions with an expiry. A staff token has no `.` and a terminal credential always
 * has one, so neither parses as the other: a terminal can never act as staff, nor staff as a terminal.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { KioskError } from '../../contracts/errors';
import type { StaffRole } from '../../contracts/domain';
import type { StaffLoginRequest, StaffLoginResponse } from '../../contracts/queue';
import { audit } from '../audit/audit';
import { halls, staff, staffSessions } from '../db/schema';
import type { Db } from '../db/types';
import { checkRateLimit } from './rate-limit';
import { verifySecret } from './secret-hash';

/** How long a staff token lasts: one working day. */
export const STAFF_TOKEN_TTL_MS = 8 * 3_600_000;

/** A signed-in staff member and their hall. */
export interface SignedInStaff {
  staffId: string;
  name: string;
  role: StaffRole;
  hallId: string;
  hallName: string;
  hallTimeZone: string;
  tokenHash: string;
}

const TOKEN = /^Bearer ([A-Za-z0-9_-]{43})$/;
const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

/** Failed sign-ins per staff id within the window before 429. */
export const LOGIN_FAILURE_LIMIT = 5;
export const FAILURE_WINDOW_MS = 10 * 60_000;

/** Checks the password and issues a token; 401 for any mismatch, 429 after repeated failures. */
export async function staffLogin(db: Db, request: StaffLoginRequest): Promise<StaffLoginResponse> {
  await checkRateLimit(db, {
    action: 'staff.login',
    failure: 'wrongPassword',
    staffId: request.staffId,
    terminalId: null,
    limit: LOGIN_FAILURE_LIMIT,
    windowMs: FAILURE_WINDOW_MS,
  });
  const [row] = await db
    .select({
      staffId: staff.id,
      name: staff.name,
      role: staff.role,
      hallId: staff.hallId,
      hallName: halls.name,
      passwordHash: staff.passwordHash,
      enabled: staff.enabled,
    })
    .from(staff)
    .innerJoin(halls, eq(halls.id, staff.hallId))
    .where(eq(staff.id, request.staffId));
  const ok = await verifySecret(request.password, row?.passwordHash ?? null);
  if (!row || !ok || !row.enabled) {
    await audit(db, {
      actorKind: 'staff',
      actorId: request.staffId,
      action: 'staff.login',
      result: 'wrongPassword',
      subjectId: request.staffId,
    });
    throw new KioskError('unauthorized', 'staff id or password not accepted');
  }
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + STAFF_TOKEN_TTL_MS);
  await db.insert(staffSessions).values({ tokenHash: sha256(token), staffId: row.staffId, expiresAt });
  await audit(db, {
    actorKind: 'staff',
    actorId: row.staffId,
    action: 'staff.login',
    result: 'ok',
    subjectId: row.staffId,
  });
  return {
    token,
    expiresAt: expiresAt.toISOString(),
    staff: { staffId: row.staffId, name: row.name, role: row.role, hallId: row.hallId, hallName: row.hallName },
  };
}

const signedIn = new WeakMap<FastifyRequest, SignedInStaff>();

/** An `onRequest` hook: 401 unless the request carries a live staff token (terminal credentials never do). */
export function staffAuth(db: Db): (request: FastifyRequest) => Promise<void> {
  return async (request) => {
    const m = TOKEN.exec(request.headers.authorization ?? '');
    const tokenHash = m ? sha256(m[1]!) : null;
    const [row] = tokenHash
      ? await db
          .select({
            staffId: staff.id,
            name: staff.name,
            role: staff.role,
            hallId: staff.hallId,
            hallName: halls.name,
            hallTimeZone: halls.timeZone,
          })
          .from(staffSessions)
          .innerJoin(staff, eq(staff.id, staffSessions.staffId))
          .innerJoin(halls, eq(halls.id, staff.hallId))
          .where(
            and(
              eq(staffSessions.tokenHash, tokenHash),
              isNull(staffSessions.revokedAt),
              gt(staffSessions.expiresAt, sql`now()`),
              eq(staff.enabled, true),
            ),
          )
      : [];
    if (!row || !tokenHash) throw new KioskError('unauthorized', 'staff sign-in required');
    signedIn.set(request, { ...row, tokenHash });
  };
}

/** The staff member `staffAuth` proved for this request. */
export function staffOf(request: FastifyRequest): SignedInStaff {
  const who = signedIn.get(request);
  if (!who) throw new KioskError('unauthorized', 'staff sign-in required');
  return who;
}

/** Ends the token (idempotent). */
export async function staffLogout(db: Db, who: SignedInStaff): Promise<void> {
  await db
    .update(staffSessions)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(staffSessions.tokenHash, who.tokenHash), isNull(staffSessions.revokedAt)));
  await audit(db, {
    actorKind: 'staff',
    actorId: who.staffId,
    action: 'staff.logout',
    result: 'ok',
    subjectId: who.staffId,
  });
}

/** 403 unless the staff member has one of the roles. */
export function requireRole(who: SignedInStaff, roles: readonly StaffRole[]): void {
  if (!roles.includes(who.role)) throw new KioskError('forbidden', 'this needs a supervisor or an admin');
}
