// Every kiosk screen at the four screen sizes a hall deploys (portrait 1080x1920, 1920x1080,
// 1280x1024, 1366x768): one browser, one page resized per screen, a screenshot of each in
// test-results/screenshots/size-*.png, no sideways overflow, and the main action on screen.
import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_HALL_NAME_EN, demoCards } from '../../server';
import { demoStaffCredentials } from '../../server/seed/hall';
import { startKiosk, type KioskHarness } from './kiosk-harness';
import { checkScreenSizes } from './screen-sizes';

let k: KioskHarness;
let page: Page;
const worker = () => demoCards()[0]!.card;
const retiree = () => demoCards()[1]!.card;
const byId = (id: string) => (p: Page) => p.getByTestId(id);
/** Paged lists and inquiry tables fit from 1080 px high; at 1280x1024 a page may scroll a little. */
const LISTS_FIT_FROM = 1080;
/** The home screen's enrollment table runs below the tiles for people with many enrollments. */
const NEVER = Number.POSITIVE_INFINITY;
/** The start screen fits on every size, 1366x768 included, in Chinese and English, with a device notice too. */
const FITS_EVERYWHERE = 768;
const lastTile = (p: Page) => p.locator('[data-testid^="service-"]:not([data-testid^="service-back"])').last();

beforeAll(async () => {
  k = await startKiosk({ sessionTimeoutMs: 600_000 });
  page = k.kiosk;
});
afterAll(() => k?.close());

async function typePin(pin: string) {
  for (const d of pin) await page.getByTestId(`pin-key-${d}`).click();
  await page.getByTestId('pin-ok').click();
}

async function openService(id: string) {
  await page.getByTestId(`service-${id}`).click();
  await page.getByTestId(`screen-service-${id}`).waitFor();
}

async function backToStart() {
  await page.getByTestId('service-back').click();
  await page.getByTestId('screen-attract').waitFor();
}

