/**
 * One certification attempt as a loop over analysed frames: quality gate, the challenge's actions
 * each with its own timeout, descriptors along the way, then the same-person check. No tfjs here:
 * the frames come from a FrameAnalyser (face-api in the renderer, or recorded landmarks in tests).
 */
import type {
  AttemptChallenge,
  AttemptFailure,
  FrameNumbers,
  AttemptProgress,
  AttemptResult,
  FaceConfig,
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
  /** Mean RGB of the face's skin (cheeks and nose) and of the frame outside the face, when read. */
  colour?: { skin: [number, number, number]; bg: [number, number, number] };
  /** Mean absolute Laplacian of the face's 32x32 luminance, when read. */
  sharpness?: number;
}

export interface FrameObservation {
  width: number;
  height: number;
  faces: FaceObservation[];
  /** Mean luminance 0-255 of the face box when exactly one face was found. */
  brightness: number | null;
  /** Clock time the picture was read, when the analyser waited for a new one (else: when asked). */
  readAt?: number;
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
/** How long after the last action the closing descriptors are taken (see step 3). */
const AFTER_ACTION_SETTLE_MS = 400;
/**
 * Least time between two closing descriptors. A loop at 20 frames/s would otherwise take both from
 * the next two frames, 50 ms apart, and a server that places the action later than this loop did
 * would find none after it (descriptorTiming): spread over half a second, as the slower loop did.
 */
const CLOSING_DESCRIPTOR_GAP_MS = 500;
/**
 * The loop reads at most this many camera pictures a second. A blink (100–400 ms) still spans one
 * picture or more, and on a 2-core kiosk the loop leaves a core's third to the screen's countdown,
 * the voice and the host instead of analysing every picture the camera sends (22 a second here).
 */
export const MAX_FRAMES_PER_SECOND = 15;
const MIN_FRAME_GAP_MS = 1000 / MAX_FRAMES_PER_SECOND;

export async function runAttemptLoop(
  analyser: FrameAnalyser,
  issued: AttemptChallenge,
  cfg: FaceConfig,
  onProgress: (p: AttemptProgress) => void,
  signal: AbortSignal,
  clock: Clock = realClock,
  onLightStart?: (at: number) => void,
): Promise<AttemptResult> {
  const challenge = issued.actions;
  const started = clock.now();
  onLightStart?.(started);
  const frames: FrameNumbers[] = [];
  const descriptors: { frame: number; values: number[] }[] = [];
  /** Records a one-face frame and returns its index (no colour reading: zeros, which answer no light). */
  const record = (f: FrameObservation, at: number): number => {
    const face = f.faces[0]!;
    const colour = face.colour ?? { skin: [0, 0, 0], bg: [0, 0, 0] };
    const m = faceMetrics(face.landmarks);
    const b = face.box;
    frames.push({
      t: Math.round((at - started) * 10) / 10,
      w: f.width,
      h: f.height,
      box: [b.x, b.y, b.width, b.height],
      ear: m.ear,
      mar: m.mar,
      yaw: m.yaw,
      dark: face.eyeDark ?? null,
      skin: colour.skin,
      bg: colour.bg,
    });
    return frames.length - 1;
  };
  /** Keeps the face's descriptor when its frame is frontal and sharp (pose and blur gates). */
  const keep = (face: FaceObservation, index: number): boolean => {
    if (!face.descriptor || index < 0) return false;
    if (Math.abs(faceMetrics(face.landmarks).yaw) > cfg.maxYawForFrontal) return false;
    if (face.sharpness !== undefined && face.sharpness < cfg.minSharpness) return false;
    // One camera picture read twice gives the same numbers: no new evidence (and a repeat to the server).
    const values = face.descriptor;
    if (descriptors.some((d) => d.values.every((v, i) => v === values[i]))) return false;
    descriptors.push({ frame: index, values: face.descriptor });
    return true;
  };
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

  let lastIndex = -1;
  let lastAsked = Number.NEGATIVE_INFINITY;
  const frame = async (withDescriptor: boolean): Promise<FrameObservation | null> => {
    await clock.wait(Math.max(0, lastAsked + MIN_FRAME_GAP_MS - clock.now()));
    const asked = clock.now();
    lastAsked = asked;
    const f = await analyser.analyse(withDescriptor);
    lastIndex = -1;
    if (f) {
      trace.frames++;
      if (f.faces.length === 1) lastIndex = record(f, f.readAt ?? asked);
    } else await clock.wait(NO_FRAME_WAIT_MS);
    return f;
  };

  try {
    // 1. Quality gate.
    let lastProblem: string | undefined;
    let good = 0;
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
      if (good >= GOOD_FRAMES_TO_START && one) keep(one, lastIndex);
    }
    if (lastProblem !== 'ok') onProgress({ step: 'quality', problem: null });

    // 2. The challenge; a descriptor is taken from the first usable frame after each action.
    let wantDescriptor = false;
    for (let index = 0; index < challenge.length; index++) {
      const action = challenge[index]!;
      const detector: ActionDetector = detectorFor(action, cfg);
      const deadline = clock.now() + issued.actionTimeoutMs;
      let done = false;
      while (!done) {
        if (signal.aborted) return fail('cancelled');
        const now = clock.now();
        if (now > deadline) return fail('actionTimeout');
        onProgress({ step: 'action', action, index, of: challenge.length, remainingMs: Math.max(0, deadline - now) });
        const f = await frame(wantDescriptor);
        if (!f || f.faces.length !== 1) continue;
        const face = f.faces[0]!;
        if (wantDescriptor && keep(face, lastIndex)) wantDescriptor = false;
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

    // 3. Descriptors after the last action, so a photo swapped in at the end is caught. The server
    // finds the action in the landmark series itself and may place it a frame or two later than
    // this detector did (a loaded machine delivers fewer, later frames): so these descriptors come
    // from frames a moment after the action, and two of them.
    const wanted = Math.max(cfg.descriptorsPerAttempt, 2);
    const settledAt = clock.now() + AFTER_ACTION_SETTLE_MS;
    const endDeadline = clock.now() + cfg.actionTimeoutMs;
    let afterLast = 0;
    let lastBox: Box | null = null;
    let nextAt = settledAt;
    while (afterLast < 2 || descriptors.length < wanted) {
      if (signal.aborted) return fail('cancelled');
      if (clock.now() > endDeadline) return fail('noFace');
      const settled = clock.now() >= nextAt;
      const f = await frame(settled);
      if (!settled || !f || f.faces.length !== 1 || !keep(f.faces[0]!, lastIndex)) continue;
      lastBox = f.faces[0]!.box;
      afterLast++;
      nextAt = clock.now() + CLOSING_DESCRIPTOR_GAP_MS;
    }

    onProgress({ step: 'analysing' });
    const consistency = maxPairwiseDistance(descriptors.map((d) => d.values));
    if (consistency >= cfg.consistencyMaxDistance) return fail('inconsistentFace');
    const passive = analyser.passive && lastBox ? await analyser.passive(lastBox).catch(() => null) : null;
    return {
      outcome: 'captured',
      descriptors,
      frames,
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
