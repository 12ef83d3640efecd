/**
 * Recovery: a crashed or hung renderer is reloaded once; a second failure within a minute
 * relaunches the app. A host restart request relaunches exactly once. Quitting stops the host.
 */
import { app, type WebContents } from 'electron';
import type { KioskHost } from '../host/kiosk-host';
import { log } from './log';

/** A second renderer failure within this window relaunches the app instead of reloading. */
export const FAILURE_WINDOW_MS = 60_000;
/** A hung renderer gets this long to answer again before it is killed and reloaded. */
export const UNRESPONSIVE_GRACE_MS = 10_000;
/** The host gets this long to stop (close devices, flush the outbox) before the app exits anyway. */
export const HOST_STOP_TIMEOUT_MS = 5_000;

/** Wires renderer recovery, the host's restart request and the host's stop on quit; returns the relaunch. */
export function setupRelaunch(host: KioskHost): (why: string) => void {
  let lastFailureAt = Number.NEGATIVE_INFINITY;
  let quitting = false;
  let relaunching = false;
  let hostStopped = false;
  let stopping: Promise<void> | null = null;
  const killedByUs = new WeakSet<WebContents>();

  const stopHost = () =>
    (stopping ??= withTimeout(host.stop(), HOST_STOP_TIMEOUT_MS)
      .catch((error: unknown) => log.error('relaunch', 'the host did not stop cleanly', error))
      .finally(() => (hostStopped = true)));

  async function relaunch(why: string): Promise<void> {
    if (relaunching) return;
    relaunching = true;
    log.warn('relaunch', `relaunching the app: ${why}`);
    await stopHost();
    app.relaunch();
    app.exit(0);
  }

  function recover(contents: WebContents, why: string, beforeReload?: () => void): void {
    if (quitting || relaunching || contents.isDestroyed()) return;
    const now = Date.now();
    if (now - lastFailureAt < FAILURE_WINDOW_MS) {
      void relaunch(`${why}, twice within a minute`);
      return;
    }
    lastFailureAt = now;
    log.warn('relaunch', `reloading the renderer: ${why}`);
    beforeReload?.();
    contents.reload();
  }

  app.on('web-contents-created', (_event, contents) => {
    let hangTimer: NodeJS.Timeout | null = null;
    contents.on('render-process-gone', (_e, details) => {
      // Our own kill of a hung renderer (below) already reloaded it.
      if (killedByUs.delete(contents)) return;
      recover(contents, `render process gone (${details.reason})`);
    });
    contents.on('unresponsive', () => {
      hangTimer ??= setTimeout(() => {
        hangTimer = null;
        // A hung renderer will not reload by itself: kill it, then reload in a new process.
        recover(contents, 'renderer unresponsive', () => {
          killedByUs.add(contents);
          contents.forcefullyCrashRenderer();
        });
      }, UNRESPONSIVE_GRACE_MS);
    });
    contents.on('responsive', () => {
      if (hangTimer) clearTimeout(hangTimer);
      hangTimer = null;
    });
  });

  host.onRestartRequested(() => void relaunch('the host asked for a restart'));

  app.on('before-quit', (event) => {
    quitting = true;
    if (hostStopped) return;
    event.preventDefault();
    void stopHost().then(() => app.quit());
  });
  return (why) => void relaunch(why);
}

function withTimeout(work: Promise<void>, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    work.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}
