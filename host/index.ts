/** The kiosk host: the terminal's Node side, run by Electron's main process or in browser mode. */
import path from 'node:path';
import { loadHostConfig } from './config';
import { configFilePath, prepareDataDir } from './config-location';
import { RotatingLogFile } from './log-file';
import type { KioskHost } from './kiosk-host';
import { attachLogFile, log } from './log';
import { type RunHostOptions, runHost } from './run-host';

export { loadHostConfig, parseHostConfig, HostConfig, HostConfigError } from './config';
export { configFilePath, dataDirPath, prepareDataDir } from './config-location';
export type { KioskHost } from './kiosk-host';
export { runHost, type RunHostOptions, type RunningHost } from './run-host';

/** What an installed terminal's host needs from the shell. */
export interface InstalledHostOptions {
  /** The data folder (content cache, log files); created owner-only. */
  dataDir: string;
  /** The application's version, reported in heartbeats and on the maintenance screen. */
  appVersion: string;
  /** Electron's safeStorage: the terminal key is kept by the OS's store where it really protects. */
  safeStorage?: RunHostOptions['safeStorage'];
}

/**
 * For the Electron shell: the host configured by the OS's standard file (/etc/hrss-kiosk/kiosk.json,
 * %ProgramData%\hrss-kiosk\kiosk.json; `KIOSK_CONFIG` overrides). Throws a HostConfigError naming
 * the file and every wrong field. The simulator page, if the config asks for simulators, is served
 * on loopback and its URL logged.
 */
export async function createKioskHostFromEnv({
  dataDir,
  appVersion,
  safeStorage,
}: InstalledHostOptions): Promise<KioskHost> {
  // The log file first, so a configuration problem is in it too.
  attachLogFile(new RotatingLogFile(path.join(prepareDataDir(dataDir), 'logs')));
  log.info('host', `HRSS kiosk ${appVersion} starting; data in ${dataDir}`);
  const config = loadHostConfig(configFilePath(process.platform, process.env));
  const demoCards = process.env.KIOSK_DEMO_CARDS ? JSON.parse(process.env.KIOSK_DEMO_CARDS) : [];
  const running = await runHost({
    config,
    dataDir,
    appVersion,
    safeStorage,
    // Bundled into dist/electron/main.js, so the renderer is its sibling folder.
    rendererDir: process.env.KIOSK_RENDERER_DIR ?? path.resolve(import.meta.dirname, '../renderer'),
    browserMode: false,
    demoCards,
    start: false,
  });
  // The shell starts the host once its window is up; starting and stopping cover the simulated
  // hardware and the simulator page's loopback server too.
  return {
    ...running.host,
    start: async () => {
      await running.start();
      if (running.web?.simulatorUrl) log.info('host', `device simulator page: ${running.web.simulatorUrl}`);
    },
    stop: running.stop,
  };
}
