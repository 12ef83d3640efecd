/**
 * A terminal whose configuration has no A4 printer and no receipt printer: the start screen in
 * Chromium offers neither statements nor queue tickets at any kiosk screen size, and the card and
 * card-free services it can carry out are still there. Screenshots:
 * test-results/screenshots/installed-devices-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from './chromium';
import { startKiosk, type KioskHarness } from './kiosk-harness';

let h: KioskHarness;
beforeAll(async () => {
  h = await startKiosk({ devices: { a4Printer: { kind: 'none' }, receiptPrinter: { kind: 'none' } } });
});
afterAll(async () => {
  await h?.close();
});

describe('a terminal without printers', () => {
  for (const [width, height] of [
    [1080, 1920],
    [1920, 1080],
    [1280, 1024],
    [1366, 768],
  ] as const) {
    it(`shows only services it can carry out at ${width}x${height}`, async () => {
      await h.kiosk.setViewportSize({ width, height });
      await expect.poll(() => h.kiosk.getByTestId('service-inquiry').isVisible(), { timeout: 20_000 }).toBe(true);
      await expect.poll(() => h.kiosk.getByTestId('service-guides').isVisible()).toBe(true);
      expect(await h.kiosk.getByTestId('service-statements').count()).toBe(0);
      expect(await h.kiosk.getByTestId('service-queue').count()).toBe(0);
      await screenshot(h.kiosk, `installed-devices-${width}x${height}`);
    });
  }
});
