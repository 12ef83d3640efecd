// The staff console's 软件更新 panel in Debian Chromium: an admin sees an uploaded release, pushes it
// to 30% of the hall's 10 terminals (3 of them), widens it to 50%, pauses it; each terminal's version
// stays in the fleet table; a supervisor sees the rollout but has no buttons. Screenshots at the
// four house sizes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startHallServer, type HallServer } from '../../server';
import { uploadRelease } from '../../server/updates/releases';
import { launchChromium, screenshot } from './chromium';
import { SCREEN_SIZES } from './screen-sizes';

let hall: HallServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  hall = await startHallServer({ port: 0, seedIfEmpty: true, enrolDemoFaces: false });
  for (let i = 1; i <= 10; i++) {
    const id = `KIOSK-UP-${String(i).padStart(2, '0')}`;
    const secret = await hall.registerTerminal({ terminalId: id, location: `大厅 ${i} 号机` });
    await fetch(`${hall.url}/api/v1/terminal/heartbeat`, {
      method: 'POST',
      headers: { authorization: `Bearer ${id}.${secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ appVersion: '0.1.0', uptimeS: 600, inService: true, devices: [], lastError: null }),
    });
  }
  await uploadRelease(hall.db, {
    version: '0.2.0',
    kind: 'deb',
    arch: 'amd64',
    fileName: 'hrss-kiosk-terminal_0.2.0_amd64.deb',
    bytes: Buffer.from('a package stand-in'),
    uploadedBy: 'cli:test',
  });
  browser = await launchChromium();
  page = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await hall?.close();
});

async function signIn(staffId: string): Promise<void> {
  await page.goto(`${hall.url}/staff`);
  await page.evaluate('sessionStorage.clear()');
  await page.goto(`${hall.url}/staff`);
  await page.getByLabel('工号').fill(staffId);
  await page.getByLabel('密码').fill('hall-demo');
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByTestId('release-0.2.0-deb').waitFor();
}

describe('the staff console rolls out an update', () => {
  it('an admin pushes to 30%, widens to 50% and pauses; the versions stay visible', async () => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    await signIn('S004');
    const row = page.getByTestId('release-0.2.0-deb');
    await expect(row.textContent()).resolves.toContain('未发布');
    await row.getByRole('button', { name: '推送到 30%' }).click();
    await page.getByRole('status').getByText('0.2.0 已推送给 3 台终端（30%）').waitFor();
    await row.getByText('30%，3/10 台').waitFor();
    await row.getByRole('button', { name: '推送到 50%' }).click();
    await row.getByText('50%，5/10 台').waitFor();
    expect(await row.getByRole('button', { name: '推送到 30%' }).count()).toBe(0); // never narrower
    for (const size of SCREEN_SIZES) {
      await page.setViewportSize(size);
      await page.getByTestId('releases').scrollIntoViewIfNeeded();
      await screenshot(page, `staff-updates-${size.width}x${size.height}`);
    }
    await page.setViewportSize({ width: 1920, height: 1080 });
    await row.getByRole('button', { name: '暂停' }).click();
    await row.getByText('已暂停').waitFor();
    await row.getByRole('button', { name: '恢复 50%' }).waitFor();
    // Every terminal's version is in the fleet table.
    await expect(page.locator('td', { hasText: /^0\.1\.0已运行/ }).count()).resolves.toBe(10);
  });

  it('a supervisor sees the rollout without the buttons', async () => {
    await signIn('S003');
    const row = page.getByTestId('release-0.2.0-deb');
    await row.getByText('已暂停').waitFor();
    expect(await row.getByRole('button').count()).toBe(0);
  });
});
