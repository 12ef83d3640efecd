// Inactivity: a visible countdown, a chance to continue, then the session ends by itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCards } from '../../server';
import { screenshot, seriousA11yViolations } from './chromium';
import { startKiosk, type KioskHarness } from './kiosk-harness';

let k: KioskHarness;

beforeAll(async () => {
  // 20 s, so the "are you still there" prompt (last 15 s) comes after 5 s.
  k = await startKiosk({ sessionTimeoutMs: 20_000 });
});
afterAll(() => k?.close());

describe('session timeout (Chromium)', () => {
  it('warns with a countdown, continues on a tap, and ends with no trace when nobody answers', async () => {
    const person = demoCards()[1]!.card;
    await k.kiosk.getByTestId('screen-attract').waitFor();
    await k.simulator.getByTestId(`sim-insert-${person.idNumber}`).click();
    await k.kiosk.getByTestId('screen-home').waitFor({ timeout: 10_000 });

    const modal = k.kiosk.getByTestId('timeout-modal');
    await modal.waitFor({ timeout: 15_000 });
    await expect(modal.textContent()).resolves.toMatch(/\d+ 秒后将自动退出/);
    await screenshot(k.kiosk, '07-timeout-warning');
    expect(await seriousA11yViolations(k.kiosk)).toEqual([]);

    await k.kiosk.getByTestId('continue-button').click();
    await modal.waitFor({ state: 'hidden' });
    await expect(k.kiosk.getByTestId('person-name').textContent()).resolves.toBe(person.name);

    // Nobody answers this time: the host ends the session after the full timeout.
    await k.kiosk.getByTestId('screen-attract').waitFor({ timeout: 30_000 });
    expect(await k.kiosk.content()).not.toContain(person.name);
    expect(await k.running.host.call('getSession', {})).toEqual({ ok: true, value: null });
    await screenshot(k.kiosk, '08-after-timeout');
  });
});
