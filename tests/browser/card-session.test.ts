// The foundation flow in a real browser: insert a demo ID card on the simulator page, see the
// person's home screen and insurance summary, pull the card, see the attract screen with no trace.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskIdNumber, type DemoCard } from '../../contracts';
import { demoCards } from '../../server';
import { screenshot, seriousA11yViolations } from './chromium';
import { startKiosk, type KioskHarness } from './kiosk-harness';

let k: KioskHarness;
let person: DemoCard['card'];

beforeAll(async () => {
  k = await startKiosk();
  person = demoCards()[0]!.card;
});
afterAll(() => k?.close());

async function insertCard(idNumber: string) {
  await k.simulator.getByTestId(`sim-insert-${idNumber}`).click();
}

describe('card in, summary, card out (Chromium, browser mode)', () => {
  it('starts on the attract screen, readable and accessible', async () => {
    await k.kiosk.getByTestId('screen-attract').waitFor();
    await expect(k.kiosk.getByTestId('screen-attract').textContent()).resolves.toContain('请将身份证放在读卡区');
    await expect(k.kiosk.locator('html').getAttribute('lang')).resolves.toBe('zh-CN');
    await screenshot(k.kiosk, '01-attract');
    expect(await seriousA11yViolations(k.kiosk)).toEqual([]);
  });

  it('an inserted card opens the home screen with the masked ID number and the summary', async () => {
    await insertCard(person.idNumber);
    await k.kiosk.getByTestId('screen-home').waitFor({ timeout: 10_000 });
    await expect(k.kiosk.getByTestId('person-name').textContent()).resolves.toBe(person.name);
    await expect(k.kiosk.getByTestId('person-id').textContent()).resolves.toBe(maskIdNumber(person.idNumber));
    await k.kiosk.getByTestId('summary-table').waitFor();
    const rows = await k.kiosk.locator('[data-testid^="enrollment-"]').count();
    expect(rows).toBeGreaterThan(0);
    await expect(k.kiosk.getByTestId('summary-table').textContent()).resolves.toContain('企业职工基本养老保险');
    expect(await k.kiosk.content()).not.toContain(person.idNumber);
    await expect(k.kiosk.getByTestId('countdown').textContent()).resolves.toMatch(/剩余 \d+ 秒/);
    await screenshot(k.kiosk, '02-home');
    expect(await seriousA11yViolations(k.kiosk)).toEqual([]);
  });

  it('switches to English and back', async () => {
    await k.kiosk.getByTestId('language-switch').click();
    await expect(k.kiosk.locator('html').getAttribute('lang')).resolves.toBe('en');
    await expect(k.kiosk.getByTestId('summary-table').textContent()).resolves.toMatch(/pension/i);
    await screenshot(k.kiosk, '03-home-en');
    expect(await seriousA11yViolations(k.kiosk)).toEqual([]);
    await k.kiosk.getByTestId('language-switch').click();
    await expect(k.kiosk.locator('html').getAttribute('lang')).resolves.toBe('zh-CN');
  });

  it('pulling the card ends the session everywhere and leaves no trace on screen', async () => {
    await k.simulator.getByTestId('sim-remove-card').click();
    await k.kiosk.getByTestId('screen-attract').waitFor({ timeout: 10_000 });
    const html = await k.kiosk.content();
    expect(html).not.toContain(person.name);
    expect(html).not.toContain(maskIdNumber(person.idNumber));
    expect(await k.running.host.call('getSession', {})).toEqual({ ok: true, value: null });
    await screenshot(k.kiosk, '04-after-card-out');
  });

  it('退出 ends the session too', async () => {
    await insertCard(person.idNumber);
    await k.kiosk.getByTestId('screen-home').waitFor({ timeout: 10_000 });
    await k.kiosk.getByTestId('exit-button').click();
    await k.kiosk.getByTestId('screen-attract').waitFor();
    expect(await k.kiosk.content()).not.toContain(person.name);
    await k.simulator.getByTestId('sim-remove-card').click();
  });

  it('an unplugged reader is said in plain words, and the kiosk recovers after replug', async () => {
    await k.simulator.getByTestId('sim-unplug-idCardReader').click();
    await k.kiosk.getByText('身份证读卡器暂时无法使用').waitFor({ timeout: 10_000 });
    await screenshot(k.kiosk, '05-reader-unplugged');
    await k.simulator.getByTestId('sim-replug-idCardReader').click();
    await k.kiosk.getByText('请将身份证放在读卡区').waitFor({ timeout: 5_000 });
    await screenshot(k.simulator, '06-simulator-page');
  });
});
