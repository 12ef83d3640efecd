/**
 * One certification attempt as a loop over analysed frames: quality gate, the challenge's actions
 * each with its own timeout, descriptors along the way, then the same-person check. No tfjs here:
 * the frames come from a FrameAnalyser (face-api in the renderer, or recorded landmarks in tests).
 */
import type {
  AttemptFailure,
  AttemptProgress,
  AttemptResult,
  FaceConfig,
  LivenessAction,
  LivenessTraceSummary,
} from '../engine-types';
import { maxPairwiseDistance } from './consistency';
import { detectorFor, type ActionDetector } from './detectors';
import { faceMetrics, type Point } from './geometry';
import { judgeQuality, type Box } from './quality';

export interface FaceObservation {
  box: Box;
  landmarks: Point[];
  /** The 128-number descriptor, present only when it was asked for. */
  descriptor?: number[];
  /** Eye dark level (eyes.ts), when the analyser reads pixels. */
  eyeDark?: number;
}

export interface FrameObservation {
  width: number;
  height: number;
  faces: FaceObservation[];
  /** Mean luminance 0-255 of the face box when exactly one face was found. */
  brightness: number | null;
}

export interface FrameAnalyser {
  /** Analyses the current camera frame; null when no frame is ready yet. Throws when the camera is gone. */
  analyse(withDescriptor: boolean): Promise<FrameObservation | null>;
  /** Passive anti-spoof and liveness scores of the face in the current frame, when the models are loaded. */
  passive?(box: Box): Promise<{ antiSpoof: number; liveness: number } | null>;
}

export interface Clock {
  now(): number;
  /** Lets the page breathe between frames (and tests advance fake time). */
  wait(ms: number): Promise<void>;
}

export const realClock: Clock = {
  now: () => performance.now(),
  wait: (ms) => new Promise((r) => setTimeout(r, ms)),
};

/** Consecutive good frames needed before the challenge starts (one good frame may be luck). */
export const GOOD_FRAMES_TO_START = 2;
/** Pause when the camera has no frame yet (the video is still starting). */
export const NO_FRAME_WAIT_MS = 50;

export async function runAttemptLoop(
  analyser: FrameAnalyser,
  challenge: readonly LivenessAction[],
  cfg: FaceConfig,
  onProgress: (p: AttemptProgress) => void,
  signal: AbortSignal,
  clock: Clock = realClock,
): Promise<AttemptResult> {
  const started = clock.now();
  const trace: LivenessTraceSummary = {
    challenge: [...challenge],
    completed: [],
    frames: 0,
    fps: 0,
    minEar: Number.POSITIVE_INFINITY,
    maxMar: 0,
    minYaw: 0,
    maxYaw: 0,
  };
  const finish = (): LivenessTraceSummary => {
    const seconds = (clock.now() - started) / 1000;
    trace.fps = seconds > 0 ? Math.round((trace.frames / seconds) * 10) / 10 : 0;
    if (!Number.isFinite(trace.minEar)) trace.minEar = 0;
    return { ...trace, challenge: [...trace.challenge], completed: [...trace.completed] };
  };
  const fail = (reason: AttemptFailure, withTrace = true): AttemptResult => ({
    outcome: 'failed',
    reason,
    trace: withTrace ? finish() : null,
  });

  const frame = async (withDescriptor: boolean): Promise<FrameObservation | null> => {
    await clock.wait(0);
    const f = await analyser.analyse(withDescriptor);
    if (f) trace.frames++;
    else await clock.wait(NO_FRAME_WAIT_MS);
    return f;
  };

  try {
    // 1. Quality gate.
    let lastProblem: string | undefined;
    let good = 0;
    const descriptors: number[][] = [];
    const qualityDeadline = started + cfg.qualityTimeoutMs;
    while (descriptors.length === 0) {
      if (signal.aborted) return fail('cancelled');
      if (clock.now() > qualityDeadline) return fail(trace.frames === 0 ? 'cameraUnavailable' : 'noFace');
      const f = await frame(good + 1 >= GOOD_FRAMES_TO_START);
      if (!f) continue;
      const one = f.faces.length === 1 ? f.faces[0]! : null;
      const problem = judgeQuality(
        {
          frameWidth: f.width,
          frameHeight: f.height,
          boxes: f.faces.map((x) => x.box),
          yaw: one ? faceMetrics(one.landmarks).yaw : null,
          brightness: f.brightness,
        },
        cfg,
      );
      if (problem !== lastProblem) onProgress({ step: 'quality', problem });
      lastProblem = problem ?? 'ok';
      if (problem !== null) {
        good = 0;
        continue;
      }
      good++;
      if (good >= GOOD_FRAMES_TO_START && one?.descriptor) descriptors.push(one.descriptor);
    }
    if (lastProblem !== 'ok') onProgress({ step: 'quality', problem: null });

    // 2. The challenge; a descriptor is taken from the first usable frame after each action.
    let wantDescriptor = false;
    for (let index = 0; index < challenge.length; index++) {
      const action = challenge[index]!;
      const detector: ActionDetector = detectorFor(action, cfg);
      const deadline = clock.now() + cfg.actionTimeoutMs;
      let done = false;
      while (!done) {
        if (signal.aborted) return fail('cancelled');
        const now = clock.now();
        if (now > deadline) return fail('actionTimeout');
        onProgress({ step: 'action', action, index, of: challenge.length, remainingMs: Math.max(0, deadline - now) });
        const f = await frame(wantDescriptor);
        if (!f || f.faces.length !== 1) continue;
        const face = f.faces[0]!;
        if (wantDescriptor && face.descriptor) {
          descriptors.push(face.descriptor);
          wantDescriptor = false;
        }
        const m = { ...faceMetrics(face.landmarks), eyeDark: face.eyeDark };
        trace.minEar = Math.min(trace.minEar, m.ear);
        trace.maxMar = Math.max(trace.maxMar, m.mar);
        trace.minYaw = Math.min(trace.minYaw, m.yaw);
        trace.maxYaw = Math.max(trace.maxYaw, m.yaw);
        done = detector.push(m);
      }
      trace.completed.push(action);
      wantDescriptor = true;
    }

    // 3. Descriptors after the last action, so a photo swapped in at the end is caught.
    const wanted = Math.max(cfg.descriptorsPerAttempt, 2);
    const endDeadline = clock.now() + cfg.actionTimeoutMs;
    let afterLast = 0;
    let lastBox: Box | null = null;
    while (afterLast === 0 || descriptors.length < wanted) {
      if (signal.aborted) return fail('cancelled');
      if (clock.now() > endDeadline) return fail('noFace');
      const f = await frame(true);
      if (!f || f.faces.length !== 1 || !f.faces[0]!.descriptor) continue;
      descriptors.push(f.faces[0]!.descriptor);
      lastBox = f.faces[0]!.box;
      afterLast++;
    }

    onProgress({ step: 'analysing' });
    const consistency = maxPairwiseDistance(descriptors);
    if (consistency >= cfg.consistencyMaxDistance) return fail('inconsistentFace');
    const passive = analyser.passive && lastBox ? await analyser.passive(lastBox).catch(() => null) : null;
    return {
      outcome: 'captured',
      descriptors,
      consistency,
      antiSpoof: passive?.antiSpoof ?? null,
      liveness: passive?.liveness ?? null,
      trace: finish(),
    };
  } catch {
    if (signal.aborted) return fail('cancelled');
    return fail('cameraUnavailable');
  }
}
