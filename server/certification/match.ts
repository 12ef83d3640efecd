/** The decision on one attempt's evidence: pure, so its rules are tested without a database. */
import type { CertificationFailure } from '../../contracts/certification';
import type { FaceEvidence } from '../../contracts/face-challenge';
import { type EvidenceJudgement, type EvidenceRules, type IssuedChallenge, judgeEvidence } from '../face/evidence';

/** Euclidean distance between two descriptors of equal length. */
export function descriptorDistance(a: readonly number[], b: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i]! - b[i]!;
    sum += d * d;
  }
  return Math.sqrt(sum);
}

/** Largest distance between any two descriptors (0 for one). */
export function spread(descriptors: readonly (readonly number[])[]): number {
  let max = 0;
  for (let i = 0; i < descriptors.length; i++)
    for (let j = i + 1; j < descriptors.length; j++)
      max = Math.max(max, descriptorDistance(descriptors[i]!, descriptors[j]!));
  return max;
}

export interface MatchRules {
  matchThreshold: number;
  maxFrameDistance: number;
  consistencyMaxDistance: number;
  evidence: EvidenceRules;
}

export interface MatchDecision {
  result: 'passed' | 'failed';
  reason: CertificationFailure | null;
  /** Mean distance to the reference (null without a reference). */
  distance: number | null;
  /** Largest distance between two of the attempt's descriptors, as the server measured it. */
  spread: number;
  /** The server's reading of the frames. */
  judgement: EvidenceJudgement | null;
}

/**
 * Passed only when the frames answer the challenge the server issued (plausible, actions in order
 * and time, the light answered), the descriptors are new, of one person, and that person is the
 * enrolled one.
 */
export function decide(
  evidence: Pick<FaceEvidence, 'frames' | 'descriptors'>,
  challenge: IssuedChallenge & { elapsedMs: number },
  reference: readonly number[] | null,
  replayed: boolean,
  rules: MatchRules,
): MatchDecision {
  const descriptors = evidence.descriptors.map((d) => d.values);
  const s = spread(descriptors);
  const distances = reference ? descriptors.map((d) => descriptorDistance(d, reference)) : [];
  const distance = reference ? distances.reduce((sum, d) => sum + d, 0) / descriptors.length : null;
  const judgement = judgeEvidence(challenge, evidence, challenge.elapsedMs, rules.evidence, s);
  const fail = (reason: CertificationFailure): MatchDecision => ({
    result: 'failed',
    reason,
    distance,
    spread: s,
    judgement,
  });
  if (!reference || distance === null) return fail('noReference');
  if (judgement.failure) return fail(judgement.failure);
  if (replayed) return fail('replayedEvidence');
  if (s > rules.consistencyMaxDistance) return fail('inconsistentFace');
  if (distance > rules.matchThreshold || distances.some((d) => d > rules.maxFrameDistance)) return fail('noMatch');
  return { result: 'passed', reason: null, distance, spread: s, judgement };
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/** The numbers kept with a decision (no descriptors, no images, no landmarks). */
export function recordedScores(evidence: FaceEvidence, decision: MatchDecision): Record<string, number | string> {
  const j = decision.judgement;
  const scores: Record<string, number | string> = {
    spread: round4(decision.spread),
    consistency: round4(evidence.scores.consistency),
    descriptors: evidence.descriptors.length,
    frames: evidence.frames.length,
  };
  if (j?.rule) scores.rule = j.rule;
  if (j?.light) {
    scores.lightCorrelation = round4(j.light.correlation);
    scores.lightGain = round4(j.light.gain);
    scores.lightLagMs = j.light.lagMs;
  }
  if (evidence.scores.antiSpoof !== null) scores.antiSpoof = round4(evidence.scores.antiSpoof);
  if (evidence.scores.liveness !== null) scores.liveness = round4(evidence.scores.liveness);
  return scores;
}

/** A distance as it is recorded (4 decimals), or null. */
export const recordedDistance = (distance: number | null): number | null =>
  distance === null ? null : round4(distance);
