// Face engine speed: one liveness frame (detection + 68 landmarks, what the action loop runs) and
// one full descriptor frame (+ the 128-d descriptor), tiny detector versus SSD, WASM backend, in
// Node (face-api node-wasm build) and in headless Chromium (the built face-lab page, fake camera
// showing the same photo). Baseline: the Node tiny liveness frame of the same run.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startBrowserMode } from '../host/browser-mode/server';
import { launchChromium } from '../tests/browser/chromium';
import { stillPhotoY4m } from '../tests/browser/face-video';
import { analyseImage, decodeImage, loadNodeFaceApi, MEDIA_DIR } from '../tests/face/node-face';
import type { BenchResult } from './types';

const PHOTO = 'franck_01829.jpg';

async function nodeMs(detector: 'tiny' | 'ssd', withDescriptor: boolean, n: number): Promise<number> {
  await loadNodeFaceApi();
  const img = decodeImage(path.join(MEDIA_DIR, PHOTO));
  await analyseImage(img, detector, withDescriptor); // warm-up
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await analyseImage(img, detector, withDescriptor);
    times.push(performance.now() - t0);
  }
  return median(times);
}

interface Lab {
  faceLab: {
    start(config: object): Promise<unknown>;
    timeFrames(n: number): Promise<{ livenessMs: number; descriptorMs: number }>;
  };
}

async function chromiumMs(
  n: number,
): Promise<Record<'tiny' | 'ssd', { livenessMs: number; descriptorMs: number }> | null> {
  const rendererDir = path.resolve(import.meta.dirname, '../dist/renderer');
  if (!existsSync(path.join(rendererDir, 'face-lab.html'))) {
    console.log('face bench: dist/renderer/face-lab.html missing (npm run build); Chromium figures skipped');
    return null;
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'face-bench-'));
  process.env.KIOSK_LOG ??= 'silent';
  const server = await startBrowserMode({
    rendererDir,
    kiosk: { dispatch: async () => ({ ok: true, value: null }), subscribe: () => () => undefined },
  });
  const browser = await launchChromium([
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    `--use-file-for-fake-video-capture=${stillPhotoY4m(dir, PHOTO)}`,
  ]);
  try {
    const out: Record<string, { livenessMs: number; descriptorMs: number }> = {};
    for (const detector of ['tiny', 'ssd'] as const) {
      const page = await browser.newPage();
      await page.goto(`${server.origin}/face-lab.html`);
      await page.evaluate((d) => (globalThis as unknown as Lab).faceLab.start({ detector: d }), detector);
      out[detector] = await page.evaluate((k) => (globalThis as unknown as Lab).faceLab.timeFrames(k), n);
      await page.close();
    }
    return out as Record<'tiny' | 'ssd', { livenessMs: number; descriptorMs: number }>;
  } finally {
    await browser.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export async function benchFace(n = 9): Promise<BenchResult[]> {
  const b = await nodeMs('tiny', false, n);
  const results: BenchResult[] = [
    { name: 'face liveness frame, tiny, Node WASM (baseline)', value: b, unit: 'ms', baseline: b },
    { name: 'face descriptor frame, tiny, Node WASM', value: await nodeMs('tiny', true, n), unit: 'ms', baseline: b },
    { name: 'face liveness frame, SSD, Node WASM', value: await nodeMs('ssd', false, n), unit: 'ms', baseline: b },
    { name: 'face descriptor frame, SSD, Node WASM', value: await nodeMs('ssd', true, n), unit: 'ms', baseline: b },
  ];
  const chromium = await chromiumMs(n);
  if (chromium)
    for (const d of ['tiny', 'ssd'] as const) {
      results.push({
        name: `face liveness frame, ${d}, Chromium WASM`,
        value: chromium[d].livenessMs,
        unit: 'ms',
        baseline: b,
      });
      results.push({
        name: `face descriptor frame, ${d}, Chromium WASM`,
        value: chromium[d].descriptorMs,
        unit: 'ms',
        baseline: b,
      });
    }
  return results;
}
