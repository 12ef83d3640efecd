// The certification service's step reducer: status, three attempts, engine and server failures,
// the receipt, and the way out to a window.
import { describe, expect, it } from 'vitest';
import type { CertificationOutcome, CertificationStatus, FaceChallenge } from '../../contracts';
import {
  initialStep,
  MAX_ATTEMPTS,
  reduce,
  type Event,
  type Step,
} from '../../renderer/src/services/certification/steps';

const due: CertificationStatus = {
  standing: 'due',
  dueDate: '2026-12-01',
  lastCertifiedAt: null,
  faceEnrolled: true,
  attemptsLeft: 3,
};
const outcome = (o: Partial<CertificationOutcome>): CertificationOutcome => ({
  certificationId: '7b0a3c55-31b9-4a4e-9d0c-6c5d8f0f2a11',
  result: 'failed',
  reason: 'noMatch',
  certifiedAt: '2026-11-24T02:00:00.000Z',
  nextDueDate: '2026-12-01',
  attemptsLeft: 2,
  ...o,
});
const run = (...events: Event[]): Step => events.reduce(reduce, initialStep);
const challenge: FaceChallenge = {
  challengeId: '6f1c2a52-8d0e-4c1e-9a57-0d4f4a7f9b10',
  purpose: 'certification',
  actions: ['blink', 'turnLeft'],
  actionTimeoutMs: 10_000,
  light: [{ rgb: [255, 170, 170], ms: 500 }],
  issuedAt: '2026-11-24T02:00:00.000Z',
  expiresAt: '2026-11-24T02:02:00.000Z',
};
const start: Event = { type: 'start', challenge };

describe('certification steps', () => {
  it('goes from the status to the camera, then submitting, then passed with the receipt printing', () => {
    expect(run({ type: 'statusLoaded', status: due })).toEqual({ kind: 'status', status: due });
    const camera = run({ type: 'statusLoaded', status: due }, start);
    expect(camera).toMatchObject({
      kind: 'camera',
      attempt: 1,
      challenge: { actions: ['blink', 'turnLeft'] },
      progress: null,
    });
    const moving = reduce(camera, {
      type: 'progress',
      progress: { step: 'action', action: 'blink', index: 0, of: 2, remainingMs: 5000 },
    });
    expect(moving).toMatchObject({ kind: 'camera', progress: { action: 'blink', remainingMs: 5000 } });
    const passed = run(
      { type: 'statusLoaded', status: due },
      start,
      { type: 'captured' },
      { type: 'outcome', outcome: outcome({ result: 'passed', reason: null, nextDueDate: '2027-11-24' }) },
    );
    expect(passed).toMatchObject({ kind: 'passed', receipt: 'printing', outcome: { nextDueDate: '2027-11-24' } });
    expect(reduce(passed, { type: 'receipt', state: 'printed' })).toMatchObject({ kind: 'passed', receipt: 'printed' });
  });

  it('allows three attempts, counting failures seen by the kiosk and by the server, then sends to a window', () => {
    let step = run(
      { type: 'statusLoaded', status: due },
      start,
      { type: 'captured' },
      { type: 'outcome', outcome: outcome({ attemptsLeft: 2 }) },
    );
    expect(step).toEqual({ kind: 'failed', attempt: 1, reason: 'noMatch', attemptsLeft: 2 });
    step = [start, { type: 'engineFailed', reason: 'actionTimeout' } as Event].reduce(reduce, step);
    expect(step).toEqual({ kind: 'failed', attempt: 2, reason: 'actionTimeout', attemptsLeft: 1 });
    step = [
      start,
      { type: 'captured' } as Event,
      { type: 'outcome', outcome: outcome({ reason: 'livenessIncomplete', attemptsLeft: 5 }) } as Event,
    ].reduce(reduce, step);
    expect(MAX_ATTEMPTS).toBe(3);
    // The last failure goes straight to the ways on: no "try again" above "attempts used up".
    expect(step).toEqual({ kind: 'noAttemptsLeft', reason: 'livenessIncomplete' });
    expect(reduce(step, start)).toBe(step);
  });

  it('takes the server’s count when fewer attempts are left today', () => {
    const step = run(
      { type: 'statusLoaded', status: due },
      start,
      { type: 'captured' },
      { type: 'outcome', outcome: outcome({ attemptsLeft: 0 }) },
    );
    expect(step).toEqual({ kind: 'noAttemptsLeft', reason: 'noMatch' });
    expect(run({ type: 'statusLoaded', status: { ...due, attemptsLeft: 0 } })).toEqual({ kind: 'noAttemptsLeft' });
    expect(run({ type: 'statusLoaded', status: due }, start, { type: 'failed', code: 'rateLimited' })).toEqual({
      kind: 'noAttemptsLeft',
    });
  });

  it('says the camera cannot be used when it is denied or missing', () => {
    expect(
      run({ type: 'statusLoaded', status: due }, start, { type: 'engineFailed', reason: 'cameraUnavailable' }),
    ).toEqual({ kind: 'cameraUnavailable' });
  });

  it('offers a reprint to a person already certified this cycle', () => {
    const certified = { ...due, standing: 'certified' as const };
    const step = run({ type: 'statusLoaded', status: certified }, { type: 'reprint' });
    expect(step).toEqual({ kind: 'reprint', status: certified, receipt: 'printing' });
    expect(reduce(step, { type: 'receipt', state: 'failed' })).toMatchObject({ receipt: 'failed' });
  });

  it('ignores events that do not belong to the current step (a late camera report after leaving it)', () => {
    const status = run({ type: 'statusLoaded', status: due });
    expect(reduce(status, { type: 'captured' })).toBe(status);
    expect(reduce(status, { type: 'progress', progress: { step: 'analysing' } })).toBe(status);
    expect(reduce(status, { type: 'outcome', outcome: outcome({}) })).toBe(status);
  });

  it('sends a person with no enrolled face to the window at once', () => {
    const step = run(
      { type: 'statusLoaded', status: due },
      start,
      { type: 'captured' },
      { type: 'outcome', outcome: outcome({ reason: 'noReference', attemptsLeft: 2 }) },
    );
    expect(step).toEqual({ kind: 'noAttemptsLeft', reason: 'noReference' });
  });
});
