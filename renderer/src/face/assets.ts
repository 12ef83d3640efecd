/**
 * The face engine's files, bundled by Vite from node_modules: the .bin weights and .wasm binaries
 * become files of the built app (dist/renderer/assets/*, hashed names), the small JSON manifests
 * are inlined. Nothing is fetched from another origin. Weights are fetched by URL and decoded here
 * (not with face-api's loadFromUri) because the hashed file names no longer match the manifests.
 */
import tinyManifest from '@vladmandic/face-api/model/tiny_face_detector_model-weights_manifest.json';
import tinyBin from '@vladmandic/face-api/model/tiny_face_detector_model.bin?url';
import ssdManifest from '@vladmandic/face-api/model/ssd_mobilenetv1_model-weights_manifest.json';
import ssdBin from '@vladmandic/face-api/model/ssd_mobilenetv1_model.bin?url';
import landmarkManifest from '@vladmandic/face-api/model/face_landmark_68_model-weights_manifest.json';
import landmarkBin from '@vladmandic/face-api/model/face_landmark_68_model.bin?url';
import recognitionManifest from '@vladmandic/face-api/model/face_recognition_model-weights_manifest.json';
import recognitionBin from '@vladmandic/face-api/model/face_recognition_model.bin?url';
// human's package "exports" do not list models/, so these are reached by path.
import antispoofJson from '../../../node_modules/@vladmandic/human/models/antispoof.json';
import antispoofBin from '../../../node_modules/@vladmandic/human/models/antispoof.bin?url';
import livenessJson from '../../../node_modules/@vladmandic/human/models/liveness.json';
import livenessBin from '../../../node_modules/@vladmandic/human/models/liveness.bin?url';
// face-api's own bundled ES module, served as the file it is (not re-bundled): Vite's minifier
// folds tfjs's `typeof x != "undefined"` guards in the Emscripten factory that the threaded
// backend stringifies into its worker, where the folded name is then undefined.
import faceApiScript from '@vladmandic/face-api/dist/face-api.esm.js?url';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

export interface WeightsSpec {
  name: string;
  shape: number[];
  dtype: string;
  quantization?: unknown;
}
interface Manifest {
  weights: WeightsSpec[];
}

export interface ModelAsset {
  specs: WeightsSpec[];
  binUrl: string;
}

const face = (manifest: Manifest[], binUrl: string): ModelAsset => ({
  specs: manifest.flatMap((m) => m.weights),
  binUrl,
});

export const faceModels = {
  tinyFaceDetector: face(tinyManifest as Manifest[], tinyBin),
  ssdMobilenetv1: face(ssdManifest as Manifest[], ssdBin),
  faceLandmark68Net: face(landmarkManifest as Manifest[], landmarkBin),
  faceRecognitionNet: face(recognitionManifest as Manifest[], recognitionBin),
};

export interface GraphModelAsset {
  modelTopology: unknown;
  specs: WeightsSpec[];
  binUrl: string;
}

const graph = (json: { modelTopology: unknown; weightsManifest: Manifest[] }, binUrl: string): GraphModelAsset => ({
  modelTopology: json.modelTopology,
  specs: json.weightsManifest.flatMap((m) => m.weights),
  binUrl,
});

/** @vladmandic/human's passive models (an extra signal only). */
export const humanModels = {
  antispoof: graph(antispoofJson as never, antispoofBin),
  liveness: graph(livenessJson as never, livenessBin),
};

/** URL of face-api's ES module (tfjs 4.22 with the WASM backend inside), for a dynamic import(). */
export const faceApiModuleUrl: string = faceApiScript;

/** setWasmPaths() map: tfjs picks the SIMD build where the browser has SIMD (Chromium does). */
export const wasmPaths = {
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
};

/** Fetches a weights file from the app's own files; resolved against the page, same origin. */
export async function fetchBytes(url: string): Promise<ArrayBuffer> {
  const target = new URL(url, document.baseURI);
  // The only fetch in the app: face model weights from the app's own files, never another origin.
  if (target.origin !== new URL(document.baseURI).origin) throw new Error('face assets come from the app only');
  const res = await fetch(target);
  if (!res.ok) throw new Error(`face asset ${res.status}`);
  return res.arrayBuffer();
}
