/**
 * The service watchdog: WATCHDOG=1 at half of systemd's WatchdogSec, but only while the host is
 * healthy. The ping is a timer on the event loop, so a blocked loop sends nothing; a tick that
 * came much later than planned (the loop was stalled) and a device manager that stopped
 * answering skip the ping too, and systemd restarts the service after WatchdogSec.
 */
import type { Notifier } from './sd-notify';

export interface ServiceWatchdogOptions {
  notifier: Pick<Notifier, 'send'>;
  /** systemd's WatchdogSec in ms; pings go at half of it. */
  timeoutMs: number;
  /** True while the device manager's own loop answers (see `deviceManagerAlive`). */
  healthy: () => boolean;
  now?: () => number;
}

/** Starts pinging; returns the stop function. */
export function startServiceWatchdog(options: ServiceWatchdogOptions): () => void {
  const now = options.now ?? Date.now;
  const everyMs = Math.max(50, Math.floor(options.timeoutMs / 2));
  let planned = now() + everyMs;
  const timer = setInterval(() => {
    const late = now() - planned;
    planned = now() + everyMs;
    // Late by more than half a period: the loop was stalled, so this process is not healthy now.
    if (late > everyMs / 2) return;
    if (!options.healthy()) return;
    options.notifier.send({ WATCHDOG: 1 });
  }, everyMs);
  return () => clearInterval(timer);
}
