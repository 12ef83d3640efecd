/**
 * IPC: KioskApi calls from our window go to the host; host events go to our window only.
 * A call from any other sender is dropped (as electron/fiddle's main does).
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { ipcChannels, type ErrorCode, type KioskReply } from '../contracts';
import type { KioskHost } from '../host/kiosk-host';
import { log } from './log';
import { isRendererPage, type RendererLocation } from './shell-config';

/** Wires `kiosk:call` to the host and host events to `kiosk:event`; returns the undo function. */
export function setupIpc(
  host: KioskHost,
  getWindow: () => BrowserWindow | null,
  renderer: RendererLocation,
): () => void {
  ipcMain.handle(ipcChannels.call, async (event, method: unknown, params: unknown): Promise<KioskReply> => {
    if (!isFromKioskWindow(event, getWindow(), renderer)) {
      log.warn('ipc', 'dropped a kiosk call from a foreign sender');
      return failure('forbidden', 'the sender is not the kiosk window');
    }
    if (typeof method !== 'string') return failure('invalidRequest', 'the method must be a string');
    try {
      return await host.call(method, params);
    } catch (error) {
      // host.call promises never to throw; if it does, the renderer still gets an envelope.
      log.error('ipc', 'the host threw on a call', error);
      return failure('internal', 'the host failed');
    }
  });

  const unsubscribe = host.onEvent((event, payload) => {
    const win = getWindow();
    if (!win || win.isDestroyed() || win.webContents.isDestroyed()) return;
    // Events carry personal data: only our renderer may receive them.
    if (!isRendererPage(renderer, win.webContents.getURL())) return;
    win.webContents.send(ipcChannels.event, event, payload);
  });

  return () => {
    ipcMain.removeHandler(ipcChannels.call);
    unsubscribe();
  };
}

function isFromKioskWindow(event: IpcMainInvokeEvent, win: BrowserWindow | null, renderer: RendererLocation): boolean {
  if (!win || win.isDestroyed()) return false;
  const frame = event.senderFrame;
  return (
    event.sender.id === win.webContents.id &&
    frame !== null &&
    frame.parent === null &&
    isRendererPage(renderer, frame.url)
  );
}

function failure(code: ErrorCode, message: string): KioskReply {
  return { ok: false, error: { code, message } };
}
