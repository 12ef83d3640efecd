/**
 * The certification service's steps as a pure reducer: status → camera → submitting → result →
 * receipt, at most three attempts in one visit, and a way out on every failure (a window, a home
 * visit, the hotline).
 */
import type { CertificationOutcome, CertificationStatus, ErrorCode, FaceChallenge } from '../../../../contracts';
import type { AttemptFailure, AttemptProgress } from '../../face/engine-types';

/** Attempts in one visit (the server also limits attempts per day). */
export const MAX_ATTEMPTS = 3;

/** Why an attempt failed, whether the engine (on the kiosk) or the server said so. */
export type FailureReason = CertificationOutcome['reason'] | AttemptFailure;

export type Step =
  | { kind: 'loading' }
  | { kind: 'status'; status: CertificationStatus }
  | { kind: 'camera'; attempt: number; challenge: FaceChallenge; progress: AttemptProgress | null }
  | { kind: 'submitting'; attempt: number }
  | { kind: 'failed'; attempt: number; reason: FailureReason; attemptsLeft: number }
  | { kind: 'passed'; outcome: CertificationOutcome; receipt: 'printing' | 'printed' | 'failed' }
  | { kind: 'reprint'; status: CertificationStatus; receipt: 'printing' | 'printed' | 'failed' }
  /**
   * No attempts left (or none can pass: no enrolled face): one message and the ways on — a window
   * ticket now, a home visit, 12333. `reason`: why the last attempt failed, when there was one.
   */
  | { kind: 'noAttemptsLeft'; reason?: FailureReason }
  | { kind: 'cameraUnavailable' }
  | { kind: 'error'; code: ErrorCode };

export type Event =
  | { type: 'statusLoaded'; status: CertificationStatus }
  | { type: 'start'; challenge: FaceChallenge }
  | { type: 'progress'; progress: AttemptProgress }
  | { type: 'captured' }
  | { type: 'engineFailed'; reason: AttemptFailure }
  | { type: 'outcome'; outcome: CertificationOutcome }
  | { type: 'receipt'; state: 'printing' | 'printed' | 'failed' }
  | { type: 'reprint' }
  | { type: 'failed'; code: ErrorCode };

export const initialStep: Step = { kind: 'loading' };

/** The attempt that comes next (1 before any). */
function nextAttempt(step: Step): number {
  return step.kind === 'failed' ? step.attempt + 1 : 1;
}

/** The next step; events that do not fit the current step leave it as it is. */
export function reduce(step: Step, event: Event): Step {
  switch (event.type) {
    case 'statusLoaded':
      if (
        event.status.attemptsLeft === 0 &&
        event.status.standing !== 'certified' &&
        event.status.standing !== 'notReceiving'
      )
        return { kind: 'noAttemptsLeft' };
      return { kind: 'status', status: event.status };
    case 'start':
      if (step.kind !== 'status' && step.kind !== 'failed') return step;
      if (step.kind === 'failed' && (step.attemptsLeft <= 0 || step.attempt >= MAX_ATTEMPTS))
        return { kind: 'noAttemptsLeft' };
      return { kind: 'camera', attempt: nextAttempt(step), challenge: event.challenge, progress: null };
    case 'progress':
      return step.kind === 'camera' ? { ...step, progress: event.progress } : step;
    case 'captured':
      return step.kind === 'camera' ? { kind: 'submitting', attempt: step.attempt } : step;
    case 'engineFailed':
      if (step.kind !== 'camera') return step;
      if (event.reason === 'cameraUnavailable') return { kind: 'cameraUnavailable' };
      if (event.reason === 'modelsUnavailable') return { kind: 'error', code: 'deviceFailed' };
      return failedOrOut(step.attempt, event.reason, MAX_ATTEMPTS - step.attempt);
    case 'outcome':
      if (step.kind !== 'submitting') return step;
      if (event.outcome.result === 'passed') return { kind: 'passed', outcome: event.outcome, receipt: 'printing' };
      return failedOrOut(
        step.attempt,
        event.outcome.reason,
        Math.min(event.outcome.attemptsLeft, MAX_ATTEMPTS - step.attempt),
      );
    case 'receipt':
      return step.kind === 'passed' || step.kind === 'reprint' ? { ...step, receipt: event.state } : step;
    case 'reprint':
      return step.kind === 'status' ? { kind: 'reprint', status: step.status, receipt: 'printing' } : step;
    case 'failed':
      if (event.code === 'rateLimited') return { kind: 'noAttemptsLeft' };
      return { kind: 'error', code: event.code };
  }
}

function failedOrOut(attempt: number, reason: FailureReason, attemptsLeft: number): Step {
  // Without an enrolled face no attempt can pass, and after the last one "try again" means nothing:
  // both go straight to the screen with the ways on, which says one thing, not "再试一次" above "用完".
  if (reason === 'noReference' || attemptsLeft <= 0) return { kind: 'noAttemptsLeft', reason };
  return { kind: 'failed', attempt, reason, attemptsLeft };
}
