/**
 * The face engine in the renderer: face-api with the tfjs WASM backend, models and .wasm files from
 * the app's own files (bundled by Vite, see assets.ts), never from the network.
 *
 * Import: face-api's bundled ESM build (tfjs 4.22 with the WASM backend inside), loaded lazily so the
 * kiosk's first screen does not wait for 1.3 MB of script. Its own `tf` is the one the backend
 * registers against, so `faceapi.tf.setWasmPaths` + `setBackend('wasm')` act on the same instance.
 * (The "nobundle" build needs the full @tensorflow/tfjs package, which is not a dependency.)
 *
 * Privacy: frames are read from the video element into tensors and a few canvases in memory; no
 * frame, crop or landmark leaves this file except as numbers in the AttemptResult.
 */
import {
  defaultFaceConfig,
  type AttemptProgress,
  type AttemptResult,
  type FaceConfig,
  type FaceEngine,
  type AttemptChallenge,
} from './engine-types';
import {
  faceApiModuleUrl,
  faceModels,
  fetchBytes,
  humanModels,
  wasmPaths,
  type GraphModelAsset,
  type ModelAsset,
} from './assets';
import { analyseFaces, detectorOptions, type FaceApiModule } from './face-api-analyser';
import { advanceTrack, newTrack, nextRegion, REGION_INPUT_SIZE, toFrame, type TrackState } from './tracking';
import { eyeBoxes, eyeDarkLevel } from './liveness/eyes';
import { sharpnessOf } from './liveness/sharpness';
import type { Box } from './liveness/quality';
import {
  realClock,
  runAttemptLoop,
  type Clock,
  type FaceObservation,
  type FrameAnalyser,
} from './liveness/run-attempt';

export interface FaceEngineOptions {
  /** Load human's antispoof and liveness models for the passive signal (default true). */
  passive?: boolean;
  clock?: Clock;
  /** WebAssembly threads on a cross-origin isolated page (default: wasmThreadsFor(cores)). */
  threads?: number;
}

