/** Installs the browser-mode bridge on `window` unless a preload (Electron) already defined the API. */
import {
  KIOSK_WS_PATH,
  SIM_WS_PATH,
  kioskEvents,
  kioskMethods,
  simulatorEvents,
  simulatorMethods,
} from '../../contracts';
import { createKioskApi, unavailableKioskApi } from './kiosk-api';
import { createRpcClient } from './rpc-client';
import { bridgeUrl, takeSecret } from './secret';
import { createSimulatorApi, unavailableSimulatorApi } from './simulator-api';
import type { SocketFactory } from './socket';

const NO_SECRET = 'no browser-mode secret in the address (#secret=...)';

/** Defines `window.kiosk` over the WebSocket at KIOSK_WS_PATH when it is not defined yet. */
export function installKioskBridge(win: Window, createSocket?: SocketFactory): void {
  if (typeof win.kiosk !== 'undefined') return;
  const secret = takeSecret(win);
  win.kiosk = secret
    ? createKioskApi(
        createRpcClient({
          url: bridgeUrl(win.location, KIOSK_WS_PATH, secret),
          methods: kioskMethods,
          events: kioskEvents,
          createSocket,
        }),
      )
    : unavailableKioskApi('unauthorized', NO_SECRET);
}

/** Defines `window.kioskSimulator` over the WebSocket at SIM_WS_PATH when it is not defined yet. */
export function installSimulatorBridge(win: Window, createSocket?: SocketFactory): void {
  if (typeof win.kioskSimulator !== 'undefined') return;
  const secret = takeSecret(win);
  win.kioskSimulator = secret
    ? createSimulatorApi(
        createRpcClient({
          url: bridgeUrl(win.location, SIM_WS_PATH, secret),
          methods: simulatorMethods,
          events: simulatorEvents,
          createSocket,
        }),
      )
    : unavailableSimulatorApi('unauthorized', NO_SECRET);
}
