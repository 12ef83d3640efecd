/** Builds the terminal's updater from its configuration (create-host.ts calls this). */
import type { DeviceManager } from '../device-manager/device-manager';
import type { HallClient } from '../hall-client/hall-client';
import { log } from '../log';
import { createDebInstaller } from './deb-installer';
import { type AutoUpdaterLike, createElectronInstaller } from './electron-installer';
import type { Installer, VerifiedPackage } from './installer';
import { createUpdateClient, feedUrl, terminalHeaders, type UpdateClientOptions } from './update-client';
import { Updater } from './updater';
import type { UpdatesConfig } from './updates-config';
import { pinnedKeys, verifyFeed } from './verify';

export interface SetupUpdatesOptions {
  updates: UpdatesConfig;
  hall: Pick<HallClient, 'call'>;
  hallServerUrl: string;
  terminalId: string;
  terminalSecret: string;
  /** Signs the package downloads (see createUpdateClient). */
  credentials?: UpdateClientOptions['credentials'];
  appVersion: string;
  dataDir: string;
  idle(): boolean;
  requestRestart(): void;
  /** electron-updater's autoUpdater (the Electron shell passes it). */
  autoUpdater?: AutoUpdaterLike | undefined;
  fetch?: typeof fetch | undefined;
}

/** The updater, or null when it cannot run here (an Electron terminal without electron-updater). */
export function setupUpdates(options: SetupUpdatesOptions): Updater | null {
  const { updates } = options;
  const keys = pinnedKeys(updates.publicKeys);
  const client = createUpdateClient({
    hall: options.hall,
    baseUrl: options.hallServerUrl,
    terminalId: options.terminalId,
    terminalSecret: options.terminalSecret,
    credentials: options.credentials,
    fetch: options.fetch,
  });
  let installer: Installer;
  let beforeInstall: ((pkg: VerifiedPackage) => Promise<void>) | undefined;
  if (updates.kind === 'deb') {
    installer = createDebInstaller({ command: updates.dpkgCommand });
  } else {
    if (!options.autoUpdater) {
      log.warn('updates', 'an Electron terminal needs electron-updater to update itself; updates are off');
      return null;
    }
    installer = createElectronInstaller({
      autoUpdater: options.autoUpdater,
      feedUrl: (releaseId) => feedUrl(options.hallServerUrl, releaseId),
      headers: terminalHeaders(options.terminalId, options.terminalSecret),
    });
    beforeInstall = async (pkg: VerifiedPackage) => {
      const name = pkg.manifest.arch === 'arm64' ? 'latest-linux-arm64.yml' : 'latest-linux.yml';
      const { text, signature } = await client.feedText(pkg.manifest.releaseId, name);
      verifyFeed(text, signature, pkg.manifest, keys);
    };
  }
  return new Updater({
    client,
    installer,
    keys,
    kind: updates.kind,
    arch: updates.arch,
    appVersion: options.appVersion,
    dataDir: options.dataDir,
    idle: options.idle,
    requestRestart: options.requestRestart,
    healthWindowMs: updates.healthWindowMs,
    checkIntervalMs: updates.checkIntervalMs,
    beforeInstall,
  });
}

/** The device manager with a count of print jobs in flight (an update never starts mid-print). */
export function countingPrints(devices: DeviceManager): { devices: DeviceManager; printing(): number } {
  let inFlight = 0;
  const counted =
    <A extends unknown[], R>(f: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      inFlight++;
      try {
        return await f(...args);
      } finally {
        inFlight--;
      }
    };
  // Looked up at call time, and everything else passed through unchanged: a copy of the object would
  // freeze its methods, and a test or a shell that swaps one (a reader's PIN pad) would not be seen.
  const printReceipt = counted((...args: Parameters<DeviceManager['printReceipt']>) => devices.printReceipt(...args));
  const printA4 = counted((...args: Parameters<DeviceManager['printA4']>) => devices.printA4(...args));
  const wrapped = new Proxy(devices, {
    get(target, property, receiver) {
      if (property === 'printReceipt') return printReceipt;
      if (property === 'printA4') return printA4;
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
  return { devices: wrapped, printing: () => inFlight };
}
