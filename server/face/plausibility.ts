/**
 * Whether a frame series looks like a live camera analysed in real time rather than numbers made
 * up: time runs forward at a camera's pace and with a real loop's jitter (not a timer's perfect
 * regularity), the face box and pose carry a detector's frame-to-frame noise (not an interpolated
 * curve or a constant), and frames do not repeat exactly. A fully compromised terminal can add
 * noise to synthetic numbers; these rules raise the cost, they do not make it impossible. Pure.
 */
import type { FaceFrame } from '../../contracts/face-challenge';

export interface PlausibilityRules {
  /** Fewest frames an attempt must carry. */
  minFrames: number;
  /** Shortest gap between two frames (a faster loop than the engine can run is made up). */
  minFrameGapMs: number;
  /** Smallest coefficient of variation of the frame gaps (a live loop jitters). */
  minGapVariation: number;
  /** Smallest median residual of the face box centre (share of the box width) off the line of its neighbours. */
  minBoxJitter: number;
  /** Largest share of frames that repeat the previous frame's numbers exactly. */
  maxRepeatedFrames: number;
}

export type Implausible = 'tooFewFrames' | 'timeNotForward' | 'tooFast' | 'tooRegular' | 'tooSmooth' | 'repeated';

const median = (xs: number[]): number => {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

const same = (a: FaceFrame, b: FaceFrame): boolean =>
  a.ear === b.ear && a.mar === b.mar && a.yaw === b.yaw && a.box.every((v, i) => v === b.box[i]);

/** The first rule the series breaks, or null. `elapsedMs`: time from the challenge's issue to now. */
export function implausible(
  frames: readonly FaceFrame[],
  elapsedMs: number,
  rules: PlausibilityRules,
): Implausible | null {
  if (frames.length < rules.minFrames) return 'tooFewFrames';
  const gaps: number[] = [];
  for (let i = 1; i < frames.length; i++) gaps.push(frames[i]!.t - frames[i - 1]!.t);
  if (gaps.some((g) => g <= 0) || frames[frames.length - 1]!.t > elapsedMs) return 'timeNotForward';
  if (median(gaps) < rules.minFrameGapMs) return 'tooFast';
  const mean = gaps.reduce((s, g) => s + g, 0) / gaps.length;
  const sd = Math.sqrt(gaps.reduce((s, g) => s + (g - mean) ** 2, 0) / gaps.length);
  if (sd / mean < rules.minGapVariation) return 'tooRegular';
  let repeats = 0;
  for (let i = 1; i < frames.length; i++) if (same(frames[i]!, frames[i - 1]!)) repeats++;
  if (repeats / (frames.length - 1) > rules.maxRepeatedFrames) return 'repeated';
  const residuals: number[] = [];
  for (let i = 1; i + 1 < frames.length; i++) {
    const [a, b, c] = [frames[i - 1]!, frames[i]!, frames[i + 1]!];
    const cx = (f: FaceFrame) => f.box[0] + f.box[2] / 2;
    const cy = (f: FaceFrame) => f.box[1] + f.box[3] / 2;
    const rx = cx(b) - (cx(a) + cx(c)) / 2;
    const ry = cy(b) - (cy(a) + cy(c)) / 2;
    residuals.push(Math.hypot(rx, ry) / b.box[2]);
  }
  if (median(residuals) < rules.minBoxJitter) return 'tooSmooth';
  return null;
}
