/** The decision on one attempt's evidence: pure, so its rules are tested without a database. */
import type { CertificationEvidence, CertificationFailure, LivenessTrace } from '../../contracts/certification';

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
  consistencyMaxDistance: number;
}

export interface MatchDecision {
  result: 'passed' | 'failed';
  reason: CertificationFailure | null;
  /** Mean distance to the reference (null without a reference). */
  distance: number | null;
  /** Largest distance between two of the attempt's descriptors, as the server measured it. */
  spread: number;
}

/** Whether every action asked was done (a still photo cannot blink or turn). */
export function livenessComplete(trace: LivenessTrace): boolean {
  return trace.challenge.length >= 2 && trace.challenge.every((action) => trace.completed.includes(action));
}

/** Passed only when liveness is complete, the descriptors are one person, and that person is the enrolled one. */
export function decide(
  descriptors: readonly (readonly number[])[],
  trace: LivenessTrace,
  reference: readonly number[] | null,
  rules: MatchRules,
): MatchDecision {
  const s = spread(descriptors);
  const distance = reference
    ? descriptors.reduce((sum, d) => sum + descriptorDistance(d, reference), 0) / descriptors.length
    : null;
  const fail = (reason: CertificationFailure): MatchDecision => ({ result: 'failed', reason, distance, spread: s });
  if (!reference || distance === null) return fail('noReference');
  if (!livenessComplete(trace)) return fail('livenessIncomplete');
  if (s > rules.consistencyMaxDistance) return fail('inconsistentFace');
  if (distance > rules.matchThreshold) return fail('noMatch');
  return { result: 'passed', reason: null, distance, spread: s };
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/** The numbers kept with a decision (no descriptors, no images). */
export function recordedScores(evidence: CertificationEvidence, decision: MatchDecision): Record<string, number> {
  const scores: Record<string, number> = {
    spread: round4(decision.spread),
    consistency: round4(evidence.scores.consistency),
    descriptors: evidence.descriptors.length,
    frames: evidence.trace.frames,
    fps: round4(evidence.trace.fps),
    actionsAsked: evidence.trace.challenge.length,
    actionsDone: evidence.trace.completed.length,
  };
  if (evidence.scores.antiSpoof !== null) scores.antiSpoof = round4(evidence.scores.antiSpoof);
  if (evidence.scores.liveness !== null) scores.liveness = round4(evidence.scores.liveness);
  return scores;
}

/** A distance as it is recorded (4 decimals), or null. */
export const recordedDistance = (distance: number | null): number | null =>
  distance === null ? null : round4(distance);
