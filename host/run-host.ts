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
}

export interface RunningHost {
  host: KioskHost;
  /** The simulated hardware, when the config asks for simulators. */
  hardware: SimulatedHardware | null;
  /** The loopback server (browser mode and/or the simulator page). */
  web: BrowserModeServer | null;
  stop(): Promise<void>;
}

/** Starts the host and whatever serves it. */
export async function runHost(options: RunHostOptions): Promise<RunningHost> {
  const { config } = options;
  const reader = config.devices.idCardReader;
  let hardware: SimulatedHardware | null = null;
  let idCardTransport: Transport;
  if (reader.kind === 'simulator') {
    hardware = new SimulatedHardware();
    await hardware.start();
    idCardTransport = hardware.idCardTransport;
  } else {
    idCardTransport = createSerialTransport({ path: reader.path, baudRate: reader.baudRate });
  }
  const devices = createDeviceManager({ idCardTransport });
  const host = createKioskHost({ config, devices });
  await host.start();

  let web: BrowserModeServer | null = null;
  const simulator = hardware ? createSimulatorService(hardware, devices, options.demoCards ?? []) : undefined;
  if (options.browserMode || simulator) {
    web = await startBrowserMode({
      rendererDir: options.rendererDir,
      port: options.port,
      secret: options.secret,
      simulator,
      kiosk: options.browserMode
        ? { dispatch: host.call, subscribe: (send) => host.onEvent(send) }
        : { dispatch: async () => ({ ok: false, error: { code: 'forbidden', message: 'browser mode is off' } }), subscribe: () => () => undefined },
    });
  }
  return {
    host,
    hardware,
    web,
    async stop() {
      await web?.close();
      await host.stop();
      await hardware?.stop();
    },
  };
}
