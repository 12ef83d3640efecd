/**
 * Screen-light response (after Face Flashing, Tang et al., NDSS 2018, and the chromaticity view of
 * remote photoplethysmography, de Haan & Jeanne 2013): a face half a metre from a bright screen
 * takes on the screen's colour, the room behind it much less. Per frame the renderer sends the mean
 * RGB of the face's skin and of the background; the server turns both into chromaticity (r and b
 * shares of the sum, so brightness and the camera's exposure cancel), takes the face's relative to
 * the background (so the camera's white balance and room light cancel), and correlates it with the
 * chromaticity of the colour its own sequence showed at that moment, allowing for the camera's
 * delay. A recording made under another sequence, or a screen that emits its own light, does not
 * follow this one. Pure.
 */
import type { FaceFrame, LightStep } from '../../contracts/face-challenge';

export interface LightRules {
  /** Smallest correlation (mean of the r and b chromaticity correlations) accepted. */
  minLightCorrelation: number;
  /** Smallest gain (face chromaticity change per screen chromaticity change) accepted. */
  minLightGain: number;
  /** Longest camera-and-display delay searched. */
  maxLightLagMs: number;
  /** Fewest distinct colour fields the frames must span. */
  minLightSteps: number;
}

export interface LightScore {
  correlation: number;
  gain: number;
  lagMs: number;
  steps: number;
}

type Chroma = [number, number];

/** The r and b shares of a colour (0 for black). */
export function chroma([r, g, b]: readonly [number, number, number]): Chroma {
  const sum = r + g + b;
  return sum > 0 ? [r / sum, b / sum] : [0, 0];
}

/** Index of the colour field shown at `t` ms (-1 after the sequence: white). */
export function stepAt(light: readonly LightStep[], t: number): number {
  let end = 0;
  for (let i = 0; i < light.length; i++) {
    end += light[i]!.ms;
    if (t < end) return i;
  }
  return -1;
}

function pearson(x: readonly number[], y: readonly number[]): { r: number; slope: number } {
  const n = x.length;
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return { r: 0, slope: 0 };
  return { r: sxy / Math.sqrt(sxx * syy), slope: sxy / sxx };
}

/** How well the frames' colour response follows the sequence, at the best delay. */
export function lightScore(frames: readonly FaceFrame[], light: readonly LightStep[], rules: LightRules): LightScore {
  const measured = frames.map((f) => {
    const skin = chroma(f.skin);
    const bg = chroma(f.bg);
    return [skin[0] - bg[0], skin[1] - bg[1]] as Chroma;
  });
  let best: LightScore = { correlation: 0, gain: 0, lagMs: 0, steps: 0 };
  for (let lag = 0; lag <= rules.maxLightLagMs; lag += 33) {
    const idx = frames.map((f) => stepAt(light, f.t - lag));
    const expected = idx.map((i): Chroma => chroma(i < 0 ? [255, 255, 255] : light[i]!.rgb));
    const steps = new Set(idx).size;
    const pr = pearson(
      expected.map((e) => e[0]),
      measured.map((m) => m[0]),
    );
    const pb = pearson(
      expected.map((e) => e[1]),
      measured.map((m) => m[1]),
    );
    const correlation = (pr.r + pb.r) / 2;
    if (correlation > best.correlation) best = { correlation, gain: (pr.slope + pb.slope) / 2, lagMs: lag, steps };
  }
  return best;
}

/** Whether the response follows this sequence. */
export function lightAnswered(score: LightScore, rules: LightRules): boolean {
  return (
    score.steps >= rules.minLightSteps &&
    score.correlation >= rules.minLightCorrelation &&
    score.gain >= rules.minLightGain
  );
}
