/**
 * The face engine in the renderer: face-api with the tfjs WASM backend, models and .wasm files from
 * the app's own folder `face/` (copied there by renderer/vite.config.ts), never from the network.
 *
 * Import: face-api's bundled ESM build (tfjs 4.22 with the WASM backend inside), loaded lazily so the
 * kiosk's first screen does not wait for 1.3 MB of script. Its own `tf` is the one the backend
 * registers against, so `faceapi.tf.setWasmPaths` + `setBackend('wasm')` act on the same instance.
 * (The "nobundle" build needs the full @tensorflow/tfjs package, which is not a dependency.)
 *
 * Privacy: frames are read from the video element into tensors and one small canvas in memory; no
 * frame, crop or landmark leaves this file except as numbers in the AttemptResult.
 */
import type * as FaceApi from '@vladmandic/face-api';
import {
  defaultFaceConfig,
  type AttemptProgress,
  type AttemptResult,
  type FaceConfig,
  type FaceEngine,
  type LivenessAction,
} from './engine-types';
import { analyseFaces, detectorOptions, type FaceApiModule } from './face-api-analyser';
import type { Box } from './liveness/quality';
import { runAttemptLoop, type FrameAnalyser, type Clock } from './liveness/run-attempt';

export interface FaceEngineOptions {
  /** Where the face assets are served: `face/` next to the page by default. */
  assetBase?: string;
  /** Load human's antispoof and liveness models for the passive signal (default true). */
  passive?: boolean;
  clock?: Clock;
}

/** tfjs functions used here beyond face-api's typings (the bundled tf has the full API). */
interface TfExtra {
  setWasmPaths(prefix: string): void;
  setBackend(name: string): Promise<boolean>;
  ready(): Promise<void>;
  getBackend(): string;
  memory(): { numTensors: number };
  loadGraphModel(url: string): Promise<GraphModel>;
  browser: { fromPixels(source: HTMLVideoElement): Tensor };
  image: { cropAndResize(img: Tensor, boxes: Tensor, idx: Tensor, size: [number, number]): Tensor };
  tensor2d(values: number[][]): Tensor;
  tensor1d(values: number[], dtype: 'int32'): Tensor;
  tidy<T>(fn: () => T): T;
}
interface Tensor {
  dispose(): void;
  data(): Promise<Float32Array>;
  expandDims(axis: number): Tensor;
  toFloat(): Tensor;
  div(n: number): Tensor;
  shape: number[];
}
interface GraphModel {
  execute(input: Tensor): Tensor;
  dispose(): void;
}

/** The engine with two extra handles for tests and the bench. */
export interface BrowserFaceEngine extends FaceEngine {
  /** Live tfjs tensors (flat across attempts when nothing leaks). */
  numTensors(): number;
  /** The tfjs backend in use ('wasm'). */
  backend(): string;
  readonly config: FaceConfig;
}

