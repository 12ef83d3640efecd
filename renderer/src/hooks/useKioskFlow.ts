/**
 * The effects around the session state machine: host events in, start-up with retries,
 * a periodic resync (events may be missed while a browser-mode socket reconnects), the
 * summary fetch and the throttled "still here" touch. Each only dispatches machine events.
 */
import { useCallback, useEffect, useMemo, type Dispatch } from 'react';
import { type KioskApi, errorCodeOf } from '../../../contracts';
import type { KioskAction } from '../state/machine';
import { createThrottle } from '../state/session-clock';

/** Retry start-up this often while the host cannot be reached. */
export const BOOT_RETRY_MS = 5_000;
/** Ask the host for status and session this often, in case an event was missed. */
export const RESYNC_MS = 10_000;

function warn(what: string) {
  return (error: unknown) => console.warn(`kiosk: ${what} failed (${errorCodeOf(error)})`);
}

/** Host events -> machine events, for as long as the app is mounted. */
export function useKioskEvents(kiosk: KioskApi, dispatch: Dispatch<KioskAction>): void {
  useEffect(() => {
    const offs = [
      kiosk.on('sessionChanged', ({ session, endReason }) =>
        dispatch({ type: 'sessionChanged', session, endReason, now: Date.now() }),
      ),
      kiosk.on('statusChanged', (terminal) => dispatch({ type: 'statusChanged', terminal })),
      kiosk.on('cardProblem', ({ code }) => dispatch({ type: 'cardProblem', code, now: Date.now() })),
    ];
    return () => offs.forEach((off) => off());
  }, [kiosk, dispatch]);
}

/** Until the terminal status is known: ask for it (and any open session), retrying on failure. */
export function useBoot(kiosk: KioskApi, booted: boolean, dispatch: Dispatch<KioskAction>): void {
  useEffect(() => {
    if (booted) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const attempt = () => {
      Promise.all([kiosk.getStatus({}), kiosk.getSession({})]).then(
        ([terminal, session]) => {
          if (!cancelled) dispatch({ type: 'booted', terminal, session, now: Date.now() });
        },
        (error: unknown) => {
          if (cancelled) return;
          dispatch({ type: 'bootFailed', code: errorCodeOf(error) });
          timer = setTimeout(attempt, BOOT_RETRY_MS);
        },
      );
    };
    attempt();
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [kiosk, booted, dispatch]);
}

/**
 * After start-up: re-read status and session now and then, so a missed event (a browser-mode
 * socket reconnecting) cannot leave a closed session's data on screen.
 */
export function useResync(kiosk: KioskApi, booted: boolean, dispatch: Dispatch<KioskAction>): void {
  useEffect(() => {
    if (!booted) return;
    const timer = setInterval(() => {
      kiosk.getStatus({}).then((terminal) => dispatch({ type: 'statusChanged', terminal }), warn('getStatus'));
      kiosk
        .getSession({})
        .then((session) => dispatch({ type: 'sessionRefreshed', session, now: Date.now() }), warn('getSession'));
    }, RESYNC_MS);
    return () => clearInterval(timer);
  }, [kiosk, booted, dispatch]);
}

/** Fetches the summary of session `seq` while the machine is loading it. */
export function useSummary(kiosk: KioskApi, seq: number | null, dispatch: Dispatch<KioskAction>): void {
  useEffect(() => {
    if (seq === null) return;
    kiosk.getSummary({}).then(
      (summary) => dispatch({ type: 'summaryLoaded', seq, summary }),
      (error: unknown) => dispatch({ type: 'summaryFailed', seq, code: errorCodeOf(error) }),
    );
  }, [kiosk, seq, dispatch]);
}

/**
 * While a session is open, any tap restarts the host's inactivity countdown (at most once per
 * TOUCH_THROTTLE_MS). Returns `touchNow` for the "继续办理" button, which is not throttled, and
 * `touch`, throttled like a tap (a service's keepAlive).
 */
export function useSessionTouch(
  kiosk: KioskApi,
  active: boolean,
  dispatch: Dispatch<KioskAction>,
): { touchNow(): void; touch(): void } {
  const throttled = useMemo(
    () =>
      createThrottle(() => {
        kiosk
          .touchSession({})
          .then((session) => dispatch({ type: 'sessionRefreshed', session, now: Date.now() }), warn('touchSession'));
      }),
    [kiosk, dispatch],
  );
  useEffect(() => {
    if (!active) return;
    const onActivity = () => void throttled(Date.now());
    document.addEventListener('pointerdown', onActivity, true);
    document.addEventListener('keydown', onActivity, true);
    return () => {
      document.removeEventListener('pointerdown', onActivity, true);
      document.removeEventListener('keydown', onActivity, true);
    };
  }, [active, throttled]);
  const touchNow = useCallback(() => void throttled(Date.now(), true), [throttled]);
  const touch = useCallback(() => {
    if (active) void throttled(Date.now());
  }, [active, throttled]);
  return useMemo(() => ({ touchNow, touch }), [touchNow, touch]);
}
