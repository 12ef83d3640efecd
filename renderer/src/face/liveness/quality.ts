/** Quality gate before the challenge, judged from numbers only (pure). */
import type { FaceConfig, QualityProblem } from '../engine-types';

/** A face box in frame pixels. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface QualityInput {
  frameWidth: number;
  frameHeight: number;
  /** Boxes of every face found in the frame. */
  boxes: readonly Box[];
  /** Yaw of the single face (-1..1), when there is one. */
  yaw: number | null;
  /** Mean luminance 0-255 inside the single face's box, when there is one. */
  brightness: number | null;
}

/** Largest offset of the face centre from the frame centre, as a share of the frame size. */
export const MAX_CENTRE_OFFSET = 0.2;

/** The first problem a person should fix, in the order they can fix them; null when the frame is good. */
export function judgeQuality(
  q: QualityInput,
  cfg: Pick<FaceConfig, 'minFaceRatio' | 'maxYawForFrontal' | 'minBrightness'>,
): QualityProblem | null {
  if (q.boxes.length === 0) return 'noFace';
  if (q.boxes.length > 1) return 'manyFaces';
  const box = q.boxes[0]!;
  if (box.width / q.frameWidth < cfg.minFaceRatio) return 'tooFar';
  const dx = (box.x + box.width / 2) / q.frameWidth - 0.5;
  const dy = (box.y + box.height / 2) / q.frameHeight - 0.5;
  if (Math.abs(dx) > MAX_CENTRE_OFFSET || Math.abs(dy) > MAX_CENTRE_OFFSET) return 'notCentered';
  if (q.yaw !== null && Math.abs(q.yaw) > cfg.maxYawForFrontal) return 'notFrontal';
  if (q.brightness !== null && q.brightness < cfg.minBrightness) return 'tooDark';
  return null;
}
