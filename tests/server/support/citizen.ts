// Sessions for the inquiry, case and content tests: open one for a demo person, pass the card PIN.
import { expect } from 'vitest';
import { OpenSessionResponse } from '../../../contracts/hall-api';
import type { DemoPerson } from '../../../server/seed/demo-people';
import type { TestHall } from './hall';

/** Opens a session (by social security card unless told) on terminal A (or B). */
export async function openFor(
  hall: TestHall,
  person: DemoPerson,
  identifiedBy: 'idCard' | 'ssCard' = 'ssCard',
  as: 'a' | 'b' = 'a',
): Promise<string> {
  const res = await hall.inject({
    as,
    method: 'POST',
    url: '/api/v1/sessions',
    payload: { identifiedBy, idNumber: person.idNumber, name: person.name },
  });
  expect(res.statusCode, res.body).toBe(201);
  return OpenSessionResponse.parse(res.json()).sessionId;
}

/** Reports that the card verified its PIN. */
export async function passPin(hall: TestHall, sessionId: string, as: 'a' | 'b' = 'a') {
  return hall.inject({
    as,
    method: 'POST',
    url: `/api/v1/sessions/${sessionId}/second-factor`,
    payload: { method: 'ssCardPin' },
  });
}

/** A verified session (social security card + PIN) for the person. */
export async function verifiedSession(hall: TestHall, person: DemoPerson): Promise<string> {
  const sessionId = await openFor(hall, person, 'ssCard');
  const res = await passPin(hall, sessionId);
  expect(res.statusCode, res.body).toBe(200);
  return sessionId;
}

/** GET as terminal A (or B), parsed. */
export async function get(hall: TestHall, url: string, as: 'a' | 'b' = 'a') {
  const res = await hall.inject({ as, method: 'GET', url });
  return { status: res.statusCode, body: res.json() as Record<string, unknown> & { code?: string }, raw: res.body };
}
