/** The only ways the renderer reaches the host: the preload (Electron) or the browser-mode bridge defines these. */
import type { KioskApi, SimulatorApi } from '../contracts';

declare global {
  interface Window {
    /** The KioskApi; the kiosk UI uses nothing else. */
    kiosk: KioskApi;
    /** The device simulator's API, on the simulator page only. */
    kioskSimulator: SimulatorApi;
  }
}

export {};
