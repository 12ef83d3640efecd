/** Recorded landmark sequences (tests/face/fixtures/*.json, made by record-fixtures.ts) as engine input. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FaceMetrics, Point } from '../../renderer/src/face/liveness/geometry';
import { faceMetrics } from '../../renderer/src/face/liveness/geometry';
import type { FaceObservation, FrameObservation } from '../../renderer/src/face/liveness/run-attempt';

export interface LandmarkFixture {
  source: string;
  fps: number;
  width: number;
  height: number;
  /** Per frame, the faces found: box [x, y, w, h], 68 landmarks as x0, y0, x1, y1 ..., eye dark level. */
  frames: Array<Array<{ box: number[]; landmarks: number[]; eyeDark: number; brightness: number }>>;
}

export function loadFixture(name: string): LandmarkFixture {
  return JSON.parse(
    readFileSync(path.join(import.meta.dirname, 'fixtures', `${name}.json`), 'utf8'),
  ) as LandmarkFixture;
}

export function toPoints(flat: number[]): Point[] {
  const out: Point[] = [];
  for (let i = 0; i < flat.length; i += 2) out.push({ x: flat[i]!, y: flat[i + 1]! });
  return out;
}

/** The fixture's frames as analyser observations (no descriptors). */
export function observations(f: LandmarkFixture): FrameObservation[] {
  return f.frames.map((faces) => ({
    width: f.width,
    height: f.height,
    faces: faces.map((x): FaceObservation => ({
      box: { x: x.box[0]!, y: x.box[1]!, width: x.box[2]!, height: x.box[3]! },
      landmarks: toPoints(x.landmarks),
      eyeDark: x.eyeDark,
    })),
    brightness: faces.length === 1 ? faces[0]!.brightness : null,
  }));
}

/** Metrics of the single face of each frame (frames without exactly one face are left out). */
export function metricsOf(f: LandmarkFixture): FaceMetrics[] {
  return f.frames
    .filter((faces) => faces.length === 1)
    .map((faces) => ({ ...faceMetrics(toPoints(faces[0]!.landmarks)), eyeDark: faces[0]!.eyeDark }));
}
