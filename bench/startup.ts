// `npx tsx bench/startup.ts`: `npm start` to the first usable screen, on a fresh clone of this
// repository's HEAD (no dist/, no .data/), then a second start of the same clone. "Usable" is the
// kiosk's attract screen shown in Chromium. node_modules is linked from this checkout: `npm
// install` is not what is measured. Baseline in the same run: starting tsx on an empty script.
// Takes about a minute; not part of `npm run bench` or CI.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchChromium } from '../tests/browser/chromium';

const repo = path.resolve(import.meta.dirname, '..');
const tsx = path.join(repo, 'node_modules/.bin/tsx');

interface Start {
  /** Process spawned → the kiosk URL printed (server seeded, host up, pages built). */
  urlMs: number;
  /** Process spawned → the attract screen visible in Chromium. */
  screenMs: number;
}

async function startOnce(clone: string): Promise<Start> {
  const browser = await launchChromium();
  const t0 = performance.now();
  const child = spawn(tsx, ['scripts/start.ts'], {
    cwd: clone,
    env: { ...process.env, KIOSK_NO_BROWSER: '1', KIOSK_LOG: 'silent' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /Kiosk UI:\s+(\S+)/.exec(out);
        if (match) resolve(match[1]!);
      });
      child.once('exit', (code) =>
        reject(new Error(`npm start exited (${code}) before printing the kiosk URL:\n${out}`)),
      );
    });
    const urlMs = performance.now() - t0;
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(url);
    await page.getByTestId('screen-attract').waitFor({ timeout: 60_000 });
    return { urlMs, screenMs: performance.now() - t0 };
  } finally {
    await browser.close();
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGINT');
    await exited;
  }
}

async function main(): Promise<void> {
  const clone = mkdtempSync(path.join(os.tmpdir(), 'hrss-startup-'));
  try {
    execFileSync('git', ['clone', '--quiet', repo, clone]);
    symlinkSync(path.join(repo, 'node_modules'), path.join(clone, 'node_modules'));
    const empty = path.join(clone, '.empty.ts');
    writeFileSync(empty, '');
    const b0 = performance.now();
    execFileSync(tsx, [empty]);
    const baselineMs = performance.now() - b0;

    const first = await startOnce(clone);
    const second = await startOnce(clone);
    const row = (name: string, ms: number) =>
      console.log(`${name.padEnd(52)} ${(ms / 1000).toFixed(2).padStart(7)} s   x${(ms / baselineMs).toFixed(1)}`);
    console.log(
      `machine: ${os.cpus()[0]?.model}, ${os.availableParallelism()} cores, load ${os.loadavg()[0]!.toFixed(1)}`,
    );
    row('tsx on an empty script (baseline)', baselineMs);
    row('first start, fresh clone: kiosk URL printed', first.urlMs);
    row('first start, fresh clone: attract screen shown', first.screenMs);
    row('second start: kiosk URL printed', second.urlMs);
    row('second start: attract screen shown', second.screenMs);
  } finally {
    rmSync(clone, { recursive: true, force: true });
  }
}

await main();
