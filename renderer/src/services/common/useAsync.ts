/** Loads something from the kiosk and keeps its state; the answer for an older key is dropped. */
import { useCallback, useEffect, useState } from 'react';
import { type ErrorCode, errorCodeOf } from '../../../../contracts';

export type Loaded<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'failed'; code: ErrorCode };

const LOADING = { state: 'loading' } as const;

/** Runs `load` whenever `key` changes; `reload` runs it again. */
export function useAsync<T>(load: () => Promise<T>, key: string): { result: Loaded<T>; reload(): void } {
  const [nonce, setNonce] = useState(0);
  const fullKey = `${key}#${nonce}`;
  const [done, setDone] = useState<{ key: string; result: Loaded<T> } | null>(null);
  useEffect(() => {
    let live = true;
    load().then(
      (value) => live && setDone({ key: fullKey, result: { state: 'ready', value } }),
      (error: unknown) => live && setDone({ key: fullKey, result: { state: 'failed', code: errorCodeOf(error) } }),
    );
    return () => {
      live = false;
    };
    // `key` says when to load again; `load` is a new closure on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fullKey]);
  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return { result: done?.key === fullKey ? done.result : LOADING, reload };
}
