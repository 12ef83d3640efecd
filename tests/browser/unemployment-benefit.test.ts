// 失业保险金 in a real browser over the embedded default: 刘志强 (receiving unemployment benefit)
// finds a fifth choice in 参保查询, passes the card PIN and sees each month's amount, the months
// received and the months left, at every kiosk screen size, with nothing off the side of the screen.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCards } from '../../server';
import { screenshot } from './chromium';
import { startKiosk, type KioskHarness } from './kiosk-harness';

let k: KioskHarness;
const liu = () => demoCards().find((c) => c.card.name === '刘志强')!.card;

beforeAll(async () => {
  k = await startKiosk({ sessionTimeoutMs: 300_000 });
});
afterAll(() => k?.close());

const sizes = [
  [1920, 1080],
  [1080, 1920],
  [1280, 1024],
  [1366, 768],
] as const;

describe('unemployment benefit inquiry', () => {
  it('shows 刘志强 his monthly amount, months received and months left behind the card PIN', async () => {
    await k.simulator.getByTestId(`sim-insert-ss-${liu().idNumber}`).click();
    await k.kiosk.getByTestId('screen-home').waitFor({ timeout: 15_000 });
    await k.kiosk.getByTestId('service-inquiry').click();
    const choice = k.kiosk.getByTestId('inquiry-open-unemployment');
    await expect(choice.textContent()).resolves.toContain('失业保险金');
    await screenshot(k.kiosk, 'ub-01-inquiry-menu-1920x1080');
    await choice.click();
    await k.kiosk.getByTestId('pin-step').waitFor();
    for (const d of '123456') await k.kiosk.getByTestId(`pin-key-${d}`).click();
    await k.kiosk.getByTestId('pin-ok').click();
    const view = k.kiosk.getByTestId('inquiry-unemployment');
    await view.waitFor({ timeout: 10_000 });

    // Guangzhou pays 90 % of its 2 500-yuan minimum wage; 24 months for over ten insured years.
    await expect(k.kiosk.getByTestId('benefit-monthly').textContent()).resolves.toContain('2,250.00');
    const paid = Number((await k.kiosk.getByTestId('benefit-paid').textContent())!.match(/\d+/)![0]);
    const left = Number((await k.kiosk.getByTestId('benefit-remaining').textContent())!.match(/\d+/)![0]);
    expect(paid).toBeGreaterThan(0);
    expect(paid + left).toBe(24);
    await expect(k.kiosk.getByTestId('benefit-span').textContent()).resolves.toMatch(
      /可领 24 个月（\d{4}年\d{2}月至\d{4}年\d{2}月）/,
    );
    const rows = await k.kiosk.getByTestId('benefit-payments').locator('tbody tr').count();
    expect(rows).toBe(Math.min(paid, 4));
    expect(await k.kiosk.content()).not.toContain(liu().idNumber);

    for (const [width, height] of sizes) {
      await k.kiosk.setViewportSize({ width, height });
      await k.kiosk.waitForTimeout(300);
      // This screen's own content stays inside its container at every size: nothing of it is cut off
      // or pushes the page sideways. (The shell's header in portrait is the portrait work's, issue 19.)
      const fits = await k.kiosk.evaluate(`(() => {
        const view = document.querySelector('[data-testid="inquiry-unemployment"]').getBoundingClientRect();
        const outside = [...document.querySelectorAll('[data-testid="inquiry-unemployment"] *')]
          .filter((e) => e.getBoundingClientRect().right > view.right + 1)
          .map((e) => e.tagName + '.' + e.className);
        const left = document.querySelector('[data-testid="benefit-remaining"]').getBoundingClientRect();
        return { outside, leftShown: left.bottom <= window.innerHeight && left.width > 0 };
      })()`);
      await screenshot(k.kiosk, `ub-02-benefit-${width}x${height}`);
      expect(fits, `${width}x${height}`).toEqual({ outside: [], leftShown: true });
    }
    await k.kiosk.setViewportSize({ width: 1920, height: 1080 });
  });

  it('in English, the notices screen says plainly that the hall writes its content in Chinese', async () => {
    await k.kiosk.getByTestId('exit-button').click();
    await k.simulator.getByTestId('sim-remove-ss-card').click();
    await k.kiosk.getByTestId('language-switch').click();
    await k.kiosk.getByTestId('service-notices').click();
    const note = k.kiosk.getByTestId('content-in-chinese');
    await note.waitFor({ timeout: 10_000 }).catch(async (e: unknown) => {
      await screenshot(k.kiosk, 'ub-03-debug');
      throw e;
    });
    await expect(note.textContent()).resolves.toContain('in Chinese only');
    for (const [width, height] of [
      [1920, 1080],
      [1080, 1920],
    ] as const) {
      await k.kiosk.setViewportSize({ width, height });
      await k.kiosk.waitForTimeout(300);
      await screenshot(k.kiosk, `ub-03-notices-en-${width}x${height}`);
    }
  });
});
