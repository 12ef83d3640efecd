/**
 * The hidden way into maintenance: five taps on the emblem (top left) within three seconds. A
 * citizen tapping the emblem once or twice sees nothing happen.
 */
export const EMBLEM_TAPS = 5;
export const EMBLEM_WINDOW_MS = 3_000;

/** Adds a tap at `now`; `open` is true when it completes the gesture (the taps then start over). */
export function emblemTap(taps: readonly number[], now: number): { taps: number[]; open: boolean } {
  const recent = [...taps, now].filter((t) => now - t < EMBLEM_WINDOW_MS);
  if (recent.length >= EMBLEM_TAPS) return { taps: [], open: true };
  return { taps: recent, open: false };
}
