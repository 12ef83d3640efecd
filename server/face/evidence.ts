/**
 * The server's judgement of one attempt's frames against the challenge it issued: plausible as a
 * live camera, the actions done in order and in time, the screen's light answered, descriptors
 * taken from frontal frames before the first action and after the last. The face match itself is
 * certification/match.ts. Pure.
 */
import type { CertificationFailure } from '../../contracts/certification';
import type { FaceEvidence, LightStep, LivenessAction } from '../../contracts/face-challenge';
import { type ActionRules, actionsDone } from './actions';
import { type LightRules, type LightScore, lightAnswered, lightScore } from './light';
import { type Implausible, type PlausibilityRules, implausible } from './plausibility';

/** What the server issued and still holds of one challenge. */
export interface IssuedChallenge {
  actions: LivenessAction[];
  light: LightStep[];
  actionTimeoutMs: number;
}

export interface EvidenceRules extends ActionRules, LightRules, PlausibilityRules {
  /** Smallest face box width as a share of the frame width for a descriptor's frame. */
  minFaceRatio: number;
  /** Smallest distance between two of an attempt's descriptors (one image's copies are identical). */
  minDescriptorSpread: number;
}

export interface EvidenceJudgement {
  failure: Extract<CertificationFailure, 'livenessIncomplete' | 'lightMismatch' | 'implausibleEvidence'> | null;
  /** Which rule failed, for the record (never shown to the person). */
  rule: Implausible | 'descriptorFrame' | 'descriptorTiming' | 'identicalDescriptors' | 'actions' | 'light' | null;
  light: LightScore | null;
  actionFrames: number[] | null;
}

/** Judges the evidence; `elapsedMs` is the time from the challenge's issue to its submission. */
export function judgeEvidence(
  challenge: IssuedChallenge,
  evidence: Pick<FaceEvidence, 'frames' | 'descriptors'>,
  elapsedMs: number,
  rules: EvidenceRules,
  spread: number,
): EvidenceJudgement {
  const { frames } = evidence;
  const fail = (
    failure: NonNullable<EvidenceJudgement['failure']>,
    rule: NonNullable<EvidenceJudgement['rule']>,
    light: LightScore | null = null,
    actionFrames: number[] | null = null,
  ): EvidenceJudgement => ({ failure, rule, light, actionFrames });

  const odd = implausible(frames, elapsedMs, rules);
  if (odd) return fail('implausibleEvidence', odd);
  const light = lightScore(frames, challenge.light, rules);
  const done = actionsDone(frames, challenge.actions, challenge.actionTimeoutMs, rules);
  if (!done) return fail('livenessIncomplete', 'actions', light);
  if (!lightAnswered(light, rules)) return fail('lightMismatch', 'light', light, done);

  const seen = new Set<number>();
  for (const d of evidence.descriptors) {
    const f = frames[d.frame];
    if (!f || seen.has(d.frame)) return fail('implausibleEvidence', 'descriptorFrame', light, done);
    seen.add(d.frame);
    if (Math.abs(f.yaw) > rules.maxYawForFrontal || f.box[2] / f.w < rules.minFaceRatio)
      return fail('implausibleEvidence', 'descriptorFrame', light, done);
  }
  const last = done[done.length - 1]!;
  const frameNos = evidence.descriptors.map((d) => d.frame);
  if (!frameNos.some((n) => n < last) || !frameNos.some((n) => n > last))
    return fail('implausibleEvidence', 'descriptorTiming', light, done);
  if (evidence.descriptors.length > 1 && spread < rules.minDescriptorSpread)
    return fail('implausibleEvidence', 'identicalDescriptors', light, done);
  return { failure: null, rule: null, light, actionFrames: done };
}
