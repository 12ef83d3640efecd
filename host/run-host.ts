/**
 * Runs a kiosk host from its configuration: real devices or the simulated hardware, and
 * (for browser mode and the simulator page) the loopback server.
 */
import type { DemoCard } from '../contracts';
import { CupsA4Printer } from '../devices/a4-printer/cups';
import { WindowsA4Printer } from '../devices/a4-printer/windows';
import { openNodeHidDevice } from '../devices/hid/node-hid';
import { createSerialTransport } from '../devices/transports/serial';
import {
  startBrowserMode,
  type BrowserModeOptions,
  type BrowserModeServer,
  type WsEndpoint,
} from './browser-mode/server';
import type { HostConfig } from './config';
import { type CreateHostOptions, createKioskHost } from './create-host';
import { createDeviceManager, type DeviceManager, type DeviceManagerOptions } from './device-manager/device-manager';
import { SimulatedHardware } from './device-manager/simulated-hardware';
import type { KioskHost } from './kiosk-host';
import type { RecoveryRequest } from './recovery/renderer-recovery';
import { log } from './log';
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
  /** The loopback address to listen on (default 127.0.0.1). */
  host?: string;
  /** Fixed secret (tests, or the service's secret for this boot); random per launch otherwise. */
  secret?: string;
  /** Thin-Linux terminal: admit the kiosk user's Chromium by `/launch` (BrowserModeOptions.launch). */
  launch?: BrowserModeOptions['launch'];
  /** Where the terminal keeps its files (content cache); see CreateHostOptions. */
  dataDir?: string;
  /** The application's version for heartbeats and the maintenance screen; see CreateHostOptions. */
  appVersion?: string;
  /**
   * What the shell does when the host's recovery asks for a reload or relaunch (the page is also
   * sent `reloadRenderer` for a reload). Follows the host across browser-mode restarts.
   */
  onRecovery?: (request: RecoveryRequest) => void;
  /** Start at once (default); the Electron shell starts the host itself once its window is up. */
  start?: boolean;
  /** Electron's safeStorage for the terminal key (the shell passes it; see host/terminal-key/). */
  safeStorage?: CreateHostOptions['safeStorage'];
  /** Tests only: a fixed liveness challenge for certification (never from a terminal's config file). */
  certification?: CreateHostOptions['certification'];
  /** Tests only: the hall client's fetch (a network that drops) and shorter payment steps. */
  fetch?: typeof fetch;
  paymentTimings?: CreateHostOptions['paymentTimings'];
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
  // Everything a restart builds afresh (browser mode; Electron relaunches the whole app instead).
  const assemble = () => {
    const hardware = usesSimulators(config) ? new SimulatedHardware() : null;
    const devices = createDeviceManager(deviceOptions(config, hardware));
    const host = createKioskHost({
      config,
      devices,
      dataDir: options.dataDir,
      appVersion: options.appVersion,
      certification: options.certification,
      safeStorage: options.safeStorage,
      fetch: options.fetch,
      paymentTimings: options.paymentTimings,
    });
    if (options.onRecovery) host.onRecovery(options.onRecovery);
    const simulator = hardware
      ? createSimulatorService(
          hardware,
          devices,
          options.demoCards ?? [],
          options.issueECardCode,
          (body) =>
            host.enrolFaceReference ? host.enrolFaceReference(body) : Promise.reject(new Error('no face enrolment')),
          { shownPaymentQr: () => host.shownPaymentQr?.() ?? null },
        )
      : undefined;
    return { hardware, devices, host, simulator };
  };
  let parts = assemble();
  const swapped = new Set<() => void>();
  let started: Promise<void> | null = null;
  let restarting: Promise<void> | null = null;

  const running: RunningHost = {
    host: parts.host,
    devices: parts.devices,
    hardware: parts.hardware,
    web: null,
    start() {
      started ??= (async () => {
        await parts.hardware?.start();
        await parts.host.start();
        if (options.browserMode || parts.simulator) {
          running.web = await startBrowserMode({
            rendererDir: options.rendererDir,
            host: options.host,
            port: options.port,
            secret: options.secret,
            launch: options.launch,
            simulator: parts.simulator ? swappable(() => parts.simulator!, swapped) : undefined,
            kiosk: options.browserMode
              ? swappable(() => ({ dispatch: parts.host.call, subscribe: (send) => parts.host.onEvent(send) }), swapped)
              : closedEndpoint,
          });
        }
      })();
      return started;
    },
    async stop() {
      await running.web?.close();
      await parts.host.stop();
      await parts.hardware?.stop();
    },
  };

  // A staff restart in browser mode: the host process does what a relaunch would, keeping only the
  // loopback server (same address and secret), so the page reloads into a fresh host.
  const restart = async () => {
    log.warn('host', 'restarting the host (browser mode)');
    await parts.host.stop();
    await parts.hardware?.stop();
    parts = assemble();
    Object.assign(running, { host: parts.host, devices: parts.devices, hardware: parts.hardware });
    listenForRestart();
    // The page's subscriptions move first, so it hears the new host's start-up (its status, its devices).
    for (const l of swapped) l();
    await parts.hardware?.start();
    await parts.host.start();
  };
  const listenForRestart = () => {
    if (!options.browserMode) return;
    parts.host.onRestartRequested(() => {
      restarting ??= restart()
        .catch((error: unknown) => log.error('host', 'the restart failed', error))
        .finally(() => (restarting = null));
    });
  };
  listenForRestart();
  if (options.start !== false) await running.start();
  return running;
}

