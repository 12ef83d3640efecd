/** Starts the kiosk shell: one instance, lockdown, IPC, recovery, then the window (each a setupX, as in electron/fiddle). */
import path from 'node:path';
import { app, session, type BrowserWindow } from 'electron';
import type { KioskHost } from '../host/kiosk-host';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { setupIpc } from './ipc';
import { setupLockdown } from './lockdown';
import { log } from './log';
import { setupRelaunch } from './relaunch';
import { KIOSK_PARTITION, isDevMode, resolveRendererLocation } from './shell-config';
import { createKioskWindow } from './window';

export interface StartKioskOptions {
  /** Builds the host; called once, only in the instance that holds the single-instance lock. */
  createHost: () => Promise<KioskHost>;
  /** Absolute path of the bundled preload; defaults to `preload.cjs` beside the main bundle. */
  preloadPath?: string;
}

/** Runs the kiosk; a second launch focuses the first instance's window and quits. */
export async function startKiosk({ createHost, preloadPath }: StartKioskOptions): Promise<void> {
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
  await app.whenReady();
  const dev = isDevMode(app.isPackaged, process.env);
  const renderer = resolveRendererLocation(app.getAppPath(), process.env, dev);
  setupLockdown({ renderer, dev });
  serveRenderer(session.fromPartition(KIOSK_PARTITION), renderer);

  const host = await createHost();
  setupIpc(host, getWindow, renderer);
  setupRelaunch(host);
  win = createKioskWindow({ renderer, dev, preloadPath: preloadPath ?? path.join(import.meta.dirname, 'preload.cjs') });
  // The window is up first so the screen is never blank; until devices and the hall server
  // answer, the host's status says so and the renderer shows it.
  try {
    await host.start();
  } catch (error) {
    log.error('main', 'the host failed to start', error);
  }
}