/** tfjs functions used here beyond face-api's typings (the bundled tf has the full API). */
interface TfExtra {
  setWasmPaths(paths: Record<string, string>): void;
  setThreadsCount(n: number): void;
  env(): { set(flag: string, value: boolean): void };
  getThreadsCount(): number;
  setBackend(name: string): Promise<boolean>;
  ready(): Promise<void>;
  getBackend(): string;
  memory(): { numTensors: number };
  loadGraphModel(handler: unknown): Promise<GraphModel>;
  io: {
    decodeWeights(data: ArrayBuffer, specs: unknown[]): Record<string, Tensor>;
    fromMemory(artifacts: { modelTopology: unknown; weightSpecs: unknown[]; weightData: ArrayBuffer }): unknown;
  };
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

/** What BrowserFaceEngine.timeLoop measured. */
export interface LoopTiming {
  framesPerSecond: number;
  /** Share of frames with one face and its colour reading. */
  withFace: number;
  /** Share of frames whose detector searched the whole frame (1 without tracking). */
  wholeFrame: number;
}

/** The engine with two extra handles for tests and the bench. */
export interface BrowserFaceEngine extends FaceEngine {
  /** Live tfjs tensors (flat across attempts when nothing leaks). */
  numTensors(): number;
  /** The tfjs backend in use ('wasm'). */
  backend(): string;
  /** WebAssembly threads the backend runs (1 unless the page is cross-origin isolated). */
  threads(): number;
  readonly config: FaceConfig;
  /** Mean ms per frame of detection + landmarks (the liveness loop) and with descriptors too (bench). */
  timeFrames(video: HTMLVideoElement, n: number): Promise<{ livenessMs: number; descriptorMs: number }>;
  /**
   * The liveness loop's frame analysis (detection, landmarks, eye and skin pixels, the screen-light
   * colour response) run back to back for `ms`, as the attempt runs it: frames per second,, the share
   * of frames with one face and its colour reading, the share searched on the whole frame.
   */
  timeLoop(video: HTMLVideoElement, ms: number): Promise<LoopTiming>;
}

/**
 * WebAssembly threads for the face models on a cross-origin isolated page: one core is left to the
 * page, the camera, the compositor and the host. On 2 cores that is one thread: two threads ran
 * slower there (bench/README.md, "Face engine frames"), as XNNPACK's workers spin for a core the
 * rest of the kiosk needs.
 */
export const wasmThreadsFor = (cores: number): number => Math.max(1, Math.min(4, (cores || 1) - 1));

/**
 * Runs `fn` while navigator.hardwareConcurrency reads `n`. tfjs's threaded build caps its pool at
 * half the logical cores (it assumes two hyper-threads a core: one thread on a 2-core kiosk) and
 * reads the count once, as the module starts; the page's own value is back when `fn` settles.
 */
async function withCoresSeenAs<T>(n: number, fn: () => Promise<T>): Promise<T> {
  if (n <= (navigator.hardwareConcurrency || 1)) return fn();
  Object.defineProperty(navigator, 'hardwareConcurrency', { value: n, configurable: true });
  try {
    return await fn();
  } finally {
    delete (navigator as { hardwareConcurrency?: number }).hardwareConcurrency;
  }
}

const THUMB_W = 64;
const THUMB_H = 48;
/**
 * How long the loop waits for the camera's next picture when the current one was analysed already:
 * a loop faster than the camera would otherwise send one picture's numbers (and descriptors) twice.
 */
const NEW_FRAME_WAIT_MS = 150;
const samePixels = (a: Uint8ClampedArray, b: Uint8ClampedArray): boolean =>
  a.length === b.length && a.every((v, i) => v === b[i]);

export function createFaceEngine(
  overrides: Partial<FaceConfig> = {},
  options: FaceEngineOptions = {},
): BrowserFaceEngine {
  const config: FaceConfig = { ...defaultFaceConfig, ...overrides };
  let faceapi: FaceApiModule | null = null;
  let tf: TfExtra | null = null;
  let passiveModels: { antispoof: GraphModel; liveness: GraphModel } | null = null;
  let loading: Promise<void> | null = null;
  const canvas = document.createElement('canvas');
  canvas.width = 32;
  canvas.height = 32;

  async function loadOnce(): Promise<void> {
    const url = new URL(faceApiModuleUrl, document.baseURI).href;
    const api = (await import(/* @vite-ignore */ url)) as unknown as FaceApiModule;
    const t = api.tf as unknown as TfExtra;
    t.setWasmPaths(wasmPaths);
    // A cross-origin isolated page has SharedArrayBuffer, so tfjs can load its threaded SIMD build;
    // with one thread the plain SIMD build runs (the threaded one is slower at one thread).
    const threads = globalThis.crossOriginIsolated
      ? (options.threads ?? wasmThreadsFor(navigator.hardwareConcurrency))
      : 1;
    if (threads > 1) t.setThreadsCount(threads);
    else t.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    if (!(await withCoresSeenAs(threads * 2, () => t.setBackend('wasm')))) throw new Error('wasm backend unavailable');
    await t.ready();
    const loadNet = async (net: { loadFromWeightMap(map: never): void }, asset: ModelAsset) =>
      net.loadFromWeightMap(t.io.decodeWeights(await fetchBytes(asset.binUrl), asset.specs) as never);
    const loadGraph = async (asset: GraphModelAsset) =>
      t.loadGraphModel(
        t.io.fromMemory({
          modelTopology: asset.modelTopology,
          weightSpecs: asset.specs,
          weightData: await fetchBytes(asset.binUrl),
        }),
      );
    await Promise.all([
      config.detector === 'tiny'
        ? loadNet(api.nets.tinyFaceDetector, faceModels.tinyFaceDetector)
        : loadNet(api.nets.ssdMobilenetv1, faceModels.ssdMobilenetv1),
      loadNet(api.nets.faceLandmark68Net, faceModels.faceLandmark68Net),
      loadNet(api.nets.faceRecognitionNet, faceModels.faceRecognitionNet),
    ]);
    if (options.passive !== false) {
      // An extra signal only: the attempt works without it (antiSpoof/liveness null).
      passiveModels = await Promise.all([loadGraph(humanModels.antispoof), loadGraph(humanModels.liveness)])
        .then(([antispoof, liveness]) => ({ antispoof, liveness }))
        .catch(() => null);
    }
    faceapi = api;
    tf = t;
  }

  /** Luminances of a box of the frame, drawn w x h on an in-memory canvas (never shown, never kept). */
  function luminances(video: CanvasImageSource, box: Box, w: number, h: number): number[] {
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) return [];
    ctx.drawImage(video, box.x, box.y, box.width, box.height, 0, 0, w, h);
    const px = ctx.getImageData(0, 0, w, h).data;
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    const out: number[] = [];
    for (let i = 0; i < px.length; i += 4) out.push(0.299 * px[i]! + 0.587 * px[i + 1]! + 0.114 * px[i + 2]!);
    return out;
  }
  /**
   * The screen-light reading (server/face/light.ts): mean RGB of the skin (the middle of the face
   * box: cheeks, nose, below the eyes) and of the frame outside the face box grown by a fifth, from
   * the frame drawn 64x48 on the in-memory canvas.
   */
  function colourResponse(
    video: HTMLVideoElement,
    box: Box,
    px: Uint8ClampedArray,
  ): { skin: [number, number, number]; bg: [number, number, number] } | undefined {
    const W = THUMB_W;
    const H = THUMB_H;
    const sx = W / video.videoWidth;
    const sy = H / video.videoHeight;
    const skin = [0, 0, 0, 0];
    const bg = [0, 0, 0, 0];
    const grow = 0.2;
    for (let y = 0; y < H; y++)
      for (let x = 0; x < W; x++) {
        const u = (x + 0.5) / sx;
        const v = (y + 0.5) / sy;
        const fx = (u - box.x) / box.width;
        const fy = (v - box.y) / box.height;
        const i = (y * W + x) * 4;
        const acc =
          fx > 0.25 && fx < 0.75 && fy > 0.35 && fy < 0.8
            ? skin
            : fx < -grow || fx > 1 + grow || fy < -grow || fy > 1 + grow
              ? bg
              : null;
        if (!acc) continue;
        acc[0]! += px[i]!;
        acc[1]! += px[i + 1]!;
        acc[2]! += px[i + 2]!;
        acc[3]!++;
      }
    if (skin[3] === 0 || bg[3] === 0) return undefined;
    const avg = (a: number[]): [number, number, number] => [a[0]! / a[3]!, a[1]! / a[3]!, a[2]! / a[3]!];
    return { skin: avg(skin), bg: avg(bg) };
  }

