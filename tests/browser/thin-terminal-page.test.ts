// The thin-Linux terminal's screen as the package starts it: Debian's Chromium with the package's own
// flags (scripts/terminal/chromium.ts; headless instead of cage/Wayland) opens the host's /launch, the
// host admits it by its uid and hands it the cookie, and the kiosk's start screen comes up, at the
// four screen sizes. A browser without the cookie gets no KioskApi.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseHostConfig, runHost, type RunningHost } from '../../host';
import { kioskChromiumFlags } from '../../scripts/terminal/chromium';
import { CHROMIUM, screenshot } from './chromium';

type KioskPage = { kiosk: { getStatus(p: object): Promise<{ terminalId: string }> } };
let running: RunningHost;
let context: BrowserContext;

beforeAll(async () => {
  process.env.KIOSK_LOG ??= 'silent';
  running = await runHost({
    // No hall server: the kiosk comes up offline and says so, as a terminal whose network is down.
    config: parseHostConfig({
      terminalId: 'T-THIN-01',
      terminalSecret: 'abcdefghijklmnopqrstuvwx-secret',
      hallServerUrl: 'http://127.0.0.1:9/',
    }),
    rendererDir: path.resolve(import.meta.dirname, '../../dist/renderer'),
    browserMode: true,
    dataDir: mkdtempSync(path.join(tmpdir(), 'thin-terminal-')),
    launch: { uid: process.getuid!() },
  });
  const profile = mkdtempSync(path.join(tmpdir(), 'thin-terminal-profile-'));
  const flags = kioskChromiumFlags(profile).filter((f) => !/^--(user-data-dir|ozone-platform)=/.test(f));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1080, height: 1920 },
    locale: 'zh-CN',
    // As root on these machines Chromium needs --no-sandbox; the terminal runs it as `kiosk` with its sandbox.
    args: [...flags, '--no-sandbox', '--disable-gpu'],
  });
}, 120_000);
afterAll(async () => {
  await context?.close();
  await running?.stop();
});

describe('the kiosk page on a thin-Linux terminal', () => {
  it('comes up from /launch with no secret in any address, at every screen size', async () => {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(running.web!.launchUrl!);
    await page.getByTestId('screen-attract').waitFor({ timeout: 60_000 });
    expect(page.url()).toBe(`${running.web!.origin}/`);
    const cookies = await context.cookies(running.web!.origin);
    expect(cookies.find((c) => c.name === 'kiosk_auth')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    // The page reads its status over the cookie-authenticated WebSocket.
    await expect
      .poll(
        () => page.evaluate(() => (globalThis as unknown as KioskPage).kiosk.getStatus({}).then((s) => s.terminalId)),
        { timeout: 15_000 },
      )
      .toBe('T-THIN-01');
    // Cross-origin isolated (COOP/COEP) with the WebSocket working: the face engine may run threads.
    expect(
      await page.evaluate(() => (globalThis as unknown as { crossOriginIsolated: boolean }).crossOriginIsolated),
    ).toBe(true);
    for (const [w, h] of [
      [1080, 1920],
      [1920, 1080],
      [1280, 1024],
      [1366, 768],
    ] as const) {
      await page.setViewportSize({ width: w, height: h });
      await screenshot(page, `thin-terminal-${w}x${h}`);
    }
  });

  it('gives a page that did not come through /launch no KioskApi', async () => {
    const other = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
    const page = await other.newPage();
    await page.goto(`${running.web!.origin}/`);
    const answer = await page.evaluate(() =>
      (globalThis as unknown as KioskPage).kiosk.getStatus({}).then(
        () => 'answered',
        (error: { code?: string }) => error.code ?? 'failed',
      ),
    );
    expect(answer).toBe('unauthorized');
    await other.close();
  });
});