// Minutes, not seconds, per test: on a loaded 2-core machine each screen's four sizes take seconds.
describe('every screen at 1080x1920, 1920x1080, 1280x1024 and 1366x768', { timeout: 300_000 }, () => {
  it('start screen, with and without a device notice', async () => {
    await page.getByTestId('screen-attract').waitFor();
    await checkScreenSizes(page, 'start', { primary: lastTile, fitsFrom: FITS_EVERYWHERE });
    await k.simulator.getByTestId('sim-paper-out').click();
    await page.getByTestId('device-notices').waitFor({ timeout: 15_000 });
    // With a device notice above them, every tile is still on screen (at 1366x768 the "keep it still" hint gives way).
    await checkScreenSizes(page, 'start-notice', { primary: lastTile, fitsFrom: FITS_EVERYWHERE });
    await k.simulator.getByTestId('sim-paper-ok').click();
    await page.getByTestId('device-notices').waitFor({ state: 'detached', timeout: 15_000 });
    // English: the hall's English name in the header, still one band, nothing sideways, and the whole
    // screen with every tile on it at every size, like the Chinese one.
    await page.getByTestId('language-switch').click();
    await page.getByRole('banner').getByText(DEMO_HALL_NAME_EN).waitFor();
    await checkScreenSizes(page, 'start-en', { primary: lastTile, fitsFrom: FITS_EVERYWHERE });
    await page.getByTestId('language-switch').click();
    await page.getByRole('banner').getByText('天河区人社服务大厅').waitFor();
  });

  it('queue tickets and case progress without a card', async () => {
    await openService('queue');
    await page.locator('[data-testid^="queue-category-"]').first().waitFor();
    await checkScreenSizes(page, 'queue-categories', {
      primary: (p) => p.locator('[data-testid^="queue-category-"]').last(),
    });
    await page.locator('[data-testid^="queue-category-"]').first().click();
    await page.getByTestId('queue-number').waitFor({ timeout: 15_000 });
    await checkScreenSizes(page, 'queue-ticket', { primary: byId('queue-done'), fitsFrom: 1080 });
    await page.getByTestId('queue-done').click();
    await page.getByTestId('screen-attract').waitFor();

    await openService('cases');
    await page.getByTestId('cases-waiting').waitFor();
    await checkScreenSizes(page, 'cases-scan', { primary: byId('cases-type') });
    await page.getByTestId('cases-type').click();
    await page.getByTestId('cases-typing').waitFor();
    await checkScreenSizes(page, 'cases-typing', { primary: byId('cases-key-submit'), fitsFrom: 1080 });
    await page.getByTestId('cases-typing-back').click();
    const caseNo = (await k.hall.db.execute(
      sql`select case_no from cases where completed_at is null order by due_date limit 1`,
    )) as unknown as { rows: Array<{ case_no: string }> };
    await k.simulator.getByTestId('sim-qr-text').fill(caseNo.rows[0]!.case_no);
    await k.simulator.getByTestId('sim-scan-qr').click();
    await page.getByTestId('case-detail').waitFor({ timeout: 10_000 });
    await checkScreenSizes(page, 'case-detail', { primary: byId('cases-again') });
    await backToStart();
  });

  it('guides, jobs, notices, trainings and offices', async () => {
    for (const [service, list, item, detail] of [
      ['guides', 'guides-list', 'guide-', 'guide-detail'],
      ['jobs', 'jobs-list', 'job-', 'job-detail'],
      ['notices', 'notices-list', 'notice-', 'notice-detail'],
    ] as const) {
      await openService(service);
      await page.getByTestId(list).waitFor({ timeout: 10_000 });
      await checkScreenSizes(page, `${service}-list`, { primary: byId('cz-pager'), fitsFrom: LISTS_FIT_FROM });
      await page.locator(`[data-testid^="${item}"]:not([data-testid="${list}"])`).first().click();
      await page.getByTestId(detail).waitFor();
      await checkScreenSizes(page, `${service}-detail`, { primary: byId('service-back'), fitsFrom: 1920 });
      await backToStart();
    }
    for (const [service, list] of [
      ['trainings', 'trainings-list'],
      ['offices', 'offices-list'],
    ] as const) {
      await openService(service);
      await page.getByTestId(list).waitFor({ timeout: 10_000 });
      await checkScreenSizes(page, `${service}-list`, { primary: byId('service-back'), fitsFrom: LISTS_FIT_FROM });
      await backToStart();
    }
  });

  it('a refused e-card: the error screen', async () => {
    await k.simulator.getByTestId(`sim-ecard-forged-${worker().idNumber}`).click();
    await page.getByTestId('screen-error').waitFor({ timeout: 10_000 });
    await checkScreenSizes(page, 'error', { primary: byId('back-button') });
    await page.getByTestId('back-button').click();
    await page.getByTestId('screen-attract').waitFor();
  });

  it('home, inquiry, PIN and statements with the social security card', async () => {
    await k.simulator.getByTestId(`sim-insert-ss-${worker().idNumber}`).click();
    await page.getByTestId('screen-home').waitFor({ timeout: 15_000 });
    // The enrollments table scrolls below; every tile is on screen under the key figures.
    await checkScreenSizes(page, 'home', { primary: lastTile, fitsFrom: NEVER });

    await openService('inquiry');
    await page.getByTestId('inquiry-menu').waitFor();
    await checkScreenSizes(page, 'inquiry-menu', {
      primary: (p) => p.locator('[data-testid^="inquiry-open-"]').last(),
    });
    await page.getByTestId('inquiry-open-enrollments').click();
    await page.getByTestId('inquiry-enrollments').waitFor();
    await checkScreenSizes(page, 'inquiry-enrollments', { primary: byId('inquiry-back'), fitsFrom: LISTS_FIT_FROM });
    await page.getByTestId('inquiry-back').click();
    await page.getByTestId('inquiry-open-contributions').click();
    await page.getByTestId('pin-step').waitFor();
    await typePin('000000');
    await page.getByTestId('pin-wrong').waitFor();
    await checkScreenSizes(page, 'pin-wrong', { primary: byId('pin-ok') });
    await typePin('123456');
    await page.getByTestId('inquiry-years').waitFor({ timeout: 10_000 });
    await checkScreenSizes(page, 'inquiry-years', { primary: byId('inquiry-back'), fitsFrom: LISTS_FIT_FROM });
    await page.locator('[data-testid^="inquiry-year-"]').first().click();
    await page.getByTestId('inquiry-months').waitFor();
    await checkScreenSizes(page, 'inquiry-months', { primary: byId('inquiry-back'), fitsFrom: LISTS_FIT_FROM });
    await page.getByTestId('inquiry-back').click();
    await page.getByTestId('inquiry-back').click();
    await page.getByTestId('inquiry-open-medical').click();
    await page.getByTestId('inquiry-view-medical').waitFor();
    await page.getByTestId('cz-loading').waitFor({ state: 'detached', timeout: 10_000 });
    await checkScreenSizes(page, 'inquiry-medical', { primary: byId('inquiry-back'), fitsFrom: LISTS_FIT_FROM });
    await page.getByTestId('service-back').click();
    await page.getByTestId('screen-home').waitFor();

    await openService('statements');
    await page.getByTestId('statements-choose').waitFor();
    await checkScreenSizes(page, 'statements-choose', {
      primary: (p) => p.locator('[data-testid^="statements-kind-"]').last(),
    });
    await page.getByTestId('statements-kind-insuranceCertificate').click();
    await page.getByTestId('statements-span').waitFor();
    await checkScreenSizes(page, 'statements-span', {
      primary: (p) => p.locator('[data-testid^="statements-span-"]').last(),
    });
    await page.getByTestId('statements-span-all').click();
    await page.getByTestId('statements-confirm').waitFor({ timeout: 30_000 });
    await checkScreenSizes(page, 'statements-confirm', { primary: byId('statements-confirm-shorter') });
    await page.getByTestId('statements-confirm-shorter').click();
    await page.getByTestId('statements-done').waitFor({ timeout: 30_000 });
    await checkScreenSizes(page, 'statements-done', { primary: byId('statements-again') });
    await page.getByTestId('service-back').click();
    await k.simulator.getByTestId('sim-remove-ss-card').click();
    await page.getByTestId('screen-attract').waitFor({ timeout: 10_000 });
  });

  it("home with arrears: the headline and its 去缴费 button (or, for an employer's arrears, whom to ask) on screen at every size", async () => {
    const owing = demoCards().find((c) => c.card.name === '陈晓雨')!.card;
    await k.simulator.getByTestId(`sim-insert-ss-${owing.idNumber}`).click();
    await page.getByTestId('arrears-headline').waitFor({ timeout: 15_000 });
    await checkScreenSizes(page, 'home-arrears', { primary: byId('arrears-pay'), fitsFrom: NEVER });
    await k.simulator.getByTestId('sim-remove-ss-card').click();
    await page.getByTestId('screen-attract').waitFor({ timeout: 10_000 });
    // What the employer owes cannot be paid here: the headline says so and asks the employer, no 去缴费.
    const employerOwes = demoCards().find((c) => c.card.name === '马海燕')!.card;
    await k.simulator.getByTestId(`sim-insert-ss-${employerOwes.idNumber}`).click();
    await page.getByTestId('arrears-employer').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('arrears-headline').textContent()).toContain('本机不能缴。请联系单位');
    expect(await page.getByTestId('arrears-pay').count()).toBe(0);
    await checkScreenSizes(page, 'home-arrears-employer', { primary: byId('arrears-employer'), fitsFrom: NEVER });
    await k.simulator.getByTestId('sim-remove-ss-card').click();
    await page.getByTestId('screen-attract').waitFor({ timeout: 10_000 });
  });

  it('a retiree: pension payments and the certification screens', async () => {
    await k.simulator.getByTestId(`sim-insert-ss-${retiree().idNumber}`).click();
    await page.getByTestId('screen-home').waitFor({ timeout: 15_000 });
    await checkScreenSizes(page, 'home-retiree', { primary: lastTile, fitsFrom: NEVER });
    await openService('inquiry');
    await page.getByTestId('inquiry-open-pension').click();
    await page.getByTestId('pin-step').waitFor();
    await checkScreenSizes(page, 'pin', { primary: byId('pin-ok') });
    await typePin('123456');
    await page.getByTestId('inquiry-view-pension').waitFor();
    await page.getByTestId('cz-loading').waitFor({ state: 'detached', timeout: 10_000 });
    // The year chips take two rows: at 1920x1080 the page's last rows are below the fold.
    await checkScreenSizes(page, 'inquiry-pension', { primary: byId('inquiry-back'), fitsFrom: 1920 });
    // The year jump: the oldest year is one tap away, not nineteen pages.
    const years = page.getByTestId('inquiry-payment-years').locator('button');
    await years.last().click();
    const oldest = (await years.last().textContent())!;
    await page.getByTestId('inquiry-payments').getByText(`${oldest}年`).first().waitFor({ timeout: 10_000 });
    await checkScreenSizes(page, 'inquiry-pension-year', { primary: byId('inquiry-back'), fitsFrom: LISTS_FIT_FROM });
    await page.getByTestId('service-back').click();
    await page.getByTestId('screen-home').waitFor();

    await openService('certification');
    await page.getByTestId('cert-start').waitFor({ timeout: 15_000 });
    await checkScreenSizes(page, 'certification-status', { primary: byId('cert-start') });
    await page.getByTestId('cert-start').click();
    await page.getByTestId('cert-camera-unavailable').waitFor({ timeout: 30_000 });
    await checkScreenSizes(page, 'certification-no-camera', { primary: byId('service-back') });
    await page.getByTestId('service-back').click();
    await k.simulator.getByTestId('sim-remove-ss-card').click();
    await page.getByTestId('screen-attract').waitFor({ timeout: 10_000 });
  });

  it('maintenance and the out-of-service sign', async () => {
    const type = async (keys: string) => {
      for (const key of keys) await page.getByTestId(`key-${key}`).click();
      await page.getByTestId('key-next').click();
    };
    await page.getByTestId('emblem').click({ clickCount: 5 });
    await page.getByTestId('screen-maintenance').waitFor({ timeout: 5_000 });
    await checkScreenSizes(page, 'maintenance-signin', { primary: byId('key-next') });
    await type('S001');
    await type(demoStaffCredentials.S001!.pin);
    await page.getByTestId('maintenance-panel').waitFor({ timeout: 10_000 });
    await checkScreenSizes(page, 'maintenance-panel', { primary: byId('maintenance-exit'), fitsFrom: 1080 });
    await page.getByTestId('maintenance-toggle-service').click();
    await page.locator('[data-testid="maintenance-service"][data-in-service="false"]').waitFor({ timeout: 10_000 });
    await page.getByTestId('maintenance-exit').click();
    await page.getByTestId('screen-out-of-service').waitFor({ timeout: 5_000 });
    await checkScreenSizes(page, 'out-of-service', {});
    await page.getByTestId('emblem').click({ clickCount: 5 });
    await type('S001');
    await type(demoStaffCredentials.S001!.pin);
    await page.getByTestId('maintenance-toggle-service').click();
    await page.locator('[data-testid="maintenance-service"][data-in-service="true"]').waitFor({ timeout: 10_000 });
    await page.getByTestId('maintenance-exit').click();
    await page.getByTestId('screen-attract').waitFor({ timeout: 5_000 });
  });
});
