/**
 * face-api's part of a frame analysis: faces, their 68 landmarks and (when asked) descriptors, as
 * plain numbers. The same code runs in the renderer (on the video element) and in Node tests and the
 * bench (on a tensor of a decoded photo), so what is tested is what the kiosk runs.
 */
import type * as FaceApi from '@vladmandic/face-api';
import type { FaceConfig } from './engine-types';
import type { FaceObservation } from './liveness/run-attempt';

export type FaceApiModule = typeof FaceApi;

/** Tiny detector input size: 320 is face-api's balance of speed and small faces (see bench/README.md). */
export const TINY_INPUT_SIZE = 320;

/** The models the engine needs, by face-api's file name prefix. */
export const FACE_MODEL_FILES = [
  'tiny_face_detector_model',
  'ssd_mobilenetv1_model',
  'face_landmark_68_model',
  'face_recognition_model',
] as const;

export function detectorOptions(
  faceapi: FaceApiModule,
  detector: FaceConfig['detector'],
  tinyInputSize = TINY_INPUT_SIZE,
): FaceApi.TinyFaceDetectorOptions | FaceApi.SsdMobilenetv1Options {
  return detector === 'tiny'
    ? new faceapi.TinyFaceDetectorOptions({ inputSize: tinyInputSize, scoreThreshold: 0.5 })
    : new faceapi.SsdMobilenetv1Options({ minConfidence: 0.5 });
}

/** Faces in one input; face-api disposes its own intermediate tensors, the caller owns `input`. */
export async function analyseFaces(
  faceapi: FaceApiModule,
  input: FaceApi.TNetInput,
  options: FaceApi.TinyFaceDetectorOptions | FaceApi.SsdMobilenetv1Options,
  withDescriptor: boolean,
): Promise<FaceObservation[]> {
  const task = faceapi.detectAllFaces(input, options).withFaceLandmarks();
  const results = withDescriptor ? await task.withFaceDescriptors() : await task;
  return results.map((r) => {
    const b = r.detection.box;
    const face: FaceObservation = {
      box: { x: b.x, y: b.y, width: b.width, height: b.height },
      landmarks: r.landmarks.positions.map((p) => ({ x: p.x, y: p.y })),
    };
    if ('descriptor' in r) face.descriptor = Array.from(r.descriptor as Float32Array);
    return face;
  });
}
