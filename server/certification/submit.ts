/**
 * Records one face attempt: the server matches the evidence against the enrolled reference and
 * decides. Per person, attempts are serialized by a row lock, so a resubmission (same request id)
 * returns the recorded outcome and concurrent duplicates leave one record.
 */
import { eq, sql } from 'drizzle-orm';
import type { CertificationEvidence, CertificationOutcome } from '../../contracts/certification';
import { KioskError } from '../../contracts/errors';
import { audit } from '../audit/audit';
import { certifications, persons } from '../db/schema';
import type { Db } from '../db/types';
import { addMonthsToDate } from '../../contracts/hall-time';

import { recordDescriptorHashes } from '../face/descriptor-hashes';
import { spendChallenge } from '../face/challenges';
import { assertFaceSessionRules } from '../face/session-rules';
import { decide, recordedDistance, recordedScores } from './match';
import { loadReference } from './references';
import { certificationStatus, type HallCertificationConfig, hallToday } from './status';

type Row = typeof certifications.$inferSelect;

function outcomeOf(row: Row, currentDue: string | null, attemptsLeft: number): CertificationOutcome {
  const passed = row.result === 'passed';
  return {
    certificationId: row.id,
    result: row.result,
    reason: passed ? null : ((row.reason ?? 'noMatch') as CertificationOutcome['reason']),
    certifiedAt: row.certifiedAt.toISOString(),
    nextDueDate: passed ? row.validUntil : currentDue,
    attemptsLeft,
  };
}

/** Decides and records an attempt of the session's person on this terminal. */
export async function submitCertification(
  db: Db,
  terminalId: string,
  session: { sessionId: string; personId: number; idleMs: number },
  evidence: CertificationEvidence,
  config: HallCertificationConfig,
): Promise<CertificationOutcome> {
  const { personId, sessionId } = session;
  const outcome = await db.transaction(async (tx) => {
    await tx.execute(sql`select ${persons.id} from ${persons} where ${persons.id} = ${personId} for update`);
    const [existing] = await tx
      .select()
      .from(certifications)
      .where(eq(certifications.idempotencyKey, evidence.requestId));
    const status = await certificationStatus(tx, personId, config);
    if (existing) {
      if (existing.personId !== personId || existing.method !== 'face')
        throw new KioskError('invalidRequest', 'the request id belongs to another attempt');
      return { outcome: outcomeOf(existing, status.dueDate, status.attemptsLeft), replay: true };
    }
    if (status.standing === 'notReceiving') throw new KioskError('forbidden', 'the person receives no pension');
    if (status.standing === 'certified') throw new KioskError('forbidden', 'already certified this cycle');
    if (status.attemptsLeft <= 0) throw new KioskError('rateLimited', 'no face attempts left today');

    await assertFaceSessionRules(tx, terminalId, sessionId, { ...config, sessionIdleMs: session.idleMs });
    const challenge = await spendChallenge(tx, evidence.challengeId, sessionId, 'certification', evidence.requestId);
    const reference = await loadReference(tx, personId);
    const replayed = await recordDescriptorHashes(
      tx,
      personId,
      challenge.id,
      evidence.descriptors.map((d) => d.values),
    );
    const decision = decide(evidence, challenge, reference, replayed, config);
    const now = config.now();
    const passed = decision.result === 'passed';
    const [row] = await tx
      .insert(certifications)
      .values({
        personId,
        certifiedAt: now,
        validUntil: passed ? addMonthsToDate(hallToday(config), config.cycleMonths) : null,
        terminalId,
        method: 'face',
        result: decision.result,
        reason: decision.reason,
        distance: recordedDistance(decision.distance),
        scores: recordedScores(evidence, decision),
        idempotencyKey: evidence.requestId,
      })
      .returning();
    const attemptsLeft = passed ? status.attemptsLeft : status.attemptsLeft - 1;
    return { outcome: outcomeOf(row!, status.dueDate, attemptsLeft), replay: false };
  });
  await audit(db, {
    actorKind: 'terminal',
    actorId: terminalId,
    terminalId,
    action: outcome.replay ? 'certification.replay' : 'certification.face',
    result: outcome.outcome.result === 'passed' ? 'ok' : (outcome.outcome.reason ?? 'failed'),
    subjectId: outcome.outcome.certificationId,
  });
  return outcome.outcome;
}
