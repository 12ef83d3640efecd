// The second factor: card-only routes answer with the card, detailed money records answer 403
// secondFactorRequired until the social security card's PIN is reported for that very session.
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SecondFactorResponse } from '../../contracts/inquiry';
import { auditLog, kioskSessions } from '../../server/db/schema';
import { demoPeople } from '../../server/seed/demo-people';
import { recordSecondFactor } from '../../server/sessions/second-factor';
import { backends } from './support/backends';
import { get, openFor, passPin } from './support/citizen';
import { type TestHall, openTestHall } from './support/hall';

const wang = demoPeople[0]!;
const li = demoPeople[1]!;

const detailed = (sessionId: string) => [
  `/api/v1/sessions/${sessionId}/contributions/years?insuranceType=employeePension`,
  `/api/v1/sessions/${sessionId}/contributions/months?insuranceType=employeePension&year=2020`,
  `/api/v1/sessions/${sessionId}/pension-payments`,
  `/api/v1/sessions/${sessionId}/medical-transactions`,
];
const cardOnly = (sessionId: string) => [
  `/api/v1/sessions/${sessionId}/enrollments`,
  `/api/v1/sessions/${sessionId}/accounts`,
  `/api/v1/sessions/${sessionId}/cases`,
];

describe.each(backends)('second factor on $name', (backend) => {
  let hall: TestHall;
  beforeAll(async () => {
    hall = await openTestHall(backend);
  });
  afterAll(async () => {
    await hall?.close();
  });

  it('shows summaries with the card alone and refuses detailed records until the PIN is verified', async () => {
    const sessionId = await openFor(hall, wang, 'ssCard');
    for (const url of cardOnly(sessionId)) expect((await get(hall, url)).status, url).toBe(200);
    for (const url of detailed(sessionId)) {
      const res = await get(hall, url);
      expect(res.status, url).toBe(403);
      expect(res.body).toEqual({ code: 'secondFactorRequired', message: expect.any(String) });
      expect(res.raw).not.toMatch(/employerAmount|amount|balance/);
    }
    const pin = await passPin(hall, sessionId);
    expect(pin.statusCode, pin.body).toBe(200);
    const recorded = SecondFactorResponse.parse(pin.json());
    expect(recorded.method).toBe('ssCardPin');
    const [row] = await hall.database.db.select().from(kioskSessions).where(eq(kioskSessions.id, sessionId));
    expect(row!.secondFactor).toBe('ssCardPin');
    expect(row!.secondFactorAt!.toISOString()).toBe(recorded.verifiedAt);
    for (const url of detailed(sessionId)) expect((await get(hall, url)).status, url).toBe(200);

    const [entry] = await hall.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectId, sessionId), eq(auditLog.action, 'session.secondFactor')));
    expect(entry).toMatchObject({ result: 'ok', terminalId: 'KIOSK-A', detail: { method: 'ssCardPin' } });
    expect(JSON.stringify(entry)).not.toContain(wang.name);
    expect(JSON.stringify(entry)).not.toContain(wang.idNumber);
  });

  it('keeps the first verification time when the PIN is reported again', async () => {
    const sessionId = await openFor(hall, wang, 'ssCard');
    const first = SecondFactorResponse.parse((await passPin(hall, sessionId)).json());
    const again = await passPin(hall, sessionId);
    expect(again.statusCode).toBe(200);
    expect(SecondFactorResponse.parse(again.json())).toEqual(first);
  });

  it('refuses a card PIN for a session opened with an ID card (no card to check it): 403 forbidden', async () => {
    const sessionId = await openFor(hall, wang, 'idCard');
    const res = await passPin(hall, sessionId);
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('forbidden');
    const [row] = await hall.database.db.select().from(kioskSessions).where(eq(kioskSessions.id, sessionId));
    expect(row!.secondFactor).toBeNull();
    expect((await get(hall, detailed(sessionId)[0]!)).body.code).toBe('secondFactorRequired');
  });

  it('never takes `face` from a terminal; the server records it itself for an ID-card session', async () => {
    const sessionId = await openFor(hall, li, 'idCard');
    const claimed = await hall.inject({
      as: 'a',
      method: 'POST',
      url: `/api/v1/sessions/${sessionId}/second-factor`,
      payload: { method: 'face' },
    });
    expect(claimed.statusCode).toBe(400);
    expect(claimed.json().code).toBe('invalidRequest');
    expect((await get(hall, detailed(sessionId)[2]!)).status).toBe(403);
    const recorded = await recordSecondFactor(hall.database.db, sessionId, 'face');
    expect(recorded.method).toBe('face');
    const payments = await get(hall, detailed(sessionId)[2]!);
    expect(payments.status).toBe(200);
    expect(payments.body.isRetiree).toBe(true);
  });

  it("does not let another terminal verify or read this terminal's session (404, nothing recorded)", async () => {
    const sessionId = await openFor(hall, wang, 'ssCard');
    const res = await passPin(hall, sessionId, 'b');
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('noSession');
    const [row] = await hall.database.db.select().from(kioskSessions).where(eq(kioskSessions.id, sessionId));
    expect(row!.secondFactor).toBeNull();
    await passPin(hall, sessionId, 'a');
    for (const url of [...detailed(sessionId), ...cardOnly(sessionId)]) {
      const other = await get(hall, url, 'b');
      expect(other.status, url).toBe(404);
      expect(other.body).toEqual({ code: 'noSession', message: expect.any(String) });
    }
  });

  it('answers 410 sessionExpired on an idle or closed session, verified or not', async () => {
    const sessionId = await openFor(hall, wang, 'ssCard');
    await passPin(hall, sessionId);
    await hall.database.db.execute(
      sql`update kiosk_sessions set last_activity_at = now() - interval '11 minutes' where id = ${sessionId}`,
    );
    for (const url of [...detailed(sessionId), ...cardOnly(sessionId)]) {
      const res = await get(hall, url);
      expect(res.status, url).toBe(410);
      expect(res.body.code).toBe('sessionExpired');
    }
    expect((await passPin(hall, sessionId)).statusCode).toBe(410);
    const closed = await openFor(hall, wang, 'ssCard');
    await hall.inject({ as: 'a', method: 'DELETE', url: `/api/v1/sessions/${closed}` });
    expect((await passPin(hall, closed)).statusCode).toBe(410);
    await expect(recordSecondFactor(hall.database.db, closed, 'face')).rejects.toMatchObject({
      code: 'sessionExpired',
    });
  });

  it('answers bad second-factor requests with 400 and records nothing', async () => {
    const sessionId = await openFor(hall, wang, 'ssCard');
    for (const payload of [{}, { method: 'pin' }, { method: 'ssCardPin', pin: '123456' }, { method: 1 }, []]) {
      const res = await hall.inject({
        as: 'a',
        method: 'POST',
        url: `/api/v1/sessions/${sessionId}/second-factor`,
        payload,
      });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().code).toBe('invalidRequest');
    }
    const notUuid = await passPin(hall, 'not-a-session');
    expect(notUuid.statusCode).toBe(400);
    const [row] = await hall.database.db.select().from(kioskSessions).where(eq(kioskSessions.id, sessionId));
    expect(row!.secondFactor).toBeNull();
  });
});
