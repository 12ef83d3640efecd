/**
 * The preload: `window.kiosk` is one named function per KioskApi method plus `on`; the page
 * never sees ipcRenderer or a generic send/invoke. Bundled to one CommonJS file, because a
 * sandboxed preload can only `require('electron')`.
 */
import { contextBridge, ipcRenderer } from 'electron';
import {
  KioskReply,
  ipcChannels,
  kioskEventNames,
  kioskMethodNames,
  unwrapReply,
  type KioskApi,
  type KioskEvent,
  type KioskMethod,
} from '../contracts/kiosk-api';
import { KioskError, type ErrorCode } from '../contracts/errors';

/** How a failed call rejects in the page: a plain object, since contextBridge drops an Error's own fields. */
export interface KioskErrorLike {
  name: 'KioskError';
  code: ErrorCode;
  message: string;
}

async function call(method: KioskMethod, params: unknown): Promise<unknown> {
  try {
    const reply = KioskReply.parse(await ipcRenderer.invoke(ipcChannels.call, method, params));
    return unwrapReply<unknown>(reply);
  } catch (error) {
    const body =
      error instanceof KioskError ? error.toBody() : { code: 'internal' as const, message: 'kiosk call failed' };
    const rejection: KioskErrorLike = { name: 'KioskError', ...body };
    throw rejection;
  }
}

type Listener = (payload: unknown) => void;
const listeners = new Map<KioskEvent, Set<Listener>>();

// One IPC listener for all events; the page's listeners get the payload, never the IPC event.
ipcRenderer.on(ipcChannels.event, (_event, name: unknown, payload: unknown) => {
  for (const listener of listeners.get(name as KioskEvent) ?? []) {
    try {
      listener(payload);
    } catch (error) {
      console.error('a kiosk event listener threw', error);
    }
  }
});

function on(event: KioskEvent, listener: Listener): () => void {
  if (!kioskEventNames.includes(event)) throw new TypeError(`unknown kiosk event: ${String(event)}`);
  if (typeof listener !== 'function') throw new TypeError('the listener must be a function');
  const set = listeners.get(event) ?? new Set<Listener>();
  listeners.set(event, set);
  set.add(listener);
  return () => void set.delete(listener);
}

const methods = Object.fromEntries(kioskMethodNames.map((name) => [name, (params: unknown) => call(name, params)]));

/** The API the page sees as `window.kiosk`. */
export const kiosk = { ...methods, on } as unknown as KioskApi;

contextBridge.exposeInMainWorld('kiosk', kiosk);
