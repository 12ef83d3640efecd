/**
 * The face check as a session's second factor (contracts/inquiry.ts): the terminal sends the live
 * face's descriptors and the liveness challenge's numbers, the server decides with the same rules
 * as face certification (server/certification/match.ts) against the person's enrolled reference,
 * and a pass records `face` on the session. Per person, checks are serialized by a row lock, so a
 * resubmission (same request id) answers the recorded decision and concurrent copies leave one row.
 */
import { and, eq, gte, sql } from 'drizzle-orm';
import { KioskError } from '../../contracts/errors';
import {
  FACE_CHECKS_PER_SESSION,
  type FaceCheckEvidence,
  type FaceCheckOutcome,
  type SecondFactorState,
} from '../../contracts/inquiry';
import { audit } from '../audit/audit';

import { decide, recordedDistance, recordedScores } from '../certification/match';
import { spendChallenge } from '../face/challenges';
import { recordDescriptorHashes } from '../face/descriptor-hashes';
import { assertFaceSessionRules } from '../face/session-rules';
import { loadReference } from '../certification/references';
import { type HallCertificationConfig, hallToday } from '../certification/status';
import { faceChecks, faceReferences, kioskSessions, persons } from '../db/schema';
import type { Db } from '../db/types';
import { atHallTime } from '../../contracts/hall-time';
import { recordSecondFactor, useSessionFactors } from './second-factor';

const failedCount = async (db: Db, where: ReturnType<typeof and>) => {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(faceChecks)
    .where(and(eq(faceChecks.result, 'failed'), where));
  return row?.n ?? 0;
};

/** Failed checks this session may still make: the smaller of the session's and the person's day's. */
async function checksLeft(
  db: Db,
  sessionId: string,
  personId: number,
  config: HallCertificationConfig,
): Promise<number> {
  const inSession = await failedCount(db, eq(faceChecks.sessionId, sessionId));
  const today = await failedCount(
    db,
    and(
      eq(faceChecks.personId, personId),
      gte(faceChecks.checkedAt, atHallTime(hallToday(config), 0, 0, config.timeZone)),
    ),
  );
  return Math.max(0, Math.min(FACE_CHECKS_PER_SESSION - inSession, config.maxFaceChecksPerDay - today));
}

async function faceEnrolled(db: Db, personId: number): Promise<boolean> {
  const [row] = await db
    .select({ personId: faceReferences.personId })
    .from(faceReferences)
    .where(eq(faceReferences.personId, personId));
  return Boolean(row);
}

/** The session's second factor, and whether a face check could still give it. */
export async function secondFactorState(
  db: Db,
  terminalId: string,
  sessionId: string,
  idleMs: number,
  config: HallCertificationConfig,
): Promise<SecondFactorState> {
  const session = await useSessionFactors(db, terminalId, sessionId, idleMs);
  const [row] = await db
    .select({ at: kioskSessions.secondFactorAt })
    .from(kioskSessions)
    .where(eq(kioskSessions.id, sessionId));
  return {
    method: session.secondFactor,
    verifiedAt: session.secondFactor && row?.at ? row.at.toISOString() : null,
    faceEnrolled: await faceEnrolled(db, session.personId),
    faceChecksLeft: await checksLeft(db, sessionId, session.personId, config),
  };
}

/** Decides one face check of the session's person on this terminal; a pass records the second factor. */
export async function checkFace(
  db: Db,
  terminalId: string,
  sessionId: string,
  idleMs: number,
  evidence: FaceCheckEvidence,
  config: HallCertificationConfig,
): Promise<FaceCheckOutcome> {
  const session = await useSessionFactors(db, terminalId, sessionId, idleMs);
  const { personId } = session;
  const done = await db.transaction(async (tx) => {
    await tx.execute(sql`select ${persons.id} from ${persons} where ${persons.id} = ${personId} for update`);
    const [existing] = await tx.select().from(faceChecks).where(eq(faceChecks.idempotencyKey, evidence.requestId));
    if (existing && existing.sessionId !== sessionId)
      throw new KioskError('invalidRequest', 'the request id belongs to another check');
    if (existing) {
      const passed = existing.result === 'passed';
      const verifiedAt = passed ? (await recordSecondFactor(tx, sessionId, 'face')).verifiedAt : null;
      return {
        replay: true,
        outcome: {
          result: existing.result,
          reason: passed ? null : ((existing.reason ?? 'noMatch') as FaceCheckOutcome['reason']),
          verifiedAt,
          faceChecksLeft: await checksLeft(tx, sessionId, personId, config),
        },
      };
    }
    const left = await checksLeft(tx, sessionId, personId, config);
    if (left <= 0) throw new KioskError('rateLimited', 'no face checks left for this session today');
    await assertFaceSessionRules(tx, terminalId, sessionId, { ...config, sessionIdleMs: idleMs });
    const challenge = await spendChallenge(tx, evidence.challengeId, sessionId, 'faceCheck', evidence.requestId);
    const reference = await loadReference(tx, personId);
    if (!reference)
      return {
        replay: true,
        outcome: { result: 'failed' as const, reason: 'noReference' as const, verifiedAt: null, faceChecksLeft: 0 },
      };
    const replayed = await recordDescriptorHashes(
      tx,
      personId,
      challenge.id,
      evidence.descriptors.map((d) => d.values),
    );
    const decision = decide(evidence, challenge, reference, replayed, config);
    await tx.insert(faceChecks).values({
      sessionId,
      personId,
      terminalId,
      checkedAt: config.now(),
      result: decision.result,
      reason: decision.reason,
      distance: recordedDistance(decision.distance),
      scores: recordedScores(evidence, decision),
      idempotencyKey: evidence.requestId,
    });
    const passed = decision.result === 'passed';
    return {
      replay: false,
      outcome: {
        result: decision.result,
        reason: decision.reason,
        verifiedAt: passed ? (await recordSecondFactor(tx, sessionId, 'face')).verifiedAt : null,
        faceChecksLeft: passed ? left : left - 1,
      },
    };
  });
  await audit(db, {
    actorKind: 'terminal',
    actorId: terminalId,
    terminalId,
    action: done.replay ? 'session.faceCheck.replay' : 'session.faceCheck',
    result: done.outcome.result === 'passed' ? 'ok' : (done.outcome.reason ?? 'failed'),
    subjectId: sessionId,
    detail: { method: 'face' },
  });
  return done.outcome;
}