  const thumbCanvas = document.createElement('canvas');
  thumbCanvas.width = THUMB_W;
  thumbCanvas.height = THUMB_H;
  const frameCanvas = document.createElement('canvas');
  /**
   * Reads the video's picture once into an in-memory canvas (never shown, never kept) that the
   * region, the face and eye patches are drawn from. Returns it drawn 64x48 (the colour response
   * reads that) and a band of its raw pixels across the middle, which tells a new camera picture
   * (a sensor's noise changes raw pixels; a downscaled thumbnail averages it away).
   */
  function grab(video: HTMLVideoElement): { thumb: Uint8ClampedArray; band: Uint8ClampedArray } | null {
    const w = video.videoWidth;
    const h = video.videoHeight;
    if (frameCanvas.width !== w || frameCanvas.height !== h) {
      frameCanvas.width = w;
      frameCanvas.height = h;
    }
    const frame = frameCanvas.getContext('2d', { willReadFrequently: true });
    const ctx = thumbCanvas.getContext('2d', { willReadFrequently: true });
    if (!frame || !ctx || h < 8) return null;
    frame.drawImage(video, 0, 0);
    ctx.drawImage(frameCanvas, 0, 0, w, h, 0, 0, THUMB_W, THUMB_H);
    return {
      thumb: ctx.getImageData(0, 0, THUMB_W, THUMB_H).data,
      band: frame.getImageData(0, Math.floor(h / 2) - 4, w, 8).data,
    };
  }

  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

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

  let wholeFrameSearches = 0;
  /**
   * The faces of the video's current frame: the whole frame (face-api reads the video), or, when
   * tracking and no descriptor is asked for, the square around the last face (tracking.ts) drawn at
   * the detector's input size: one small read of the frame for the detector and the landmarks net.
   */
  async function facesOf(
    video: HTMLVideoElement,
    track: TrackState | null,
    withDescriptor: boolean,
  ): Promise<FaceObservation[]> {
    const api = faceapi!;
    const whole = () => analyseFaces(api, video, detectorOptions(api, config.detector), withDescriptor);
    if (!track) return whole();
    const region = withDescriptor ? null : nextRegion(track, video.videoWidth, video.videoHeight);
    let faces: FaceObservation[] = [];
    if (region) faces = await facesInRegion(video, region);
    const searchedWhole = faces.length !== 1;
    if (searchedWhole) faces = await whole();
    advanceTrack(track, faces, searchedWhole);
    if (searchedWhole) wholeFrameSearches++;
    return faces;
  }

