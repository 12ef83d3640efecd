// Liveness frames per second in Chromium (issue 14): the liveness loop's frame analysis as an
// attempt runs it (detection, 68 landmarks, eye and skin pixels, and the screen-light colour
// response the evidence carries) back to back, on the built face-lab page with Chromium's fake
// camera showing franck_01829.jpg at 30 frames/s, each picture with its own sensor-like noise (the
// engine waits for a picture it has not analysed; a camera's frame rate caps the loop). In ONE Chromium run, interleaved rounds:
//   today    - page not cross-origin isolated (plain SIMD build, one thread), whole frame, as before;
//   threads  - cross-origin isolated page, threaded SIMD build with 2 threads, whole frame;
//   tracked  - cross-origin isolated page, the engine's thread default, tracked region;
//   tracked+threads - cross-origin isolated, 2 threads, tracked region.
// Baseline: "today". Median of the rounds. `npx tsx bench/face-fps.ts` (ROUNDS, SECONDS to change).
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBrowserMode, type BrowserModeServer } from '../host/browser-mode/server';
import { launchChromium } from '../tests/browser/chromium';
import { noisyStillY4m } from '../tests/browser/face-video';
import type { BenchResult } from './types';

interface Variant {
  name: string;
  isolated: boolean;
  threads?: number;
  trackRegion: boolean;
}

const VARIANTS: Variant[] = [
  { name: 'today: whole frame, 1 thread, not isolated', isolated: false, trackRegion: false },
  { name: 'isolated, 2 threads, whole frame', isolated: true, threads: 2, trackRegion: false },
  { name: 'new loop: isolated, tracked region, engine default threads', isolated: true, trackRegion: true },
  { name: 'isolated, 2 threads, tracked region', isolated: true, threads: 2, trackRegion: true },
];

interface Lab {
  faceLab: {
    start(config: object, threads?: number): Promise<{ threads: number; isolated: boolean }>;
    timeLoop(ms: number): Promise<{ framesPerSecond: number; withFace: number; wholeFrame: number }>;
  };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Frames/s of each variant (median of `rounds` runs of `seconds`), or null without a built renderer. */
export async function benchFaceFps(rounds = 3, seconds = 5): Promise<BenchResult[]> {
  const rendererDir = path.resolve(import.meta.dirname, '../dist/renderer');
  if (!existsSync(path.join(rendererDir, 'face-lab.html'))) {
    console.log('face-fps bench: dist/renderer/face-lab.html missing (npm run build); skipped');
    return [];
  }
  process.env.KIOSK_LOG ??= 'silent';
  const dir = mkdtempSync(path.join(os.tmpdir(), 'face-fps-'));
  const kiosk = { dispatch: async () => ({ ok: true as const, value: null }), subscribe: () => () => undefined };
  const servers = new Map<boolean, BrowserModeServer>();
  for (const isolated of [false, true])
    servers.set(isolated, await startBrowserMode({ rendererDir, kiosk, crossOriginIsolated: isolated }));
  const browser = await launchChromium([
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    `--use-file-for-fake-video-capture=${noisyStillY4m(dir, 'franck_01829.jpg', 30)}`,
  ]);
  const fps = new Map<string, number[]>(VARIANTS.map((v) => [v.name, []]));
  try {
    for (let round = 0; round < rounds; round++)
      for (const v of round % 2 ? [...VARIANTS].reverse() : VARIANTS) {
        const page = await browser.newPage();
        await page.goto(`${servers.get(v.isolated)!.origin}/face-lab.html`);
        const started = await page.evaluate(
          ([config, threads]) => (globalThis as unknown as Lab).faceLab.start(config, threads),
          [{ trackRegion: v.trackRegion }, v.threads] as const,
        );
        const r = await page.evaluate((ms) => (globalThis as unknown as Lab).faceLab.timeLoop(ms), seconds * 1000);
        await page.close();
        if (started.isolated !== v.isolated) throw new Error(`${v.name}: page isolated ${started.isolated}`);
        if (r.withFace < 1)
          throw new Error(`${v.name}: the face was lost in ${((1 - r.withFace) * 100).toFixed(0)} % of frames`);
        console.log(
          `  ${v.name}: ${r.framesPerSecond.toFixed(1)} frames/s (threads ${started.threads}, whole frame searched in ${(r.wholeFrame * 100).toFixed(0)} %)`,
        );
        fps.get(v.name)!.push(r.framesPerSecond);
      }
  } finally {
    await browser.close();
    for (const s of servers.values()) await s.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const baseline = median(fps.get(VARIANTS[0]!.name)!);
  return VARIANTS.map((v) => ({
    name: `liveness loop, Chromium, ${v.name}`,
    value: median(fps.get(v.name)!),
    unit: 'frames/s',
    baseline,
  }));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const load = os.loadavg()[0]!.toFixed(2);
  const results = await benchFaceFps(Number(process.env.ROUNDS ?? 3), Number(process.env.SECONDS ?? 5));
  const machine = `${os.cpus()[0]?.model ?? 'unknown'}, ${os.availableParallelism()} cores, Node ${process.version}, load ${load} before, ${os.loadavg()[0]!.toFixed(2)} after`;
  console.log(`machine: ${machine}`);
  for (const r of results)
    console.log(
      `${r.name.padEnd(84)} ${r.value.toFixed(1).padStart(6)} ${r.unit}   x${(r.value / r.baseline).toFixed(2)}`,
    );
  const dir = path.join(import.meta.dirname, 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, 'face-fps.json'),
    JSON.stringify({ machine, date: new Date().toISOString(), results }, null, 2) + '\n',
  );
}
