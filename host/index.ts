/** The kiosk host: the terminal's Node side, run by Electron's main process or in browser mode. */
import path from 'node:path';
import { loadHostConfig } from './config';
import type { KioskHost } from './kiosk-host';
import { log } from './log';
import { runHost } from './run-host';

export { loadHostConfig, parseHostConfig, HostConfig } from './config';
export type { KioskHost } from './kiosk-host';
export { runHost, type RunHostOptions, type RunningHost } from './run-host';

/**
 * For the Electron shell: the host configured by the file named in `KIOSK_CONFIG`
 * (the simulator page, if the config uses simulators, is served on loopback and its URL logged).
 */
export async function createKioskHostFromEnv(): Promise<KioskHost> {
  const configPath = process.env.KIOSK_CONFIG;
  if (!configPath) throw new Error('Set KIOSK_CONFIG to the terminal configuration file.');
  const demoCards = process.env.KIOSK_DEMO_CARDS ? JSON.parse(process.env.KIOSK_DEMO_CARDS) : [];
  const running = await runHost({
    config: loadHostConfig(configPath),
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
