/** Starts the kiosk shell: one instance, lockdown, IPC, recovery, then the window (each a setupX, as in electron/fiddle). */
import path from 'node:path';
import { BrowserWindow, app, session } from 'electron';
import type { KioskHost } from '../host/kiosk-host';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { setupIpc } from './ipc';
import { setupLockdown } from './lockdown';
import { log } from './log';
import { setupRelaunch } from './relaunch';
import { setupSelfHealing, setupSpeechSwitch } from './self-healing';
import { KIOSK_PARTITION, isDevMode, resolveRendererLocation } from './shell-config';
import { outOfServiceUrl, startupProblemOf, type StartupProblem } from './out-of-service';
import { createKioskWindow, kioskWindowOptions } from './window';

/** How often a kiosk that could not start tries its configuration again. */
export const STARTUP_RETRY_MS = 30_000;

export interface StartKioskOptions {
  /** Builds the host; called once, only in the instance that holds the single-instance lock. */
  createHost: () => Promise<KioskHost>;
  /** Absolute path of the bundled preload; defaults to `preload.cjs` beside the main bundle. */
  preloadPath?: string;
  /** How often to try again after a failed start (default STARTUP_RETRY_MS). */
  retryMs?: number;
}

/** Runs the kiosk; a second launch focuses the first instance's window and quits. */
export async function startKiosk({ createHost, preloadPath, retryMs }: StartKioskOptions): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    log.info('main', 'another kiosk instance is running; handing over to it');
    app.quit();
    return;
  }
  let win: BrowserWindow | null = null;
  const getWindow = () => win;
  app.on('second-instance', () => {
    if (!win || win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  });

  registerAppScheme();
  setupSpeechSwitch();
  await app.whenReady();
  const dev = isDevMode(app.isPackaged, process.env);
  const renderer = resolveRendererLocation(app.getAppPath(), process.env, dev);
  setupLockdown({ renderer, dev });
  serveRenderer(session.fromPartition(KIOSK_PARTITION), renderer);

  let host: KioskHost;
  try {
    host = await createHost();
  } catch (error) {
    // A missing or wrong configuration (or any start-up failure) shows the sign and waits for a
    // fix: exiting would make the service manager restart us into the same failure, forever.
    win = showStartupProblem(startupProblemOf(error), dev, error);
    retryUntilStarted(createHost, retryMs ?? STARTUP_RETRY_MS);
    return;
  }
  setupIpc(host, getWindow, renderer);
  const relaunch = setupRelaunch(host);
  setupSelfHealing({ host, getWindow, relaunch });
  win = createKioskWindow({ renderer, dev, preloadPath: preloadPath ?? path.join(import.meta.dirname, 'preload.cjs') });
  // The window is up first so the screen is never blank; until devices and the hall server
  // answer, the host's status says so and the renderer shows it.
  try {
    await host.start();
  } catch (error) {
    log.error('main', 'the host failed to start', error);
  }
}

function showStartupProblem(problem: StartupProblem, dev: boolean, error: unknown): BrowserWindow {
  const fields = problem.fields.map((f) => `${f.field} (${f.message})`).join('; ');
  log.error(
    'main',
    `the kiosk cannot start, showing 暂停服务: ${problem.summary}${problem.file ? ` [${problem.file}]` : ''}${fields ? `: ${fields}` : ''}`,
    error,
  );
  const options = kioskWindowOptions({ dev, preloadPath: '' });
  // The sign is a page of its own: no preload, no window.kiosk, nothing to call.
  const win = new BrowserWindow({ ...options, webPreferences: { ...options.webPreferences, preload: undefined } });
  win.removeMenu();
  void win.loadURL(outOfServiceUrl(problem, Math.round(STARTUP_RETRY_MS / 1000))).catch((loadError: unknown) => {
    log.error('main', 'the out-of-service sign failed to load', loadError);
  });
  return win;
}

/** Tries to build the host again now and then; once it builds, relaunches the app into a clean start. */
function retryUntilStarted(createHost: () => Promise<KioskHost>, everyMs: number): void {
  const timer = setInterval(() => {
    createHost().then(
      (host) => {
        clearInterval(timer);
        log.info('main', 'the configuration is usable now: relaunching');
        void host.stop().finally(() => {
          app.relaunch();
          app.exit(0);
        });
      },
      () => undefined, // Still wrong: the sign stays, the log already said why.
    );
  }, everyMs);
  timer.unref();
}
