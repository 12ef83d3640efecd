// Device faults in a real browser: the simulator page pulls the receipt printer's paper or its
// cable, the kiosk's attract screen says which service is paused, and the notice goes away by
// itself when the printer is back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, seriousA11yViolations } from './chromium';
import { startKiosk, type KioskHarness } from './kiosk-harness';

let k: KioskHarness;

beforeAll(async () => {
  k = await startKiosk();
});
afterAll(() => k?.close());

const PAPER_OUT = '小票打印机缺纸，暂停打印小票；排队号显示在屏幕上';
const DISCONNECTED = '小票打印机未连接，暂停打印小票；排队号显示在屏幕上';

describe('device health on the attract screen (Chromium, browser mode)', () => {
  it('paper out is said in plain words and goes away with a new roll', async () => {
    await k.kiosk.getByTestId('screen-attract').waitFor();
    await k.simulator.getByTestId('sim-paper-out').click();
    await k.kiosk.getByText(PAPER_OUT).waitFor({ timeout: 5_000 });
    // The card prompt stays: only printing is paused.
    await expect(k.kiosk.getByTestId('screen-attract').textContent()).resolves.toContain('请将身份证放在读卡区');
    await screenshot(k.kiosk, 'devices-01-paper-out');
    expect(await seriousA11yViolations(k.kiosk)).toEqual([]);
    await k.simulator.getByTestId('sim-paper-ok').click();
    await k.kiosk.getByText(PAPER_OUT).waitFor({ state: 'detached', timeout: 5_000 });
    expect(await k.kiosk.getByTestId('device-notices').count()).toBe(0);
  });

  it('an unplugged receipt printer is said in plain words; after replug it recovers on its own', async () => {
    await k.simulator.getByTestId('sim-unplug-receiptPrinter').click();
    await k.kiosk.getByText(DISCONNECTED).waitFor({ timeout: 5_000 });
    await screenshot(k.kiosk, 'devices-02-printer-unplugged');
    expect(await seriousA11yViolations(k.kiosk)).toEqual([]);
    await k.simulator.getByTestId('sim-replug-receiptPrinter').click();
    await k.kiosk.getByText(DISCONNECTED).waitFor({ state: 'detached', timeout: 5_000 });
  });

  it('the simulator page shows a printed receipt as an image', async () => {
    const { buildReceiptJob } = await import('../../devices/receipt-printer/job');
    // No kiosk flow prints yet, so the test prints through the host's device manager: the bytes
    // cross the simulated cable and the page draws what the printer received.
    await k.running.devices.printReceipt({ escpos: buildReceiptJob('^^排队号 A017\n\n前面还有 3 人\n').escpos });
    await k.simulator.getByTestId('sim-receipt').first().waitFor({ timeout: 5_000 });
    await k.simulator.getByTestId('sim-receipt').first().scrollIntoViewIfNeeded();
    await screenshot(k.simulator, 'devices-03-simulator-receipt');
    const loaded = await k.simulator
      .getByTestId('sim-receipt')
      .first()
      .evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth);
    expect(loaded).toBeGreaterThan(0);
  });

  it('the simulator page shows the first page of a printed A4 document', async () => {
    const { minimalPdf } = await import('../devices/cups-helper');
    const { jobId } = await k.running.devices.printA4(minimalPdf(['INSURANCE CERTIFICATE', 'verify at 12333']), {
      title: 'insurance certificate',
    });
    expect(jobId).toBeTruthy();
    const page = k.simulator.getByTestId('sim-a4-page').first();
    await page.waitFor({ timeout: 10_000 });
    await page.scrollIntoViewIfNeeded();
    await screenshot(k.simulator, 'devices-04-simulator-a4-page');
    const size = await page.evaluate((img) => {
      const i = img as unknown as { naturalWidth: number; naturalHeight: number };
      return { w: i.naturalWidth, h: i.naturalHeight };
    });
    // An A4 page drawn at 36 dpi: about 298 x 421 pixels, portrait.
    expect(size.w).toBeGreaterThan(250);
    expect(size.h / size.w).toBeCloseTo(Math.SQRT2, 1);
  });
});
