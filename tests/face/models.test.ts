// face-api's real models (WASM backend, in Node) on real photos: who matches whom at the configured
// threshold, and that repeated attempts leave no tensors behind. Photos are decoded in memory.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultFaceConfig, type FaceConfig } from '../../renderer/src/face/engine-types';
import { euclidean } from '../../renderer/src/face/liveness/consistency';
import { runAttemptLoop, type Clock } from '../../renderer/src/face/liveness/run-attempt';
import { analyseImage, decodeImage, loadNodeFaceApi, MEDIA_DIR, photoAnalyser, type RgbImage } from './node-face';

const PHOTOS = {
  franck1: 'franck_01829.jpg',
  franck2: 'franck_03909.jpg',
  sean1: 'SeanConnery.jpg',
  sean2: 'sean_guru2_crop.jpg',
  cage1: 'cage.jpg',
  cage2: 'cage2_crop.jpg',
  audrey: 'audrey.jpg',
} as const;
type Who = keyof typeof PHOTOS;

const descriptors = new Map<Who, number[]>();
let images: Map<Who, RgbImage>;

beforeAll(async () => {
  await loadNodeFaceApi();
  images = new Map(Object.entries(PHOTOS).map(([k, f]) => [k as Who, decodeImage(path.join(MEDIA_DIR, f))]));
  for (const [who, img] of images) {
    const f = await analyseImage(img, 'tiny', true);
    expect(f.faces, who).toHaveLength(1);
    descriptors.set(who, f.faces[0]!.descriptor!);
  }
}, 120_000);

const d = (a: Who, b: Who) => euclidean(descriptors.get(a)!, descriptors.get(b)!);

describe('face descriptors (face_recognition_model, tiny detector)', () => {
  it('match the same person and tell different people apart at consistencyMaxDistance', () => {
    const same: Array<[Who, Who]> = [
      ['franck1', 'franck2'],
      ['sean1', 'sean2'],
      ['cage1', 'cage2'],
    ];
    const people = ['franck1', 'sean1', 'cage1', 'audrey', 'sean2', 'cage2'] as const;
    const different: Array<[Who, Who]> = [];
    for (const a of people)
      for (const b of people) if (a < b && a.slice(0, 4) !== b.slice(0, 4)) different.push([a, b]);
    const table = [...same, ...different].map(([a, b]) => `${a}-${b} ${d(a, b).toFixed(3)}`);
    console.log(`descriptor distances: ${table.join(', ')}`);
    for (const [a, b] of same) expect(d(a, b), `${a}-${b}`).toBeLessThan(defaultFaceConfig.consistencyMaxDistance);
    for (const [a, b] of different)
      expect(d(a, b), `${a}-${b}`).toBeGreaterThanOrEqual(defaultFaceConfig.consistencyMaxDistance);
  });
});

/**
 * A leak of even one tensor per attempt shows after two attempts; 40 attempts also catch one that
 * appears only now and then. `FACE_SOAK_ATTEMPTS=200` runs the long soak.
 */
const SOAK_ATTEMPTS = Number(process.env.FACE_SOAK_ATTEMPTS ?? 40);

describe('tensors across attempts', () => {
  it(`stay flat over ${SOAK_ATTEMPTS} attempts on a still photo (quality, descriptor, the first action, timeout)`, async () => {
    const { tf } = await loadNodeFaceApi();
    // A small copy of the photo and a small detector input keep the attempts quick on a busy 2-core machine.
    const small = decodeImage(path.join(MEDIA_DIR, 'SeanConnery.jpg'), undefined, 200);
    const cfg: FaceConfig = { ...defaultFaceConfig, actionTimeoutMs: 1 };
    let now = 0;
    const clock: Clock = { now: () => now, wait: async (ms) => void (now += ms) };
    const counts: number[] = [];
    for (let i = 0; i < SOAK_ATTEMPTS; i++) {
      const analyser = photoAnalyser([small], 'tiny', 160);
      const timed = { analyse: async (w: boolean) => ((now += 1), analyser.analyse(w)) };
      const result = await runAttemptLoop(
        timed,
        { actions: ['blink', 'turnLeft'], actionTimeoutMs: cfg.actionTimeoutMs },
        cfg,
        () => {},
        new AbortController().signal,
        clock,
      );
      expect(result).toMatchObject({ outcome: 'failed', reason: 'actionTimeout' });
      counts.push(tf.memory().numTensors);
    }
    const half = Math.floor(SOAK_ATTEMPTS / 2);
    console.log(
      `numTensors after attempts 1, ${half + 1}, ${SOAK_ATTEMPTS}: ${counts[0]}, ${counts[half]}, ${counts.at(-1)}`,
    );
    expect(new Set(counts).size).toBe(1);
  }, 900_000);
});
