/** Same-person check across the descriptors of one attempt (pure). */

export function euclidean(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error('descriptors differ in length');
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i]! - b[i]!;
    s += d * d;
  }
  return Math.sqrt(s);
}

/** Largest distance between any two descriptors (0 for fewer than two). */
export function maxPairwiseDistance(descriptors: ReadonlyArray<ArrayLike<number>>): number {
  let max = 0;
  for (let i = 0; i < descriptors.length; i++)
    for (let j = i + 1; j < descriptors.length; j++) max = Math.max(max, euclidean(descriptors[i]!, descriptors[j]!));
  return max;
}
