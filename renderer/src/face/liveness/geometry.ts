/**
 * Face geometry from face-api's 68 landmarks (iBUG 300-W numbering), pure math, no tfjs.
 *
 * Coordinates are those of the raw camera frame (not the mirrored preview). Indexes: jaw 0-16
 * (0 on the image's left), nose tip 30, eyes 36-41 (image left) and 42-47, inner lips 60-67.
 */

export interface Point {
  x: number;
  y: number;
}

/** The three numbers the liveness detectors follow from frame to frame. */
export interface FaceMetrics {
  /** Mean eye aspect ratio of both eyes (about 0.3 open, below 0.2 closed). */
  ear: number;
  /** Inner-mouth aspect ratio (about 0 closed, above 0.5 wide open). */
  mar: number;
  /**
   * Head yaw on a -1..1 scale from where the nose tip sits between the two jaw ends, measured along
   * the jaw line (so head roll does not count). 0 is frontal. Positive: the nose is towards the image's
   * right, which on a raw (unmirrored) camera frame means the person turned to THEIR OWN LEFT.
   */
  yaw: number;
  /** Eye dark level from the pixels (see eyes.ts), when the analyser measured it. */
  eyeDark?: number;
}

const dist = (a: Point, b: Point): number => Math.hypot(a.x - b.x, a.y - b.y);

/** Eye aspect ratio (Soukupová and Čech 2016) of six eye points p1..p6. */
export function eyeAspectRatio(eye: readonly Point[]): number {
  const [p1, p2, p3, p4, p5, p6] = eye as [Point, Point, Point, Point, Point, Point];
  const width = dist(p1, p4);
  return width === 0 ? 0 : (dist(p2, p6) + dist(p3, p5)) / (2 * width);
}

/** Inner-mouth aspect ratio from the eight inner-lip points 60..67. */
export function mouthAspectRatio(inner: readonly Point[]): number {
  const [p60, p61, p62, p63, p64, p65, p66, p67] = inner as [Point, Point, Point, Point, Point, Point, Point, Point];
  const width = dist(p60, p64);
  return width === 0 ? 0 : (dist(p61, p67) + dist(p62, p66) + dist(p63, p65)) / (2 * width);
}

/** Yaw, -1..1, from the nose tip's position between jaw points 0 and 16 (see FaceMetrics.yaw). */
export function headYaw(points: readonly Point[]): number {
  const a = points[0]!;
  const b = points[16]!;
  const nose = points[30]!;
  const ux = b.x - a.x;
  const uy = b.y - a.y;
  const len2 = ux * ux + uy * uy;
  if (len2 === 0) return 0;
  const along = ((nose.x - a.x) * ux + (nose.y - a.y) * uy) / len2;
  return Math.max(-1, Math.min(1, 2 * along - 1));
}

/** EAR, MAR and yaw of one face from its 68 landmarks. */
export function faceMetrics(points: readonly Point[]): FaceMetrics {
  if (points.length !== 68) throw new Error(`expected 68 landmarks, got ${points.length}`);
  const ear = (eyeAspectRatio(points.slice(36, 42)) + eyeAspectRatio(points.slice(42, 48))) / 2;
  return { ear, mar: mouthAspectRatio(points.slice(60, 68)), yaw: headYaw(points) };
}
