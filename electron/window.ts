/** The kiosk window: full screen, frameless, sandboxed, loading only our renderer. */
import { readFile } from 'node:fs/promises';
import { BrowserWindow, app, type BrowserWindowConstructorOptions } from 'electron';
import { log } from './log';
import { KIOSK_PARTITION, type RendererLocation } from './shell-config';

export interface KioskWindowOptions {
  renderer: RendererLocation;
  dev: boolean;
  /** Absolute path of the bundled (CommonJS) preload. */
  preloadPath: string;
}

/** The BrowserWindow options: locked down always; kiosk/full screen and no devtools unless in development. */
export function kioskWindowOptions({
  dev,
  preloadPath,
}: Omit<KioskWindowOptions, 'renderer'>): BrowserWindowConstructorOptions {
  return {
    kiosk: !dev,
    fullscreen: !dev,
    frame: false,
    autoHideMenuBar: true,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: preloadPath,
      partition: KIOSK_PARTITION,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: dev,
      // A stray alert() would freeze the kiosk behind a native dialog nobody can dismiss.
      disableDialogs: !dev,
      // Voice prompts start when a card goes in, without a touch on the screen.
      autoplayPolicy: 'no-user-gesture-required',
    },
  };
}

/** Creates the kiosk window and starts loading the renderer. */
export function createKioskWindow(options: KioskWindowOptions): BrowserWindow {
  const win = new BrowserWindow(kioskWindowOptions(options));
  if (!options.dev) {
    win.removeMenu();
    // Only quitting (or a relaunch) closes the kiosk; a window manager's close would bare the desktop.
    let quitting = false;
    app.once('before-quit', () => (quitting = true));
    win.on('close', (event) => {
      if (!quitting) event.preventDefault();
    });
  }
  void loadRenderer(win, options.renderer);
  return win;
}

async function loadRenderer(win: BrowserWindow, renderer: RendererLocation): Promise<void> {
  try {
    if (renderer.kind === 'url') {
      await win.loadURL(renderer.url);
    } else {
      await warnWithoutCspMeta(renderer.indexPath);
      await win.loadURL(renderer.indexUrl);
    }
  } catch (error) {
    log.error('window', 'the renderer failed to load', error);
  }
}

/** True when an HTML document declares a Content-Security-Policy in a <meta> tag. */
export function hasCspMeta(html: string): boolean {
  return /<meta[^>]+http-equiv\s*=\s*["']?content-security-policy/i.test(html);
}

// The app:// responses carry the policy as a header (app-protocol.ts); the <meta> is the second line.
async function warnWithoutCspMeta(indexPath: string): Promise<void> {
  const html = await readFile(indexPath, 'utf8');
  if (!hasCspMeta(html)) log.warn('window', 'the renderer index.html has no Content-Security-Policy <meta>');
}
