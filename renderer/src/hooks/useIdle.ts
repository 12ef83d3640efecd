/** The time of the last tap or key, while `active`; `reset` counts as a tap ("继续办理"). */
import { useCallback, useEffect, useState } from 'react';

export function useIdle(active: boolean, now: number): { lastActivity: number; reset(): void } {
  const [lastActivity, setLastActivity] = useState(now);
  const [wasActive, setWasActive] = useState(active);
  // Becoming active starts a fresh wait, in the same render (so no stale time can end it at once).
  if (active !== wasActive) {
    setWasActive(active);
    if (active) setLastActivity(now);
  }
  const reset = useCallback(() => setLastActivity(Date.now()), []);
  useEffect(() => {
    if (!active) return;
    document.addEventListener('pointerdown', reset, true);
    document.addEventListener('keydown', reset, true);
    return () => {
      document.removeEventListener('pointerdown', reset, true);
      document.removeEventListener('keydown', reset, true);
    };
  }, [active, reset]);
  return { lastActivity, reset };
}
