// The face engine as built (dist/renderer, face-lab.html) in Debian Chromium, served by the host's
// browser-mode server (its CSP included), with a fake camera playing a y4m made by face-video.ts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserMode, type BrowserModeServer } from '../../host/browser-mode/server';
import { launchChromium, screenshot } from './chromium';
import { actionsY4m, stillPhotoY4m } from './face-video';

process.env.KIOSK_LOG = 'silent';

type Action = 'blink' | 'openMouth' | 'turnLeft' | 'turnRight';
interface Progress {
  step: string;
  problem?: string | null;
  action?: Action;
}
interface Result {
  outcome: 'captured' | 'failed';
  reason?: string;
  /** Each with the index of the frame it was taken from (the server checks when it was taken). */
  descriptors?: { frame: number; values: number[] }[];
  consistency?: number;
  antiSpoof?: number | null;
  liveness?: number | null;
  trace: { completed: Action[]; frames: number; fps: number } | null;
}
/** window.faceLab of renderer/src/face/lab/main.ts, as seen from the test. */
interface Lab {
  faceLab: {
    start(config?: object): Promise<{ backend: string; isolated: boolean; width: number; height: number }>;
    attempt(challenge: Action[]): Promise<{ result: Result; progress: Progress[] }>;
    numTensors(): number;
  };
}

let dir: string;
let server: BrowserModeServer;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'face-video-'));
  server = await startBrowserMode({
    rendererDir: path.resolve(import.meta.dirname, '../../dist/renderer'),
    kiosk: { dispatch: async () => ({ ok: true, value: null }), subscribe: () => () => undefined },
  });
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function openLab(
  video: string,
  config: { actionTimeoutMs?: number } = {},
): Promise<{ browser: Browser; page: Page }> {
  const browser = await launchChromium([
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    `--use-file-for-fake-video-capture=${video}`,
  ]);
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(`${server.origin}/face-lab.html`);
  const started = await page.evaluate((cfg) => (globalThis as unknown as Lab).faceLab.start(cfg), config);
  expect(started.backend).toBe('wasm');
  // Served cross-origin isolated (COOP/COEP), so the WebAssembly backend may run threads.
  expect(started.isolated).toBe(true);
  // Models and wasm came from the app's own origin, nothing from elsewhere.
  expect(requests.filter((u) => !u.startsWith(server.origin))).toEqual([]);
  expect(requests.some((u) => u.endsWith('.wasm'))).toBe(true);
  return { browser, page };
}

const attempt = (page: Page, challenge: Action[]) =>
  page.evaluate((c) => (globalThis as unknown as Lab).faceLab.attempt(c), challenge);

describe('face engine in Chromium with a fake camera', () => {
  it('passes the quality gate on a still photo but fails its blink when the time is up, leaving no tensors', async () => {
    // 4 s for an action instead of the kiosk's 10: the photo never blinks, and every second of
    // waiting is a second of face detection on both cores of a CI machine.
    const { browser, page } = await openLab(stillPhotoY4m(dir), { actionTimeoutMs: 4_000 });
    try {
      const first = await attempt(page, ['blink', 'openMouth']);
      expect(first.progress.filter((p) => p.step === 'quality').at(-1)).toEqual({ step: 'quality', problem: null });
      expect(first.progress.some((p) => p.step === 'action' && p.action === 'blink')).toBe(true);
      expect(first.result).toMatchObject({ outcome: 'failed', reason: 'actionTimeout' });
      expect(first.result.trace?.completed).toEqual([]);
      await screenshot(page, 'face-lab-still-photo');
      const tensors = await page.evaluate(() => (globalThis as unknown as Lab).faceLab.numTensors());
      const second = await attempt(page, ['turnLeft', 'blink']);
      expect(second.result).toMatchObject({ outcome: 'failed', reason: 'actionTimeout' });
      expect(await page.evaluate(() => (globalThis as unknown as Lab).faceLab.numTensors())).toBe(tensors);
      console.log(`still photo: ${first.result.trace?.frames} frames at ${first.result.trace?.fps} fps`);
    } finally {
      await browser.close();
    }
  });

  it('captures a real person doing the actions (franck.mp4 frames), with consistent descriptors', async () => {
    const { browser, page } = await openLab(actionsY4m(dir));
    try {
      for (const challenge of [
        ['blink', 'turnLeft'],
        ['openMouth', 'turnRight', 'blink'],
      ] as Action[][]) {
        const { result } = await attempt(page, challenge);
        console.log(
          `${challenge.join(',')}: ${result.outcome} ${result.reason ?? ''} consistency ${result.consistency?.toFixed(3)} ` +
            `antiSpoof ${result.antiSpoof?.toFixed(2)} liveness ${result.liveness?.toFixed(2)} ` +
            `${result.trace?.frames} frames at ${result.trace?.fps} fps`,
        );
        expect(result.outcome).toBe('captured');
        expect(result.trace?.completed).toEqual(challenge);
        expect(result.descriptors!.length).toBeGreaterThanOrEqual(3);
        expect(result.descriptors!.every((d) => d.values.length === 128 && Number.isInteger(d.frame))).toBe(true);
        expect(result.consistency!).toBeLessThan(0.5);
      }
      await screenshot(page, 'face-lab-actions');
    } finally {
      await browser.close();
    }
  });
});
