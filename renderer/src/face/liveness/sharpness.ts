/** Blur gate for descriptor frames (pure): the same number in the renderer and the calibration bench. */

/** Mean absolute 4-neighbour Laplacian of a 32x32 luminance patch (blur gives a low value). */
export function sharpnessOf(lum: readonly number[]): number {
  const n = 32;
  if (lum.length !== n * n) return 0;
  let sum = 0;
  for (let y = 1; y < n - 1; y++)
    for (let x = 1; x < n - 1; x++) {
      const c = lum[y * n + x]!;
      sum += Math.abs(
        4 * c - lum[y * n + x - 1]! - lum[y * n + x + 1]! - lum[(y - 1) * n + x]! - lum[(y + 1) * n + x]!,
      );
    }
  return sum / ((n - 2) * (n - 2));
}
