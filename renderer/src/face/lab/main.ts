/**
 * Face engine lab (face-lab.html): the camera, one attempt at a time, the figures. For tuning the
 * thresholds at a hall and for the browser tests, which drive it through `window.faceLab`. Shows
 * numbers only; frames stay in the video element.
 */
import { createFaceEngine, type BrowserFaceEngine, type LoopTiming } from '../engine';
import {
  randomChallenge,
  type AttemptProgress,
  type AttemptResult,
  type FaceConfig,
  type LivenessAction,
} from '../engine-types';

export interface FaceLab {
  /** Opens the camera and loads the models. */
  start(
    config?: Partial<FaceConfig>,
    threads?: number,
  ): Promise<{ backend: string; threads: number; isolated: boolean; width: number; height: number }>;
  attempt(challenge?: LivenessAction[]): Promise<{ result: AttemptResult; progress: AttemptProgress[] }>;
  numTensors(): number;
  /** Milliseconds per liveness frame (detection + landmarks) and per descriptor frame, over n frames. */
  timeFrames(n: number): Promise<{ livenessMs: number; descriptorMs: number }>;
  /** The liveness loop's frame analysis back to back for `ms` (see BrowserFaceEngine.timeLoop). */
  timeLoop(ms: number): Promise<LoopTiming>;
}

declare global {
  interface Window {
    faceLab: FaceLab;
  }
}

const video = document.getElementById('camera') as HTMLVideoElement;
const status = document.getElementById('status')!;
const out = document.getElementById('result')!;
let engine: BrowserFaceEngine | null = null;

const describe = (p: AttemptProgress): string =>
  p.step === 'quality'
    ? `quality: ${p.problem ?? 'ok'}`
    : p.step === 'action'
      ? `action ${p.index + 1}/${p.of}: ${p.action} (${Math.ceil(p.remainingMs / 1000)} s)`
      : p.step;

window.faceLab = {
  async start(config = {}, threads) {
    const stream = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 }, audio: false });
    video.srcObject = stream;
    await video.play();
    engine = createFaceEngine(config, threads === undefined ? {} : { threads });
    await engine.load();
    status.textContent = `ready (${engine.backend()})`;
    return {
      backend: engine.backend(),
      threads: engine.threads(),
      isolated: globalThis.crossOriginIsolated,
      width: video.videoWidth,
      height: video.videoHeight,
    };
  },
  async attempt(challenge) {
    if (!engine) throw new Error('start first');
    const progress: AttemptProgress[] = [];
    const result = await engine.runAttempt(
      video,
      {
        actions: challenge ?? randomChallenge(engine.config.challengeLength),
        actionTimeoutMs: engine.config.actionTimeoutMs,
      },
      (p) => {
        progress.push(p);
        status.textContent = describe(p);
      },
      new AbortController().signal,
    );
    status.textContent = result.outcome === 'captured' ? 'captured' : `failed: ${result.reason}`;
    out.textContent = JSON.stringify(
      result.outcome === 'captured' ? { ...result, descriptors: `${result.descriptors.length} x 128` } : result,
      null,
      2,
    );
    return { result, progress };
  },
  numTensors: () => engine?.numTensors() ?? 0,
  async timeFrames(n) {
    if (!engine) throw new Error('start first');
    return engine.timeFrames(video, n);
  },
  async timeLoop(ms) {
    if (!engine) throw new Error('start first');
    return engine.timeLoop(video, ms);
  },
};