  const regionCanvas = document.createElement('canvas');
  regionCanvas.width = REGION_INPUT_SIZE;
  regionCanvas.height = REGION_INPUT_SIZE;
  async function facesInRegion(video: HTMLVideoElement, region: Box): Promise<FaceObservation[]> {
    const ctx = regionCanvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) return [];
    const n = REGION_INPUT_SIZE;
    ctx.drawImage(frameCanvas, region.x, region.y, region.width, region.height, 0, 0, n, n);
    const input = tf!.browser.fromPixels(regionCanvas as never);
    try {
      const found = await analyseFaces(faceapi!, input as never, detectorOptions(faceapi!, 'tiny', n), false);
      return found.map((f) => ({
        ...f,
        box: toFrame(f.box, region, n),
        landmarks: f.landmarks.map((p) => toFrame(p, region, n)),
      }));
    } finally {
      input.dispose();
    }
  }

  /** Analyses the video's current frame for the liveness loop (one track per attempt). */
  function frameAnalyser(video: HTMLVideoElement, stream: MediaStream): FrameAnalyser {
    const track = config.trackRegion ? newTrack() : null;
    let previous: Uint8ClampedArray | null = null;
    /** This frame's thumbnail, after waiting (a while) for a picture not analysed before. */
    const newPicture = async (): Promise<Uint8ClampedArray | null> => {
      let px = grab(video);
      const until = performance.now() + NEW_FRAME_WAIT_MS;
      while (px && previous && samePixels(px.band, previous) && performance.now() < until) {
        await new Promise((r) => setTimeout(r, 5));
        px = grab(video);
      }
      previous = px?.band ?? null;
      return px?.thumb ?? null;
    };
    return {
      async analyse(withDescriptor) {
        if (!stream.getVideoTracks().some((t) => t.readyState === 'live')) throw new Error('camera ended');
        if (video.readyState < 2 || video.videoWidth === 0) return null;
        const px = await newPicture();
        const readAt = (options.clock ?? realClock).now();
        const faces = await facesOf(video, track, withDescriptor);
        let brightness: number | null = null;
        if (faces.length === 1) {
          const face = faces[0]!;
          const lum = luminances(frameCanvas, face.box, 32, 32);
          brightness = mean(lum);
          face.sharpness = sharpnessOf(lum);
          const colour = px ? colourResponse(video, face.box, px) : undefined;
          if (colour) face.colour = colour;
          const eyes = eyeBoxes(face.landmarks).flatMap((b) => luminances(frameCanvas, b, 24, 12));
          face.eyeDark = eyeDarkLevel(eyes, brightness);
        }
        return { width: video.videoWidth, height: video.videoHeight, faces, brightness, readAt };
      },
      passive: (box) => passiveScores(video, box),
    };
  }

  return {
    config,
    numTensors: () => tf?.memory().numTensors ?? 0,
    backend: () => tf?.getBackend() ?? 'none',
    threads: () => {
      try {
        return tf?.getThreadsCount() ?? 0;
      } catch {
        return 0;
      }
    },
    async timeFrames(video, n) {
      await this.load();
      const api = faceapi!;
      const opts = detectorOptions(api, config.detector);
      const time = async (withDescriptor: boolean) => {
        await analyseFaces(api, video, opts, withDescriptor); // warm-up
        const t0 = performance.now();
        for (let i = 0; i < n; i++) await analyseFaces(api, video, opts, withDescriptor);
        return (performance.now() - t0) / n;
      };
      return { livenessMs: await time(false), descriptorMs: await time(true) };
    },
    async timeLoop(video, ms) {
      await this.load();
      const analyser = frameAnalyser(video, video.srcObject as MediaStream);
      await analyser.analyse(false); // warm-up
      let frames = 0;
      let withFace = 0;
      wholeFrameSearches = 0;
      const t0 = performance.now();
      while (performance.now() - t0 < ms) {
        const f = await analyser.analyse(false);
        frames++;
        if (f?.faces.length === 1 && f.faces[0]!.colour) withFace++;
      }
      const seconds = (performance.now() - t0) / 1000;
      return {
        framesPerSecond: frames / seconds,
        withFace: withFace / frames,
        wholeFrame: config.trackRegion ? wholeFrameSearches / frames : 1,
      };
    },
    load() {
      loading ??= loadOnce().catch((error: unknown) => {
        loading = null;
        throw error;
      });
      return loading;
    },
    async runAttempt(
      video: HTMLVideoElement,
      challenge: AttemptChallenge,
      onProgress: (p: AttemptProgress) => void,
      signal: AbortSignal,
      onLightStart?: (at: number) => void,
    ): Promise<AttemptResult> {
      onProgress({ step: 'loading' });
      try {
        await this.load();
      } catch {
        return { outcome: 'failed', reason: 'modelsUnavailable', trace: null };
      }
      const stream = video.srcObject;
      if (!(stream instanceof MediaStream) || !stream.getVideoTracks().some((t) => t.readyState === 'live'))
        return { outcome: 'failed', reason: 'cameraUnavailable', trace: null };
      const analyser = frameAnalyser(video, stream);
      return runAttemptLoop(analyser, challenge, config, onProgress, signal, options.clock, onLightStart);
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