/** An endpoint that follows the current host across restarts: subscriptions move to the new one. */
function swappable(current: () => WsEndpoint, swapped: Set<() => void>): WsEndpoint {
  return {
    dispatch: (method, params) => current().dispatch(method, params),
    subscribe(send) {
      let off = current().subscribe(send);
      const move = () => {
        off();
        off = current().subscribe(send);
      };
      swapped.add(move);
      return () => {
        off();
        swapped.delete(move);
      };
    },
  };
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

/**
 * Each configured device's transport: the real one, or the simulated hardware's where the config
 * says `simulator`. A device of kind `none` is not installed: not managed at all.
 */
function deviceOptions(config: HostConfig, hardware: SimulatedHardware | null): DeviceManagerOptions {
  const { idCardReader, ssCardReader, qrScanner, receiptPrinter, a4Printer } = config.devices;
  const sim = () => hardware!; // present whenever any device is a simulator
  const options: DeviceManagerOptions = {};
  if (idCardReader.kind === 'serial') {
    options.idCardTransport = createSerialTransport({ path: idCardReader.path, baudRate: idCardReader.baudRate });
  } else if (idCardReader.kind === 'simulator') {
    options.idCardTransport = sim().idCardTransport;
    options.driverOptions = { responseTimeoutMs: SIMULATED_ANSWER_DEADLINE_MS };
  }
  if (ssCardReader.kind === 'pcsc') options.ssCardReader = { kind: 'pcsc', reader: ssCardReader.reader };
  else if (ssCardReader.kind === 'simulator') {
    options.ssCardReader = { kind: 'transport', transport: sim().ssCardTransport };
  }
  if (qrScanner.kind === 'hid') {
    options.qrScanner = {
      mode: qrScanner.mode,
      open: () => openNodeHidDevice({ vendorId: qrScanner.vendorId, productId: qrScanner.productId }),
    };
  } else if (qrScanner.kind === 'simulator') options.qrScanner = { mode: 'hidPos', open: sim().qrDevice.open };
  if (receiptPrinter.kind === 'serial') {
    options.receiptPrinter = {
      transport: createSerialTransport({ path: receiptPrinter.path, baudRate: receiptPrinter.baudRate }),
      driverOptions: { responseTimeoutMs: statusDeadlineMs(receiptPrinter.baudRate) },
    };
  } else if (receiptPrinter.kind === 'simulator') {
    options.receiptPrinter = {
      transport: sim().receiptPrinterTransport,
      driverOptions: { responseTimeoutMs: SIMULATED_ANSWER_DEADLINE_MS },
    };
  }
  if (a4Printer.kind === 'cups') options.a4Printer = new CupsA4Printer({ printer: a4Printer.printer });
  else if (a4Printer.kind === 'windows') options.a4Printer = new WindowsA4Printer({ printer: a4Printer.printer });
  else if (a4Printer.kind === 'simulator') options.a4Printer = sim().a4Printer;
  return options;
}

/**
 * How long the host waits for a simulated device's answer. A simulator answers on this process's
 * own event loop, which in the embedded default also runs the hall server and its embedded database (a query
 * there holds the loop): a busy moment of the process is not a silent device, and counting it as one
 * failed prints on a loaded demo machine and in tests. Real devices keep their own deadlines.
 */
const SIMULATED_ANSWER_DEADLINE_MS = 2_000;

/**
 * A status answer can queue behind one job chunk on the line (512 bytes, 10 bits a byte), so
 * its deadline is that line time plus the printer's own 500 ms: at 9600 baud a chunk alone takes 533 ms.
 */
export function statusDeadlineMs(baudRate: number): number {
  return Math.ceil((512 * 10 * 1000) / baudRate) + 500;
}
