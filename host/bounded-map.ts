/**
 * Answers a kiosk keeps to repeat them on a retried tap or a redelivered command: only the latest
 * few. A kiosk runs for months, and a map that only ever grows is memory that never comes back.
 */

/** Sets `key` as the newest entry of `map` and drops the oldest beyond `keep`. */
export function remember<K, V>(map: Map<K, V>, key: K, value: V, keep: number): void {
  map.delete(key);
  map.set(key, value);
  for (const oldest of map.keys()) {
    if (map.size <= keep) break;
    map.delete(oldest);
  }
}
