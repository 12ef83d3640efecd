/** The inactivity countdown as the renderer shows it; the host alone decides when a session ends. */
import type { ActiveSession } from './machine';

/** The timeout modal appears when this much time or less is left. */
export const TIMEOUT_WARNING_MS = 15_000;
/** Taps restart the host's countdown at most this often. */
export const TOUCH_THROTTLE_MS = 5_000;
/** Even a forced touch is not repeated within this time (the tap that pressed the button already touched). */
const FORCED_TOUCH_GAP_MS = 1_000;

/** Milliseconds left, from the latest SessionView and the local clock. */
export function remainingMs(session: ActiveSession, now: number): number {
  return Math.max(0, session.view.expiresInMs - Math.max(0, now - session.receivedAt));
}

/** Whole seconds left, rounded up so "0 秒" only shows when the time is really up. */
export function remainingSeconds(session: ActiveSession, now: number): number {
  return Math.ceil(remainingMs(session, now) / 1000);
}

/** Calls `touch` at most once per `intervalMs`; `force` (an explicit button) shortens that to a second. */
export function createThrottle(touch: () => void, intervalMs = TOUCH_THROTTLE_MS) {
  let last = -Infinity;
  return (now: number, force = false): boolean => {
    if (now - last < (force ? FORCED_TOUCH_GAP_MS : intervalMs)) return false;
    last = now;
    touch();
    return true;
  };
}
