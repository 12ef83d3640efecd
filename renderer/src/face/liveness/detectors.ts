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

type Thresholds = Pick<
  FaceConfig,
  'earClosed' | 'earOpen' | 'marOpen' | 'maxYawForFrontal' | 'yawTurn' | 'blinkDarkRise'
>;

/**
 * Blink: eyes seen open, then closed, then open again. Closed is either signal: the eye aspect ratio
 * at or below earClosed, or the eye dark level (eyes.ts) risen by blinkDarkRise over the person's
 * own open-eye level (the lowest level seen while open). Open again: not closed, and the dark level
 * back within half of the rise.
 */
export function blinkDetector(t: Thresholds): ActionDetector {
  let openDark = Number.POSITIVE_INFINITY;
  let state: 'waitOpen' | 'waitClosed' | 'waitReopen' | 'done' = 'waitOpen';
  return {
    push({ ear, eyeDark }) {
      const darkClosed = eyeDark !== undefined && Number.isFinite(openDark) && eyeDark >= openDark * t.blinkDarkRise;
      const darkOpen = eyeDark === undefined || eyeDark <= openDark * (1 + (t.blinkDarkRise - 1) / 2);
      const closed = ear <= t.earClosed || darkClosed;
      // Without the pixel signal the EAR must show open eyes; with it, "not closed" is enough (small eyes).
      const open = !closed && darkOpen && (eyeDark !== undefined || ear >= t.earOpen);
      if (state === 'waitOpen' && open) state = 'waitClosed';
      else if (state === 'waitClosed' && closed) state = 'waitReopen';
      else if (state === 'waitReopen' && open) state = 'done';
      if (state === 'waitClosed' && eyeDark !== undefined && !closed) openDark = Math.min(openDark, eyeDark);
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
