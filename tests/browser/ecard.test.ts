// The electronic social security card in a real browser: scan a demo person's e-card on the
// simulator page, see their home screen, 退出; scan an expired code, see the plain sentence and 12333.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOTLINE, maskIdNumber, type DemoCard } from '../../contracts';
import { demoCards } from '../../server';
import { screenshot, seriousA11yViolations } from './chromium';
import { startKiosk, type KioskHarness } from './kiosk-harness';

let k: KioskHarness;
let person: DemoCard['card'];

beforeAll(async () => {
  k = await startKiosk();
  person = demoCards()[2]!.card;
});
afterAll(() => k?.close());

describe('e-card QR code (Chromium, browser mode)', () => {
  it('the attract screen says the e-card can be scanned too', async () => {
    await k.kiosk.getByTestId('screen-attract').waitFor();
    await screenshot(k.kiosk, 'ecard-00-attract');
    await expect(k.kiosk.getByTestId('attract-ecard-hint').textContent()).resolves.toBe('也可以扫描电子社保卡二维码');
  });

  it('a scanned e-card opens the home screen for its holder', async () => {
    await k.simulator.getByTestId(`sim-ecard-${person.idNumber}`).click();
    await k.kiosk.getByTestId('screen-home').waitFor({ timeout: 10_000 });
    await expect(k.kiosk.getByTestId('person-name').textContent()).resolves.toBe(person.name);
    await expect(k.kiosk.getByTestId('person-id').textContent()).resolves.toBe(maskIdNumber(person.idNumber));
    await k.kiosk.getByTestId('summary-table').waitFor();
    // No card to take away at the end.
    await expect(k.kiosk.getByTestId('home-done').textContent()).resolves.toBe('办理完毕请点击“退出”');
    expect(await k.running.host.call('getSession', {})).toMatchObject({ ok: true, value: { identifiedBy: 'eSsCard' } });
    await screenshot(k.kiosk, 'ecard-01-home');
    expect(await seriousA11yViolations(k.kiosk)).toEqual([]);
  });

  it('退出 ends the e-card session', async () => {
    await k.kiosk.getByTestId('exit-button').click();
    await k.kiosk.getByTestId('screen-attract').waitFor();
    expect(await k.kiosk.content()).not.toContain(person.name);
    expect(await k.running.host.call('getSession', {})).toEqual({ ok: true, value: null });
  });

  it('an expired code is explained in plain words with the hotline, and opens nothing', async () => {
    await k.simulator.getByTestId(`sim-ecard-expired-${person.idNumber}`).click();
    const sentence = '电子社保卡二维码已过期，请在手机上刷新二维码后重新扫描。';
    await k.kiosk.getByText(sentence).waitFor({ timeout: 10_000 });
    await expect(k.kiosk.locator('body').textContent()).resolves.toContain(HOTLINE);
    expect(await k.running.host.call('getSession', {})).toEqual({ ok: true, value: null });
    await screenshot(k.kiosk, 'ecard-02-expired');
    expect(await seriousA11yViolations(k.kiosk)).toEqual([]);
  });

  it('a forged code is refused with its own sentence', async () => {
    await k.simulator.getByTestId(`sim-ecard-forged-${person.idNumber}`).click();
    await k.kiosk.getByText('无法识别该二维码，请出示电子社保卡二维码，或使用身份证。').waitFor({ timeout: 10_000 });
    expect(await k.running.host.call('getSession', {})).toEqual({ ok: true, value: null });
    await screenshot(k.kiosk, 'ecard-03-forged');
    await screenshot(k.simulator, 'ecard-04-simulator-page');
  });
});
