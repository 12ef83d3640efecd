/**
 * Runs a kiosk host from its configuration: real devices or the simulated hardware, and
 * (for browser mode and the simulator page) the loopback server.
 */
import type { DemoCard } from '../contracts';
import { createSerialTransport } from '../devices/transports/serial';
import type { Transport } from '../devices/transport';
import { startBrowserMode, type BrowserModeServer } from './browser-mode/server';
import type { HostConfig } from './config';
import { createKioskHost } from './create-host';
import { createDeviceManager } from './devices/device-manager';
import { SimulatedHardware } from './devices/simulated-hardware';
import type { KioskHost } from './kiosk-host';
import { createSimulatorService } from './simulator/simulator-service';

export interface RunHostOptions {
  config: HostConfig;
  /** Where the built renderer is (dist/renderer). */
  rendererDir: string;
  /** Serve the kiosk UI over the loopback WebSocket (browser mode). */
  browserMode: boolean;
  /** Demo cards for the simulator page (embedded default). */
  demoCards?: DemoCard[];
  port?: number;
  /** Fixed secret (tests); random per launch otherwise. */
  secret?: string;
  /** Start at once (default); the Electron shell starts the host itself once its window is up. */
  start?: boolean;
}

export interface RunningHost {
  host: KioskHost;
  /** The simulated hardware, when the config asks for simulators. */
  hardware: SimulatedHardware | null;
  /** The loopback server (browser mode and/or the simulator page). */
  web: BrowserModeServer | null;
  /** Starts devices, host and loopback server; a second call does nothing. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts the host and whatever serves it. */
export async function runHost(options: RunHostOptions): Promise<RunningHost> {
  const { config } = options;
  const reader = config.devices.idCardReader;
  const hardware = reader.kind === 'simulator' ? new SimulatedHardware() : null;
  const idCardTransport: Transport =
    reader.kind === 'serial'
      ? createSerialTransport({ path: reader.path, baudRate: reader.baudRate })
      : hardware!.idCardTransport;
  const devices = createDeviceManager({ idCardTransport });
  const host = createKioskHost({ config, devices });
  const simulator = hardware ? createSimulatorService(hardware, devices, options.demoCards ?? []) : undefined;
  let started: Promise<void> | null = null;

  const running: RunningHost = {
    host,
    hardware,
    web: null,
    start() {
      started ??= (async () => {
        await hardware?.start();
        await host.start();
        if (options.browserMode || simulator) {
          running.web = await startBrowserMode({
            rendererDir: options.rendererDir,
            port: options.port,
            secret: options.secret,
            simulator,
            kiosk: options.browserMode ? { dispatch: host.call, subscribe: (send) => host.onEvent(send) } : closedEndpoint,
          });
        }
      })();
      return started;
    },
    async stop() {
      await running.web?.close();
      await host.stop();
      await hardware?.stop();
    },
  };
  if (options.start !== false) await running.start();
  return running;
}

/** In Electron the KioskApi goes over IPC; the loopback server carries only the simulator page. */
const closedEndpoint = {
  dispatch: async () => ({ ok: false as const, error: { code: 'forbidden' as const, message: 'browser mode is off' } }),
  subscribe: () => () => undefined,
};
