// The embedded default, in-process, for browser tests: a hall server over a PGlite copy of the
// seeded template, a kiosk host with simulated devices in browser mode, and Chromium.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { parseHostConfig, runHost, type RunningHost } from '../../host';
import type { HostConfigInput } from '../../host/config';
import type { RunHostOptions } from '../../host/run-host';
import type { LivenessAction } from '../../contracts';
import { DEMO_HALL_NAME_EN, demoCards, startHallServer, type HallServer } from '../../server';
import { httpPaymentProvider } from '../../server/payment/http-provider';
import { type PaymentSimulator, startPaymentSimulator } from '../../server/payment/simulator';
import { launchChromium } from './chromium';
import { LIVE_CAMERA_SCRIPT } from './live-camera';

export interface KioskHarness {
  browser: Browser;
  kiosk: Page;
  simulator: Page;
  running: RunningHost;
  /** The in-process hall server (a test may stop it to see the kiosk offline). */
  hall: HallServer;
  /** The payment channel simulator, when asked for (`payment: true`). */
  channel: PaymentSimulator | null;
  close(): Promise<void>;
}

/** Starts server, host and browser; opens the kiosk UI (1920x1080) and the simulator page. */
export interface KioskHarnessOptions {
  sessionTimeoutMs?: number;
  dataDir?: string;
  /** A y4m file Chromium's fake camera plays (face certification tests; see face-video.ts). */
  cameraVideo?: string;
  /** Hall server options for certification tests: the actions every challenge asks (the video shows them all). */
  certification?: { fixedActions?: LivenessAction[]; actionTimeoutMs?: number };
  /** Wraps the camera so its frames take the kiosk screen's light (live-camera.ts). */
  liveCamera?: boolean;
  /** Devices as a terminal's file would say (default: every device simulated). */
  devices?: HostConfigInput['devices'];
  /** Self-healing settings (the renderer watchdog's deadline, the quiet hour). */
  recovery?: HostConfigInput['recovery'];
  /** What the "shell" does on a reload/relaunch request (see RunHostOptions.onRecovery). */
  onRecovery?: RunHostOptions['onRecovery'];
  /** Payment through the channel simulator (as the embedded default): the hall server gets it as its provider. */
  payment?: boolean;
}

export async function startKiosk(options: KioskHarnessOptions = {}): Promise<KioskHarness> {
  process.env.KIOSK_LOG ??= 'silent';
  // Chromium starts beside the hall server and the host (it needs neither until the pages open):
  // a second or two less for each of the 35-odd kiosks the browser files start.
  const browserStarting = launchChromium(
    options.cameraVideo
      ? [
          '--use-fake-ui-for-media-stream',
          '--use-fake-device-for-media-stream',
          `--use-file-for-fake-video-capture=${options.cameraVideo}`,
        ]
      : [],
  );
  // As the embedded default: the simulator page may enrol a webcam face for a demo retiree.
  const serversStarting = (async () => {
    const channel = options.payment ? await startPaymentSimulator() : null;
    const hall = await startHallServer({
      port: 0,
      seedIfEmpty: true,
      certification: { simulatorRoutes: true, ...options.certification },
      hallNameEn: DEMO_HALL_NAME_EN,
      // These tests run at any hour; a hall in the evening holds SMS until 08:00 (quiet hours are
      // tested with a clock in tests/server/notices-worker.test.ts).
      notices: { worker: { quietHours: null } },
      ...(channel ? { payment: { provider: httpPaymentProvider({ baseUrl: channel.url, ...channel }) } } : {}),
    }).catch(async (error: unknown) => {
      await channel?.close();
      throw error;
    });
    try {
      const terminalSecret = await hall.registerTerminal({ terminalId: 'KIOSK-TEST-01' });
      const config = parseHostConfig({
        terminalId: 'KIOSK-TEST-01',
        terminalSecret,
        hallServerUrl: hall.url,
        sessionTimeoutMs: options.sessionTimeoutMs ?? 60_000,
        devices: options.devices,
        recovery: options.recovery,
      });
      const running = await runHost({
        config,
        rendererDir: path.resolve(import.meta.dirname, '../../dist/renderer'),
        browserMode: true,
        // A data folder of its own: browser files run in parallel and must not share a kept content copy.
        dataDir: options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'kiosk-harness-')),
        demoCards: demoCards(),
        issueECardCode: (idNumber, name, { expired }) =>
          hall.issueECardCode(idNumber, name, expired ? { now: new Date(Date.now() - 2 * 60_000) } : {}),
        onRecovery: options.onRecovery,
      });
      return { channel, hall, running };
    } catch (error) {
      await hall.close().catch(() => undefined);
      await channel?.close();
      throw error;
    }
  })();
  // Neither half is left running when the other fails to start (the first error is the one thrown).
  const [browserStarted, serversStarted] = await Promise.allSettled([browserStarting, serversStarting]);
  if (browserStarted.status === 'rejected' || serversStarted.status === 'rejected') {
    if (browserStarted.status === 'fulfilled') await browserStarted.value.close();
    if (serversStarted.status === 'fulfilled') {
      await serversStarted.value.running.stop();
      await serversStarted.value.hall.close().catch(() => undefined);
      await serversStarted.value.channel?.close();
    }
    throw browserStarted.status === 'rejected'
      ? browserStarted.reason
      : (serversStarted as PromiseRejectedResult).reason;
  }
  const browser = browserStarted.value;
  const { channel, hall, running } = serversStarted.value;
  // The kiosk and, in a window of its own, the simulator, opened side by side. A second tab in the
  // kiosk's window would put the kiosk in the background, where Chromium runs its animation frames
  // once a second (each click then waited two seconds for the key to be "stable"), unlike a kiosk,
  // which is always in front.
  const openKiosk = async () => {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' });
    if (options.liveCamera) await context.addInitScript({ content: LIVE_CAMERA_SCRIPT });
    const page = await context.newPage();
    await page.goto(running.web!.kioskUrl);
    return page;
  };
  const openSimulator = async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(running.web!.simulatorUrl!);
    return page;
  };
  const close = async () => {
    await browser.close();
    await running.stop();
    await hall.close().catch(() => undefined);
    await channel?.close();
  };
  try {
    const [kiosk, simulator] = await Promise.all([openKiosk(), openSimulator()]);
    return { browser, kiosk, simulator, running, hall, channel, close };
  } catch (error) {
    await close();
    throw error;
  }
}
