// The information services without a card, in a real browser: guides with the complete materials
// checklist, jobs and trainings with big filter chips, notices and offices, each with the age of
// the terminal's copy; then the hall server is stopped and the same screens still show.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, seriousA11yViolations } from './chromium';
import { startKiosk, type KioskHarness } from './kiosk-harness';

let k: KioskHarness;

beforeAll(async () => {
  k = await startKiosk({ dataDir: mkdtempSync(path.join(tmpdir(), 'cz-info-')) });
});
afterAll(() => k?.close());

async function open(id: string) {
  await k.kiosk.getByTestId('screen-attract').waitFor();
  await k.kiosk.getByTestId(`service-${id}`).click();
  await k.kiosk.getByTestId('cz-age').waitFor({ timeout: 15_000 });
}
async function back() {
  await k.kiosk.getByTestId('service-back').click();
}

describe('information services from the content copy', () => {
  it('guides: a list by category, and one guide with its complete materials checklist', async () => {
    await open('guides');
    await expect(k.kiosk.getByTestId('cz-age').textContent()).resolves.toMatch(/刚刚更新|更新于/);
    await screenshot(k.kiosk, 'cz-20-guides');
    await k.kiosk.locator('[data-testid^="guide-"]').first().click();
    await k.kiosk.getByTestId('guide-materials').waitFor();
    await expect(k.kiosk.getByTestId('guide-materials').textContent()).resolves.toContain('一次性告知');
    await screenshot(k.kiosk, 'cz-21-guide-detail');
    expect(await seriousA11yViolations(k.kiosk)).toEqual([]);
    await back();
  });

  it('jobs and trainings: big chips filter the list', async () => {
    await open('jobs');
    const before = await k.kiosk.locator('[data-testid^="job-"]').count();
    expect(before).toBeGreaterThan(0);
    await k.kiosk.getByTestId('jobs-salary').getByRole('button').nth(3).click();
    await expect(
      k.kiosk.getByTestId('jobs-salary').getByRole('button').nth(3).getAttribute('aria-pressed'),
    ).resolves.toBe('true');
    await screenshot(k.kiosk, 'cz-22-jobs-filtered');
    expect(await seriousA11yViolations(k.kiosk)).toEqual([]);
    await back();
    await open('trainings');
    await k.kiosk.getByTestId('trainings-fee').getByRole('button').nth(1).click();
    const fees = await k.kiosk
      .locator('[data-testid^="training-"] .cz-free, [data-testid^="training-"] .cz-list__money')
      .allTextContents();
    for (const f of fees) expect(f).toContain('免费');
    await screenshot(k.kiosk, 'cz-23-trainings-free');
    await back();
  });

  it('notices and offices', async () => {
    await open('notices');
    await k.kiosk.locator('[data-testid^="notice-"]').first().click();
    await k.kiosk.getByTestId('notice-detail').waitFor();
    await screenshot(k.kiosk, 'cz-24-notice');
    await back();
    await open('offices');
    await expect(k.kiosk.getByTestId('offices-list').textContent()).resolves.toMatch(/\d{3,4}-?\d{7,8}|\d{5,}/);
    await screenshot(k.kiosk, 'cz-25-offices');
    expect(await seriousA11yViolations(k.kiosk)).toEqual([]);
    await back();
  });

  it('with the hall server stopped, the screens still show the kept copy and its age', async () => {
    await k.hall.close();
    await open('guides');
    await expect(k.kiosk.getByTestId('cz-age').textContent()).resolves.toContain('网络暂时不通');
    await expect(k.kiosk.getByTestId('cz-age').textContent()).resolves.toMatch(/刚刚更新|更新于 \d+ 分钟前/);
    expect(await k.kiosk.locator('[data-testid^="guide-"]').count()).toBeGreaterThan(0);
    await screenshot(k.kiosk, 'cz-26-guides-offline');
    await back();
    await open('offices');
    await expect(k.kiosk.getByTestId('cz-age').textContent()).resolves.toContain('网络暂时不通');
    expect(await k.kiosk.locator('[data-testid^="office-"]').count()).toBeGreaterThan(0);
    await back();
  });
});
