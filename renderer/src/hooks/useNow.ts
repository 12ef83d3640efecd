/** The local clock as React state, ticking every `intervalMs` (fake timers drive it in tests). */
import { useEffect, useState } from 'react';

export function useNow(intervalMs = 500): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
