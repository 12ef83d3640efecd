/**
 * Runs a kiosk host from its configuration: real devices or the simulated hardware, and
 * (for browser mode and the simulator page) the loopback server.
 */
import type { DemoCard } from '../contracts';
import { CupsA4Printer } from '../devices/a4-printer/cups';
import { WindowsA4Printer } from '../devices/a4-printer/windows';
import { openNodeHidDevice } from '../devices/hid/node-hid';
import { createSerialTransport } from '../devices/transports/serial';
import { startBrowserMode, type BrowserModeServer } from './browser-mode/server';
import type { HostConfig } from './config';
import { type CreateHostOptions, createKioskHost } from './create-host';
import { createDeviceManager, type DeviceManager, type DeviceManagerOptions } from './devices/device-manager';
import { SimulatedHardware } from './devices/simulated-hardware';
import type { KioskHost } from './kiosk-host';
import { createSimulatorService, type IssueECardCode } from './simulator/simulator-service';

export interface RunHostOptions {
  config: HostConfig;
  /** Where the built renderer is (dist/renderer). */
  rendererDir: string;
  /** Serve the kiosk UI over the loopback WebSocket (browser mode). */
  browserMode: boolean;
  /** Demo cards for the simulator page (embedded default). */
  demoCards?: DemoCard[];
  /**
   * Issues a demo person's e-card code for the simulator page (the launcher passes the hall
   * server's issuer; codes live about 60 s, so they are made on each scan, not held here).
   */
  issueECardCode?: IssueECardCode;
  port?: number;
  /** Fixed secret (tests); random per launch otherwise. */
  secret?: string;
  /** Start at once (default); the Electron shell starts the host itself once its window is up. */
  start?: boolean;
  /** Tests only: a fixed liveness challenge for certification (never from a terminal's config file). */
  certification?: CreateHostOptions['certification'];
}

export interface RunningHost {
  host: KioskHost;
  /** Every device, as the host uses them (printing has no kiosk flow yet; tests and tools print here). */
  devices: DeviceManager;
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
  const hardware = usesSimulators(config) ? new SimulatedHardware() : null;
  const devices = createDeviceManager(deviceOptions(config, hardware));
  const host = createKioskHost({ config, devices, certification: options.certification });
  const simulator = hardware
    ? createSimulatorService(hardware, devices, options.demoCards ?? [], options.issueECardCode, (body) =>
        host.enrolFaceReference ? host.enrolFaceReference(body) : Promise.reject(new Error('no face enrolment')),
      )
    : undefined;
  let started: Promise<void> | null = null;

  const running: RunningHost = {
    host,
    devices,
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
            kiosk: options.browserMode
              ? { dispatch: host.call, subscribe: (send) => host.onEvent(send) }
              : closedEndpoint,
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

/** True when any device is simulated: the host then runs the simulated hardware and the simulator page. */
function usesSimulators(config: HostConfig): boolean {
  return Object.values(config.devices).some((d) => d.kind === 'simulator');
}

/** Each configured device's transport: the real one, or the simulated hardware's. */
function deviceOptions(config: HostConfig, hardware: SimulatedHardware | null): DeviceManagerOptions {
  const { idCardReader, ssCardReader, qrScanner, receiptPrinter, a4Printer } = config.devices;
  const sim = () => hardware!; // present whenever any device is a simulator
  return {
    idCardTransport:
      idCardReader.kind === 'serial'
        ? createSerialTransport({ path: idCardReader.path, baudRate: idCardReader.baudRate })
        : sim().idCardTransport,
    // This build has no PC/SC binding: a configured pcsc reader is reported failed, not silently simulated.
    ssCardReader:
      ssCardReader.kind === 'pcsc'
        ? { kind: 'unsupported', reason: 'notSupportedHere' }
        : { kind: 'transport', transport: sim().ssCardTransport },
    qrScanner:
      qrScanner.kind === 'hid'
        ? {
            mode: qrScanner.mode,
            open: () => openNodeHidDevice({ vendorId: qrScanner.vendorId, productId: qrScanner.productId }),
          }
        : { mode: 'hidPos', open: sim().qrDevice.open },
    receiptPrinter: {
      transport:
        receiptPrinter.kind === 'serial'
          ? createSerialTransport({ path: receiptPrinter.path, baudRate: receiptPrinter.baudRate })
          : sim().receiptPrinterTransport,
      driverOptions:
        receiptPrinter.kind === 'serial' ? { responseTimeoutMs: statusDeadlineMs(receiptPrinter.baudRate) } : undefined,
    },
    a4Printer:
      a4Printer.kind === 'cups'
        ? new CupsA4Printer({ printer: a4Printer.printer })
        : a4Printer.kind === 'windows'
          ? new WindowsA4Printer({ printer: a4Printer.printer })
          : sim().a4Printer,
  };
}

/**
 * A status answer can queue behind one job chunk on the line (512 bytes, 10 bits a byte), so
 * its deadline is that line time plus the printer's own 500 ms: at 9600 baud a chunk alone takes 533 ms.
 */
export function statusDeadlineMs(baudRate: number): number {
  return Math.ceil((512 * 10 * 1000) / baudRate) + 500;
}
