/**
 * The face check's steps as a pure reducer: intro → camera → submitting → passed, or failed with
 * the reason and a retry while checks are left (the server's count and at most MAX_ATTEMPTS in one
 * visit), and a way out on every failure (the card PIN when the session has a card, a window).
 */
import type { ErrorCode, FaceCheckOutcome, FaceChallenge } from '../../../../contracts';
import type { AttemptFailure, AttemptProgress } from '../../face/engine-types';
import { MAX_ATTEMPTS, type FailureReason } from '../certification/steps';

export type FaceStep =
  | { kind: 'intro'; checksLeft: number }
  | {
      kind: 'camera';
      attempt: number;
      checksLeft: number;
      challenge: FaceChallenge;
      progress: AttemptProgress | null;
    }
  | { kind: 'submitting'; attempt: number; checksLeft: number }
  | { kind: 'failed'; attempt: number; reason: FailureReason; checksLeft: number }
  | { kind: 'passed' }
  /** No checks left (today, this session, or no enrolled face): the PIN or a window. */
  | { kind: 'noChecksLeft' }
  | { kind: 'cameraUnavailable' }
  | { kind: 'error'; code: ErrorCode };

export type FaceEvent =
  | { type: 'start'; challenge: FaceChallenge }
  | { type: 'progress'; progress: AttemptProgress }
  | { type: 'captured' }
  | { type: 'engineFailed'; reason: AttemptFailure }
  | { type: 'outcome'; outcome: FaceCheckOutcome }
  | { type: 'failed'; code: ErrorCode };

export const initialFaceStep = (checksLeft: number): FaceStep =>
  checksLeft > 0 ? { kind: 'intro', checksLeft } : { kind: 'noChecksLeft' };

/** The next step; events that do not fit the current step leave it as it is. */
export function faceReduce(step: FaceStep, event: FaceEvent): FaceStep {
  switch (event.type) {
    case 'start': {
      if (step.kind !== 'intro' && step.kind !== 'failed') return step;
      if (step.checksLeft <= 0) return { kind: 'noChecksLeft' };
      const attempt = step.kind === 'failed' ? step.attempt + 1 : 1;
      if (attempt > MAX_ATTEMPTS) return { kind: 'noChecksLeft' };
      return { kind: 'camera', attempt, checksLeft: step.checksLeft, challenge: event.challenge, progress: null };
    }
    case 'progress':
      return step.kind === 'camera' ? { ...step, progress: event.progress } : step;
    case 'captured':
      return step.kind === 'camera' ? { kind: 'submitting', attempt: step.attempt, checksLeft: step.checksLeft } : step;
    case 'engineFailed':
      if (step.kind !== 'camera') return step;
      if (event.reason === 'cameraUnavailable') return { kind: 'cameraUnavailable' };
      if (event.reason === 'modelsUnavailable') return { kind: 'error', code: 'deviceFailed' };
      // Not sent to the server, so the server's count stays; this visit's does not.
      return failed(step.attempt, event.reason, step.checksLeft);
    case 'outcome':
      if (step.kind !== 'submitting') return step;
      if (event.outcome.result === 'passed') return { kind: 'passed' };
      if (event.outcome.reason === 'noReference') return { kind: 'noChecksLeft' };
      return failed(step.attempt, event.outcome.reason, event.outcome.faceChecksLeft);
    case 'failed':
      return event.code === 'rateLimited' ? { kind: 'noChecksLeft' } : { kind: 'error', code: event.code };
  }
}

function failed(attempt: number, reason: FailureReason, serverLeft: number): FaceStep {
  return { kind: 'failed', attempt, reason, checksLeft: Math.max(0, Math.min(serverLeft, MAX_ATTEMPTS - attempt)) };
}
