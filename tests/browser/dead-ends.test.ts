// Dead ends in a real browser (issue 19): a card left in the reader after 退出, the ID card reader
// unplugged, and a ticket the paper-less receipt printer could not print (its number and a QR code
// on screen). Screenshots at 1920x1080 and 1080x1920.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCards } from '../../server';
import { screenshot } from './chromium';
import { startKiosk, type KioskHarness } from './kiosk-harness';

let k: KioskHarness;

beforeAll(async () => {
  k = await startKiosk();
});
afterAll(() => k?.close());

/** Screenshots the kiosk landscape and portrait, then goes back to landscape. */
async function bothWays(page: Page, name: string): Promise<void> {
  await screenshot(page, `${name}-1920x1080`);
  await page.setViewportSize({ width: 1080, height: 1920 });
  await screenshot(page, `${name}-1080x1920`);
  await page.setViewportSize({ width: 1920, height: 1080 });
}

describe('dead ends (Chromium, browser mode)', () => {
  it('after 退出 with the card still in the reader: 请取走您的身份证, and a tap uses that card again', async () => {
    const person = demoCards()[0]!.card;
    await k.kiosk.getByTestId('screen-attract').waitFor();
    await k.simulator.getByTestId(`sim-insert-${person.idNumber}`).click();
    await k.kiosk.getByTestId('screen-home').waitFor({ timeout: 10_000 });
    await k.kiosk.getByTestId('exit-button').click();
    const reminder = k.kiosk.getByTestId('card-left');
    await reminder.waitFor({ timeout: 5_000 });
    await expect(reminder.textContent()).resolves.toContain('请取走您的身份证');
    expect(await k.kiosk.content()).not.toContain(person.name);
    await bothWays(k.kiosk, 'dead-ends-01-card-left');

    await k.kiosk.getByTestId('card-left-use').click();
    await k.kiosk.getByTestId('screen-home').waitFor({ timeout: 10_000 });
    await expect(k.kiosk.getByTestId('person-name').textContent()).resolves.toBe(person.name);
    await k.kiosk.getByTestId('exit-button').click();
    await reminder.waitFor({ timeout: 5_000 });
    // Taking the card takes the reminder away.
    await k.simulator.getByTestId('sim-remove-card').click();
    await reminder.waitFor({ state: 'detached', timeout: 5_000 });
  });

  it('with the ID card reader unplugged the start screen asks for the social security card or e-card', async () => {
    await k.simulator.getByTestId('sim-unplug-idCardReader').click();
    const heading = k.kiosk.getByTestId('attract-heading');
    await k.kiosk.getByText('请插入社保卡').waitFor({ timeout: 10_000 });
    await expect(heading.textContent()).resolves.toContain('身份证读卡器暂时无法使用');
    await expect(k.kiosk.getByTestId('service-inquiry').isEnabled()).resolves.toBe(true);
    await bothWays(k.kiosk, 'dead-ends-02-id-reader-unplugged');
    await k.simulator.getByTestId('sim-replug-idCardReader').click();
    await k.kiosk.getByText('请将身份证放在读卡区').waitFor({ timeout: 10_000 });
  });

  it('receipt printer out of paper: the tile says so, the ticket shows its number and a QR code to follow it', async () => {
    await k.simulator.getByTestId('sim-paper-out').click();
    await k.kiosk.getByTestId('service-queue-notice').waitFor({ timeout: 5_000 });
    await expect(k.kiosk.getByTestId('device-notices').textContent()).resolves.toContain('小票打印机缺纸');
    await bothWays(k.kiosk, 'dead-ends-03-paper-out-start');
    await k.kiosk.getByTestId('service-queue').click();
    await k.kiosk.getByTestId('queue-no-paper').waitFor();
    await k.kiosk.getByTestId('queue-category-A').click();
    await k.kiosk.getByTestId('queue-print-failed').waitFor({ timeout: 15_000 });
    const number = (await k.kiosk.getByTestId('queue-number').textContent())!.trim();
    expect(number).toMatch(/^A\d{3}$/);
    const qr = k.kiosk.getByTestId('queue-follow-qr');
    const followUrl = await qr.getAttribute('data-qr-text');
    expect(followUrl).toMatch(/\/q\/[0-9a-f-]{36}$/);
    // The code is drawn big enough for a phone to read: at least 200 px square on screen.
    const box = (await qr.boundingBox())!;
    expect(box.width).toBeGreaterThanOrEqual(200);
    expect(Math.abs(box.width - box.height)).toBeLessThan(2);
    // The link it carries answers (the ticket's public follow data).
    const ticketId = followUrl!.split('/q/')[1]!;
    const res = await fetch(`${k.hall.url.replace(/\/$/, '')}/api/v1/public/tickets/${ticketId}`);
    expect(res.status).toBe(200);
    await bothWays(k.kiosk, 'dead-ends-04-ticket-not-printed-qr');
    await k.simulator.getByTestId('sim-paper-ok').click();
    await k.kiosk.getByTestId('queue-done').click();
  });
});
