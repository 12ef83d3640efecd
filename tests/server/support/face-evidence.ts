/**
 * Face evidence for hall-server tests (issue 14): a challenge issued through the API, and frames
 * built to fit it the way a live camera's would (the face's colour follows the screen's light with
 * a camera's delay, detector jitter, a real loop's uneven pace, the actions in order). This is also
 * exactly what a fully compromised terminal could synthesise: the tests that use it check the flow
 * rules around the evidence; the attacks change one property of it at a time.
 */
import { FaceChallenge, type FaceFrame, type LightStep, type LivenessAction } from '../../../contracts/face-challenge';
import { sql } from 'drizzle-orm';
import type { Db } from '../../../server/db/types';
import type { TestHall } from './hall';

const beat = {
  appVersion: '1.0.0',
  uptimeS: 60,
  inService: true,
  devices: [{ device: 'idCardReader', state: 'ok' }],
  lastError: null,
};

/** A heartbeat from the terminal (face attempts need one within the last two minutes). */
export async function heartbeat(hall: TestHall, as: 'a' | 'b' = 'a'): Promise<void> {
  const res = await hall.inject({ as, method: 'POST', url: '/api/v1/terminal/heartbeat', payload: beat });
  if (res.statusCode !== 200) throw new Error(`heartbeat: ${res.statusCode} ${res.body}`);
}

/**
 * Issues a challenge for the session, then moves its issue time `tookMs` back, as if the person had
 * spent that long on the attempt (frames may not be timed after the evidence arrives).
 */
export async function issueChallenge(
  hall: TestHall,
  sessionId: string,
  purpose: 'certification' | 'faceCheck' = 'certification',
  as: 'a' | 'b' = 'a',
  tookMs = 15_000,
): Promise<FaceChallenge> {
  const res = await hall.inject({
    as,
    method: 'POST',
    url: `/api/v1/sessions/${sessionId}/face-challenges`,
    payload: { purpose },
  });
  if (res.statusCode !== 200) throw new Error(`challenge: ${res.statusCode} ${res.body}`);
  const challenge = FaceChallenge.parse(res.json());
  await ageChallenge(hall.database.db, challenge.challengeId, tookMs);
  return challenge;
}

/** Moves a challenge's issue time back by `ms`, as if the person had spent that long on it. */
export async function ageChallenge(db: Pick<Db, 'execute'>, challengeId: string, ms = 15_000): Promise<void> {
  await db.execute(
    sql`update face_challenges set issued_at = issued_at - make_interval(secs => ${ms / 1000}) where id = ${challengeId}`,
  );
}

export interface FrameOptions {
  /** The light the "face" answers (default: the challenge's own). */
  light?: readonly LightStep[];
  /** How strongly the face takes the screen's colour (0: a screen or a photo that ignores it). */
  gain?: number;
  /** The actions the series shows (default: the challenge's). */
  actions?: readonly LivenessAction[];
  /** A perfect timer and no jitter (numbers made up naively). */
  smooth?: boolean;
  /** Frames per second (default about 10). */
  fps?: number;
}

function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

function colourAt(light: readonly LightStep[], t: number): [number, number, number] {
  let end = 0;
  for (const step of light) {
    end += step.ms;
    if (t < end) return step.rgb;
  }
  return [255, 255, 255];
}

/** Measures of one frame for a pose: neutral, or in the middle of an action. */
function pose(action: LivenessAction | null, phase: number): { ear: number; mar: number; yaw: number; dark: number } {
  const base = { ear: 0.3, mar: 0.1, yaw: 0.02, dark: 1 };
  if (action === 'blink') return { ...base, ear: phase === 1 ? 0.15 : 0.3, dark: phase === 1 ? 1.6 : 1 };
  if (action === 'openMouth') return { ...base, mar: phase === 1 ? 0.6 : 0.1 };
  if (action === 'turnLeft') return { ...base, yaw: phase === 1 ? 0.42 : 0.02 };
  if (action === 'turnRight') return { ...base, yaw: phase === 1 ? -0.42 : 0.02 };
  return base;
}

/**
 * About 10 s of frames: 2 s holding still, then each action (1 s before, 0.6 s doing it, 1 s after),
 * then 2 s still; descriptor frames are chosen by `descriptorFrames`.
 */
export function fittingFrames(challenge: FaceChallenge, options: FrameOptions = {}, seed = 7): FaceFrame[] {
  const random = rng(seed);
  const light = options.light ?? challenge.light;
  const gain = options.gain ?? 0.35;
  const actions = options.actions ?? challenge.actions;
  const gap = 1000 / (options.fps ?? 10);
  const plan: Array<{ until: number; action: LivenessAction | null }> = [];
  let at = 2000;
  plan.push({ until: at, action: null });
  for (const a of actions) {
    plan.push(
      { until: (at += 1000), action: null },
      { until: (at += 600), action: a },
      { until: (at += 1000), action: null },
    );
  }
  plan.push({ until: (at += 2000), action: null });
  const frames: FaceFrame[] = [];
  for (let t = 100; t < at; t += options.smooth ? gap : gap * (0.7 + 0.6 * random())) {
    const step = plan.find((p) => t < p.until)!;
    const p = pose(step.action, step.action ? 1 : 0);
    const jitter = options.smooth ? 0 : 1;
    const screen = colourAt(light, t - 120);
    const roomBg: [number, number, number] = [120, 118, 112];
    const skinBase = [190, 140, 120];
    const skin = skinBase.map((v, i) => v * (1 - gain + (gain * screen[i]!) / 255) + jitter * (random() - 0.5) * 2) as [
      number,
      number,
      number,
    ];
    frames.push({
      t: Math.round(t * 10) / 10,
      w: 640,
      h: 480,
      box: [220 + jitter * (random() - 0.5) * 3, 140 + jitter * (random() - 0.5) * 3, 200, 210],
      ear: p.ear + jitter * (random() - 0.5) * 0.02,
      mar: p.mar + jitter * (random() - 0.5) * 0.02,
      yaw: p.yaw + jitter * (random() - 0.5) * 0.02,
      dark: p.dark,
      skin,
      bg: roomBg.map((v) => v + jitter * (random() - 0.5)) as [number, number, number],
    });
  }
  return frames;
}

/** Frame indexes for descriptors, early and late still frames first (before the actions and after them). */
export function descriptorFrames(frames: readonly FaceFrame[]): number[] {
  const n = frames.length;
  return [3, n - 3, 6, n - 6, Math.floor(n / 2) + 1].filter((i) => Math.abs(frames[i]!.yaw) < 0.2);
}

/** A live camera never gives the same descriptor twice: each attempt's copies differ a little. */
export function liveVariation(descriptors: number[][]): number[][] {
  return descriptors.map((d) => d.map((v) => v + (Math.random() - 0.5) * 0.004));
}

/** Evidence for `challenge` from these descriptors (cycled over the descriptor frames). */
export function evidenceFor(
  challenge: FaceChallenge,
  descriptors: number[][],
  options: FrameOptions = {},
  scores: { consistency: number; antiSpoof: number | null; liveness: number | null } = {
    consistency: 0.3,
    antiSpoof: null,
    liveness: null,
  },
) {
  const frames = fittingFrames(challenge, options);
  const at = descriptorFrames(frames);
  return {
    challengeId: challenge.challengeId,
    frames,
    descriptors: descriptors.map((values, i) => ({ frame: at[i % at.length]!, values })),
    scores,
  };
}