export function createFaceEngine(
  overrides: Partial<FaceConfig> = {},
  options: FaceEngineOptions = {},
): BrowserFaceEngine {
  const config: FaceConfig = { ...defaultFaceConfig, ...overrides };
  const base = new URL(options.assetBase ?? 'face/', document.baseURI).href;
  let faceapi: FaceApiModule | null = null;
  let tf: TfExtra | null = null;
  let passiveModels: { antispoof: GraphModel; liveness: GraphModel } | null = null;
  let loading: Promise<void> | null = null;
  const canvas = document.createElement('canvas');
  canvas.width = 32;
  canvas.height = 32;

  async function loadOnce(): Promise<void> {
    const api = (await import('@vladmandic/face-api/dist/face-api.esm.js')) as unknown as FaceApiModule;
    const t = api.tf as unknown as TfExtra;
    t.setWasmPaths(`${base}wasm/`);
    if (!(await t.setBackend('wasm'))) throw new Error('wasm backend unavailable');
    await t.ready();
    const models = `${base}models`;
    const detector = config.detector === 'tiny' ? api.nets.tinyFaceDetector : api.nets.ssdMobilenetv1;
    await Promise.all([
      detector.loadFromUri(models),
      api.nets.faceLandmark68Net.loadFromUri(models),
      api.nets.faceRecognitionNet.loadFromUri(models),
    ]);
    if (options.passive !== false) {
      // An extra signal only: the attempt works without it (antiSpoof/liveness null).
      passiveModels = await Promise.all([
        t.loadGraphModel(`${base}human/antispoof.json`),
        t.loadGraphModel(`${base}human/liveness.json`),
      ])
        .then(([antispoof, liveness]) => ({ antispoof, liveness }))
        .catch(() => null);
    }
    faceapi = api;
    tf = t;
  }

  /** Mean luminance of the face box, from a 32x32 copy drawn on an in-memory canvas. */
  function brightness(video: HTMLVideoElement, box: Box): number | null {
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) return null;
    ctx.drawImage(video, box.x, box.y, box.width, box.height, 0, 0, 32, 32);
    const px = ctx.getImageData(0, 0, 32, 32).data;
    let sum = 0;
    for (let i = 0; i < px.length; i += 4) sum += 0.299 * px[i]! + 0.587 * px[i + 1]! + 0.114 * px[i + 2]!;
    ctx.clearRect(0, 0, 32, 32);
    return sum / (px.length / 4);
  }

  async function passiveScores(
    video: HTMLVideoElement,
    box: Box,
  ): Promise<{ antiSpoof: number; liveness: number } | null> {
    if (!tf || !passiveModels) return null;
    const t = tf;
    const models = passiveModels;
    const w = video.videoWidth;
    const h = video.videoHeight;
    const crop = [box.y / h, box.x / w, (box.y + box.height) / h, (box.x + box.width) / w];
    const [a, l] = t.tidy(() => {
      const frame = t.browser.fromPixels(video).toFloat().div(255).expandDims(0);
      const boxes = t.tensor2d([crop]);
      const idx = t.tensor1d([0], 'int32');
      return [
        models.antispoof.execute(t.image.cropAndResize(frame, boxes, idx, [128, 128])),
        models.liveness.execute(t.image.cropAndResize(frame, boxes, idx, [32, 32])),
      ];
    });
    try {
      return { antiSpoof: (await a.data())[0]!, liveness: (await l.data())[0]! };
    } finally {
      a.dispose();
      l.dispose();
    }
  }

  return {
    config,
    numTensors: () => tf?.memory().numTensors ?? 0,
    backend: () => tf?.getBackend() ?? 'none',
    load() {
      loading ??= loadOnce().catch((error: unknown) => {
        loading = null;
        throw error;
      });
      return loading;
    },
    async runAttempt(
      video: HTMLVideoElement,
      challenge: LivenessAction[],
      onProgress: (p: AttemptProgress) => void,
      signal: AbortSignal,
    ): Promise<AttemptResult> {
      onProgress({ step: 'loading' });
      try {
        await this.load();
      } catch {
        return { outcome: 'failed', reason: 'modelsUnavailable', trace: null };
      }
      const api = faceapi!;
      const stream = video.srcObject;
      if (!(stream instanceof MediaStream) || !stream.getVideoTracks().some((t) => t.readyState === 'live'))
        return { outcome: 'failed', reason: 'cameraUnavailable', trace: null };
      const opts: FaceApi.TinyFaceDetectorOptions | FaceApi.SsdMobilenetv1Options = detectorOptions(
        api,
        config.detector,
      );
      const analyser: FrameAnalyser = {
        async analyse(withDescriptor) {
          if (!stream.getVideoTracks().some((t) => t.readyState === 'live')) throw new Error('camera ended');
          if (video.readyState < 2 || video.videoWidth === 0) return null;
          const faces = await analyseFaces(api, video, opts, withDescriptor);
          return {
            width: video.videoWidth,
            height: video.videoHeight,
            faces,
            brightness: faces.length === 1 ? brightness(video, faces[0]!.box) : null,
          };
        },
        passive: (box) => passiveScores(video, box),
      };
      return runAttemptLoop(analyser, challenge, config, onProgress, signal, options.clock);
    },
    dispose() {
      if (faceapi) {
        for (const net of Object.values(faceapi.nets)) if (net.isLoaded) net.dispose();
      }
      passiveModels?.antispoof.dispose();
      passiveModels?.liveness.dispose();
      passiveModels = null;
      faceapi = null;
      loading = null;
    },
  };
}
