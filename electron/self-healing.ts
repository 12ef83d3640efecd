/**
 * Self-healing in the Electron shell, beside electron/relaunch.ts (crashed and unresponsive
 * renderers): the host's recovery requests (renderer watchdog, nightly relaunch) are carried out
 * here; a failed load, a GPU or utility process gone and renderer memory over a ceiling are
 * handed to the host, which reloads at the next idle moment (never during a session). The display
 * never sleeps while the kiosk runs.
 */
import { app, powerSaveBlocker, type BrowserWindow } from 'electron';
import type { KioskHost } from '../host/kiosk-host';
import { log } from './log';

/** How often renderer memory is measured, and the default ceiling (KIOSK_RENDERER_MEMORY_MB overrides). */
export const MEMORY_CHECK_MS = 60_000;
export const DEFAULT_MEMORY_CEILING_MB = 1_500;

/** Linux speech for the voice prompts: Chromium's speech-dispatcher backend is off unless asked for. */
export function setupSpeechSwitch(platform: NodeJS.Platform = process.platform): void {
  if (platform === 'linux') app.commandLine.appendSwitch('enable-speech-dispatcher');
}

export interface SelfHealingOptions {
  host: Pick<KioskHost, 'onRecovery' | 'recoverWhenIdle'>;
  getWindow: () => BrowserWindow | null;
  relaunch: (why: string) => void;
  memoryCeilingMb?: number;
}

/** Wires recovery requests, idle-time reloads, the memory ceiling and the display's wake lock. */
export function setupSelfHealing({ host, getWindow, relaunch, memoryCeilingMb }: SelfHealingOptions): () => void {
  const blocker = powerSaveBlocker.start('prevent-display-sleep');
  const ceilingMb = memoryCeilingMb ?? (Number(process.env.KIOSK_RENDERER_MEMORY_MB) || DEFAULT_MEMORY_CEILING_MB);
  const off = host.onRecovery((request) => {
    const win = getWindow();
    if (request.action === 'relaunch') return relaunch(`recovery: ${request.reason}`);
    if (win && !win.isDestroyed()) {
      log.warn('self-healing', `reloading the renderer (${request.reason})`);
      win.webContents.reload();
    }
  });
  app.on('web-contents-created', (_event, contents) => {
    contents.on('did-fail-load', (_e, code, _description, _url, isMainFrame) => {
      // -3 is an aborted load (a navigation replaced it), not a failure.
      if (!isMainFrame || code === -3) return;
      host.recoverWhenIdle({ action: 'reload', reason: `didFailLoad:${code}` });
    });
  });
  app.on('child-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit') return;
    host.recoverWhenIdle({ action: 'reload', reason: `${details.type}Gone:${details.reason}` });
  });
  const timer = setInterval(() => {
    const overCeiling = app.getAppMetrics().some((m) => m.type === 'Tab' && m.memory.workingSetSize / 1024 > ceilingMb);
    if (overCeiling) host.recoverWhenIdle({ action: 'reload', reason: 'memoryCeiling' });
  }, MEMORY_CHECK_MS);
  timer.unref();
  return () => {
    off();
    clearInterval(timer);
    if (powerSaveBlocker.isStarted(blocker)) powerSaveBlocker.stop(blocker);
  };
}
