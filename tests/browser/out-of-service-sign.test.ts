/**
 * The shell's 暂停服务 sign (a wrong or missing configuration) in real Chromium at the kiosk
 * screen sizes: the sign, the hotline and the staff reason all fit on the screen, nothing scrolls,
 * and axe finds nothing serious. Screenshots: test-results/screenshots/out-of-service-*.png.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outOfServiceUrl } from '../../electron/out-of-service';
import { launchChromium, screenshot, seriousA11yViolations } from './chromium';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const problem = {
  summary: '终端配置文件有误 · the terminal configuration has wrong fields',
  file: '/etc/hrss-kiosk/kiosk.json',
  fields: [
    { field: 'hallServerUrl', message: 'Invalid URL' },
    {
      field: 'devices.qrScanner.vendorId',
      message: 'the vendor id (VID) is a number from 0 to 65535 (0xFFFF), e.g. 0x0c2e',
    },
    { field: 'devices.receiptPrinter.path', message: 'a serial port looks like /dev/ttyUSB0 or COM3' },
  ],
};

describe('the out-of-service sign', () => {
  for (const [width, height] of [
    [1080, 1920],
    [1920, 1080],
    [1280, 1024],
    [1366, 768],
  ] as const) {
    it(`fits ${width}x${height} with the hotline and every wrong field`, async () => {
      const page = await browser.newPage({ viewport: { width, height } });
      await page.goto(outOfServiceUrl(problem, 30));
      await expect.poll(() => page.getByRole('heading', { name: '暂停服务' }).isVisible()).toBe(true);
      const fits = await page.evaluate(
        'document.documentElement.scrollHeight <= innerHeight && document.documentElement.scrollWidth <= innerWidth',
      );
      expect(fits).toBe(true);
      const headingPx = await page.evaluate('parseFloat(getComputedStyle(document.querySelector("h1")).fontSize)');
      expect(headingPx).toBeGreaterThanOrEqual(64);
      for (const text of ['12333', 'devices.qrScanner.vendorId', '/etc/hrss-kiosk/kiosk.json']) {
        await expect.poll(() => page.getByText(text, { exact: false }).first().isVisible()).toBe(true);
      }
      expect(await seriousA11yViolations(page)).toEqual([]);
      await screenshot(page, `out-of-service-${width}x${height}`);
      await page.close();
    });
  }
});
