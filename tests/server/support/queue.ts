// Helpers of the queue, staff and fleet tests: a movable clock, staff sign-in, ticket issuance.
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { OpenSessionResponse } from '../../../contracts/hall-api';
import { QueueTicket, StaffLoginResponse } from '../../../contracts/queue';
import type { TestHall } from './hall';

/** A clock the test moves; the server reads it for service days, ticket times and command expiry. */
export function testClock(startIso: string) {
  let at = new Date(startIso);
  return {
    now: () => at,
    set: (iso: string) => {
      at = new Date(iso);
    },
    advance: (ms: number) => {
      at = new Date(at.getTime() + ms);
    },
  };
}

/** Demo staff (server/seed/hall.ts): S001/S002 clerks, S003 supervisor, S004 admin. */
export const DEMO_PASSWORD = 'hall-demo';
export const DEMO_PINS: Record<string, string> = { S001: '246801', S002: '246802', S003: '246803', S004: '246804' };

/** Signs a demo staff member in; returns headers carrying the staff token. */
export async function staffHeaders(hall: TestHall, staffId: string): Promise<Record<string, string>> {
  const res = await hall.inject({
    method: 'POST',
    url: '/api/v1/staff/login',
    payload: { staffId, password: DEMO_PASSWORD },
  });
  expect(res.statusCode, res.body).toBe(200);
  return { authorization: `Bearer ${StaffLoginResponse.parse(res.json()).token}` };
}

/** Issues a ticket from terminal a or b; returns the response (status and parsed ticket when 201). */
export async function issue(
  hall: TestHall,
  as: 'a' | 'b',
  categoryCode: string,
  extra: { idempotencyKey?: string; sessionId?: string } = {},
) {
  const res = await hall.inject({
    as,
    method: 'POST',
    url: '/api/v1/queue/tickets',
    payload: { categoryCode, idempotencyKey: extra.idempotencyKey ?? randomUUID(), sessionId: extra.sessionId },
  });
  return { res, ticket: res.statusCode === 201 ? QueueTicket.parse(res.json()) : null };
}

/** Opens a citizen session on a terminal with a demo person's ID card. */
export async function openSession(hall: TestHall, as: 'a' | 'b', idNumber: string, name: string): Promise<string> {
  const res = await hall.inject({
    as,
    method: 'POST',
    url: '/api/v1/sessions',
    payload: { identifiedBy: 'idCard', idNumber, name },
  });
  expect(res.statusCode, res.body).toBe(201);
  return OpenSessionResponse.parse(res.json()).sessionId;
}
