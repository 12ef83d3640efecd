/**
 * Active-liveness action detectors over a sequence of face metrics, one frame at a time. Every
 * action needs a CHANGE (open → closed → open, closed → open, frontal → turned), so a still photo
 * never completes one.
 */
import type { FaceConfig, LivenessAction } from '../engine-types';
import type { FaceMetrics } from './geometry';

export interface ActionDetector {
  /** Feeds one frame's metrics; true once the action has been seen. */
  push(m: FaceMetrics): boolean;
}

type Thresholds = Pick<FaceConfig, 'earClosed' | 'earOpen' | 'marOpen' | 'maxYawForFrontal' | 'yawTurn'>;

/**
 * Blink: eyes seen open, then closed, then open again. "Closed" is below earClosed or below 70 % of
 * the person's own open-eye level (small eyes have a low open EAR).
 */
export function blinkDetector(t: Thresholds): ActionDetector {
  let openLevel = 0;
  let state: 'waitOpen' | 'waitClosed' | 'waitReopen' | 'done' = 'waitOpen';
  return {
    push({ ear }) {
      const closed = ear <= t.earClosed || (openLevel > 0 && ear <= openLevel * 0.7);
      if (state === 'waitOpen' && ear >= t.earOpen) state = 'waitClosed';
      else if (state === 'waitClosed' && closed) state = 'waitReopen';
      else if (state === 'waitReopen' && ear >= Math.min(t.earOpen, openLevel * 0.85)) state = 'done';
      if (state === 'waitClosed' && ear >= t.earOpen) openLevel = Math.max(openLevel, ear);
      return state === 'done';
    },
  };
}

/** Open mouth: seen closed (below half of marOpen), then open (at or above marOpen). */
export function openMouthDetector(t: Thresholds): ActionDetector {
  let sawClosed = false;
  let done = false;
  return {
    push({ mar }) {
      if (mar < t.marOpen / 2) sawClosed = true;
      else if (sawClosed && mar >= t.marOpen) done = true;
      return done;
    },
  };
}

/**
 * Head turn in the person's own frame: seen frontal, then turned past yawTurn to that side. Yaw is
 * positive when the person turns to their own left (see geometry.ts), so on the mirrored preview
 * the head moves to the same side of the screen as the word says.
 */
export function turnDetector(t: Thresholds, side: 'left' | 'right'): ActionDetector {
  let sawFrontal = false;
  let done = false;
  const sign = side === 'left' ? 1 : -1;
  return {
    push({ yaw }) {
      if (Math.abs(yaw) <= t.maxYawForFrontal) sawFrontal = true;
      else if (sawFrontal && sign * yaw >= t.yawTurn) done = true;
      return done;
    },
  };
}

export function detectorFor(action: LivenessAction, t: Thresholds): ActionDetector {
  switch (action) {
    case 'blink':
      return blinkDetector(t);
    case 'openMouth':
      return openMouthDetector(t);
    case 'turnLeft':
      return turnDetector(t, 'left');
    case 'turnRight':
      return turnDetector(t, 'right');
  }
}

/** Runs one detector over a recorded sequence; the index of the frame that completed it, or -1. */
export function detectInSequence(action: LivenessAction, t: Thresholds, sequence: readonly FaceMetrics[]): number {
  const d = detectorFor(action, t);
  return sequence.findIndex((m) => d.push(m));
}
