/**
 * The server's own reading of the actions from the frames' landmark measures, against the
 * challenge's order and timing (the terminal's claim that an action was done counts for nothing).
 * The detectors are the renderer's (renderer/src/face/liveness/detectors.ts): every action needs a
 * change, so a still photo completes none. Pure.
 */
import type { FaceFrame, LivenessAction } from '../../contracts/face-challenge';

export interface ActionRules {
  earClosed: number;
  earOpen: number;
  blinkDarkRise: number;
  marOpen: number;
  maxYawForFrontal: number;
  yawTurn: number;
  /** Time allowed before the first action starts (the quality gate: getting into the frame). */
  qualityWindowMs: number;
}

type Detector = (f: FaceFrame) => boolean;

function blink(t: ActionRules): Detector {
  let openDark = Number.POSITIVE_INFINITY;
  let state: 'waitOpen' | 'waitClosed' | 'waitReopen' | 'done' = 'waitOpen';
  return ({ ear, dark }) => {
    const eyeDark = dark ?? undefined;
    const darkClosed = eyeDark !== undefined && Number.isFinite(openDark) && eyeDark >= openDark * t.blinkDarkRise;
    const darkOpen = eyeDark === undefined || eyeDark <= openDark * (1 + (t.blinkDarkRise - 1) / 2);
    const closed = ear <= t.earClosed || darkClosed;
    const open = !closed && darkOpen && (eyeDark !== undefined || ear >= t.earOpen);
    if (state === 'waitOpen' && open) state = 'waitClosed';
    else if (state === 'waitClosed' && closed) state = 'waitReopen';
    else if (state === 'waitReopen' && open) state = 'done';
    if (state === 'waitClosed' && eyeDark !== undefined && !closed) openDark = Math.min(openDark, eyeDark);
    return state === 'done';
  };
}

function openMouth(t: ActionRules): Detector {
  let sawClosed = false;
  let done = false;
  return ({ mar }) => {
    if (mar < t.marOpen / 2) sawClosed = true;
    else if (sawClosed && mar >= t.marOpen) done = true;
    return done;
  };
}

function turn(t: ActionRules, sign: 1 | -1): Detector {
  let sawFrontal = false;
  let done = false;
  return ({ yaw }) => {
    if (Math.abs(yaw) <= t.maxYawForFrontal) sawFrontal = true;
    else if (sawFrontal && sign * yaw >= t.yawTurn) done = true;
    return done;
  };
}

function detector(action: LivenessAction, t: ActionRules): Detector {
  if (action === 'blink') return blink(t);
  if (action === 'openMouth') return openMouth(t);
  return turn(t, action === 'turnLeft' ? 1 : -1);
}

/**
 * The frame index at which each action was completed, in the challenge's order, each within
 * `actionTimeoutMs` of the previous one (the first within the quality window and one timeout of
 * the first frame); null when an action is missing, out of order or too late.
 */
export function actionsDone(
  frames: readonly FaceFrame[],
  actions: readonly LivenessAction[],
  actionTimeoutMs: number,
  rules: ActionRules,
): number[] | null {
  const done: number[] = [];
  let i = 0;
  let deadline = (frames[0]?.t ?? 0) + rules.qualityWindowMs + actionTimeoutMs;
  for (const action of actions) {
    const seen = detector(action, rules);
    let at = -1;
    for (; i < frames.length; i++) {
      if (frames[i]!.t > deadline) return null;
      if (seen(frames[i]!)) {
        at = i;
        break;
      }
    }
    if (at < 0) return null;
    done.push(at);
    deadline = frames[at]!.t + actionTimeoutMs;
    i = at + 1;
  }
  return done;
}
