// Queue tickets and maintenance in a real browser: a person takes a number at the kiosk (tapping
// twice, as people do), sees it large, and the simulated printer prints it; with the paper out the
// number stays on screen and 重新打印 prints it after a new roll. Staff open maintenance with the
// hidden gesture and their PIN; when they close the terminal, the closed sign names another terminal
// of the hall that serves now, by where it stands.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoStaffCredentials } from '../../server/seed/hall';
import { screenshot, seriousA11yViolations } from './chromium';
import { checkScreenSizes } from './screen-sizes';
import { startKiosk, type KioskHarness } from './kiosk-harness';

let k: KioskHarness;

beforeAll(async () => {
  k = await startKiosk();
});
afterAll(() => k?.close());

/** The SVG the simulator page drew for its newest receipt (from the bytes the printer got). */
async function newestReceiptSvg(): Promise<string> {
  const img = k.simulator.getByTestId('sim-receipt').first();
  await img.waitFor({ timeout: 10_000 });
  const src = (await img.getAttribute('src')) ?? '';
  const comma = src.indexOf(',');
  const data = src.slice(comma + 1);
  return src.slice(0, comma).endsWith(';base64')
    ? Buffer.from(data, 'base64').toString('utf8')
    : decodeURIComponent(data);
}

/**
 * The simulator page's newest receipt once it carries `text`. The page lists the receipts again
 * when the printer's state event reaches it, which can come after the kiosk already says 请取走:
 * the page in its own window may still show the one before for a moment.
 */
async function newestReceiptWith(text: string): Promise<string> {
  let svg = '';
  for (let i = 0; i < 100; i++) {
    svg = await newestReceiptSvg();
    if (svg.includes(text)) return svg;
    await new Promise((r) => setTimeout(r, 100));
  }
  return svg;
}

async function printerOk(): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (k.running.devices.health().find((d) => d.device === 'receiptPrinter')?.state === 'ok') return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the receipt printer never became ready');
}

describe('taking a queue ticket at the kiosk (Chromium, browser mode)', () => {
  it('shows the categories as huge buttons with how many wait and how long', async () => {
    await k.kiosk.getByTestId('screen-attract').waitFor();
    await k.kiosk.getByTestId('service-queue').click();
    await k.kiosk.getByTestId('queue-category-A').waitFor({ timeout: 10_000 });
    const text = await k.kiosk.getByTestId('queue-category-A').textContent();
    expect(text).toContain('社保业务');
    expect(text).toMatch(/人在等|没有人在等/);
    const box = await k.kiosk.getByTestId('queue-category-A').boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(200);
    await screenshot(k.kiosk, 'queue-01-categories');
    expect(await seriousA11yViolations(k.kiosk)).toEqual([]);
  });

  it('a double tap gives one ticket: the number large on screen and one receipt with it', async () => {
    await printerOk();
    const before = k.running.hardware!.printedReceiptCount;
    await k.kiosk.getByTestId('queue-category-A').dblclick();
    await k.kiosk.getByTestId('queue-printed').waitFor({ timeout: 15_000 });
    const number = (await k.kiosk.getByTestId('queue-number').textContent())!.trim();
    expect(number).toMatch(/^A\d{3}$/);
    await expect(k.kiosk.getByTestId('queue-printed').textContent()).resolves.toContain('请取走您的号票');
    const size = await k.kiosk.getByTestId('queue-number').evaluate((el) => {
      const view = globalThis as unknown as { getComputedStyle(e: unknown): { fontSize: string } };
      return parseFloat(view.getComputedStyle(el).fontSize);
    });
    expect(size).toBeGreaterThanOrEqual(160);
    await screenshot(k.kiosk, 'queue-02-take-your-ticket');
    expect(await seriousA11yViolations(k.kiosk)).toEqual([]);

    expect(k.running.hardware!.printedReceiptCount).toBe(before + 1);
    const svg = await newestReceiptWith(number);
    expect(svg).toContain(number);
    expect(svg).toContain('社保业务');
    await k.simulator.getByTestId('sim-receipt').first().scrollIntoViewIfNeeded();
    await k.simulator
      .getByTestId('sim-receipt')
      .first()
      .screenshot({ path: 'test-results/screenshots/queue-03-printed-receipt.png' });
    await k.kiosk.getByTestId('queue-done').click();
    await k.kiosk.getByTestId('screen-attract').waitFor();
  });

  it('leaves a phone for "3 away": typed on big keys, shown masked, and the SMS comes when staff call ahead', async () => {
    // One ticket ahead, then the person's own, with a phone left after it came out.
    await k.kiosk.getByTestId('service-queue').click();
    await k.kiosk.getByTestId('queue-category-C').click();
    await k.kiosk.getByTestId('queue-printed').waitFor({ timeout: 15_000 });
    await k.kiosk.getByTestId('queue-done').click();
    await k.kiosk.getByTestId('service-queue').click();
    await k.kiosk.getByTestId('queue-category-C').click();
    await k.kiosk.getByTestId('queue-printed').waitFor({ timeout: 15_000 });
    const number = (await k.kiosk.getByTestId('queue-number').textContent())!.trim();
    expect(await k.kiosk.getByTestId('queue-sms-offer').textContent()).toContain('快到您时发短信提醒？');
    await checkScreenSizes(k.kiosk, 'queue-07a-sms-offer', { primary: (p) => p.getByTestId('queue-done') });
    await k.kiosk.getByTestId('queue-phone-offer').click();
    await k.kiosk.getByTestId('queue-phone').waitFor();
    for (const d of '13812341234') await k.kiosk.getByTestId(`queue-key-${d}`).click();
    await checkScreenSizes(k.kiosk, 'queue-07-phone-keypad', { primary: (p) => p.getByTestId('queue-key-ok') });
    expect(await seriousA11yViolations(k.kiosk)).toEqual([]);
    await k.kiosk.getByTestId('queue-key-ok').click();
    await k.kiosk.getByTestId('queue-phone-left').waitFor({ timeout: 15_000 });
    expect(await k.kiosk.getByTestId('queue-phone-left').textContent()).toContain('138****1234');
    expect(await k.kiosk.locator('body').textContent()).not.toContain('13812341234');
    await checkScreenSizes(k.kiosk, 'queue-08-phone-left', { primary: (p) => p.getByTestId('queue-done') });

    // Staff call the ticket ahead: the person's is now within 3, and one SMS goes to the masked number.
    const login = await fetch(`${k.hall.url}/api/v1/staff/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ staffId: 'S001', password: demoStaffCredentials.S001!.password }),
    });
    const { token } = (await login.json()) as { token: string };
    const called = await fetch(`${k.hall.url}/api/v1/staff/queue/call-next`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ categoryCodes: ['C'], windowNo: 2 }),
    });
    expect(called.status).toBe(200);
    let page = '';
    for (let i = 0; i < 60 && !page.includes('138****1234'); i++) {
      await new Promise((r) => setTimeout(r, 500));
      page = await (await fetch(`${k.hall.url}/sim/sms`)).text();
    }
    expect(page).toContain('138****1234');
    expect(page).toContain(number);
    expect(page).not.toContain('13812341234');
    await k.kiosk.getByTestId('queue-done').click();
    await k.kiosk.getByTestId('screen-attract').waitFor();
  });

  it('paper out: the number stays on screen with 重新打印, which prints it after a new roll', async () => {
    await k.simulator.getByTestId('sim-paper-out').click();
    await k.kiosk.getByTestId('service-queue').click();
    await k.kiosk.getByTestId('queue-category-B').click();
    await k.kiosk.getByTestId('queue-print-failed').waitFor({ timeout: 15_000 });
    const number = (await k.kiosk.getByTestId('queue-number').textContent())!.trim();
    expect(number).toMatch(/^B\d{3}$/);
    const text = await k.kiosk.getByTestId('queue-print-failed').textContent();
    expect(text).toContain('仍然有效');
    expect(text).toContain('打印机没有纸了');
    expect(text).toContain('12333');
    await screenshot(k.kiosk, 'queue-04-print-failed');
    expect(await seriousA11yViolations(k.kiosk)).toEqual([]);

    await k.simulator.getByTestId('sim-paper-ok').click();
    await printerOk();
    await k.kiosk.getByTestId('queue-reprint').click();
    await k.kiosk.getByTestId('queue-printed').waitFor({ timeout: 15_000 });
    expect(await newestReceiptWith(number)).toContain(number);
    await k.kiosk.getByTestId('queue-done').click();
    await k.kiosk.getByTestId('screen-attract').waitFor();
  });
});

describe('maintenance mode (Chromium, browser mode)', () => {
  async function type(keys: string): Promise<void> {
    for (const key of keys) await k.kiosk.getByTestId(`key-${key}`).click();
    await k.kiosk.getByTestId('key-next').click();
  }

  it('five taps on the emblem open the staff sign-in; a wrong PIN is said plainly', async () => {
    // Five quick taps (one burst: on a loaded machine five separate clicks may take over 3 s).
    await k.kiosk.getByTestId('emblem').click({ clickCount: 5 });
    await k.kiosk.getByTestId('screen-maintenance').waitFor({ timeout: 5_000 });
    await type('S001');
    await type('0000');
    const problem = k.kiosk.getByTestId('maintenance-problem');
    await problem.waitFor({ timeout: 10_000 });
    expect(await problem.getAttribute('data-problem')).toBe('unauthorized');
    expect(await problem.textContent()).toContain('工号或密码不对');
    await screenshot(k.kiosk, 'queue-05a-maintenance-wrong-pin');
    expect(await seriousA11yViolations(k.kiosk)).toEqual([]);
  });

  it('the right PIN opens the staff panel: devices, test print, close and reopen, exit', async () => {
    // Another terminal of the hall, serving, in the east of the hall.
    const otherSecret = await k.hall.registerTerminal({ terminalId: 'KIOSK-TEST-02', location: '大厅东侧 2 号机' });
    const otherBeats = () =>
      fetch(`${k.hall.url}/api/v1/terminal/heartbeat`, {
        method: 'POST',
        headers: { authorization: `Bearer KIOSK-TEST-02.${otherSecret}`, 'content-type': 'application/json' },
        body: JSON.stringify({ appVersion: '1.0.0', uptimeS: 60, inService: true, devices: [], lastError: null }),
      }).then((res) => expect(res.status).toBe(200));
    await otherBeats();
    // The staff id stays after a wrong PIN: only the PIN is typed again.
    await k.kiosk.getByTestId('key-next').click();
    await type(demoStaffCredentials.S001!.pin);
    await k.kiosk.getByTestId('maintenance-panel').waitFor({ timeout: 10_000 });
    await k.kiosk.getByTestId('device-receiptPrinter').waitFor();
    await expect(k.kiosk.getByTestId('maintenance-panel').textContent()).resolves.toContain('周敏');
    await printerOk();
    const before = k.running.hardware!.printedReceiptCount;
    await k.kiosk.getByTestId('maintenance-test-print').click();
    await k.kiosk.getByText('测试页已打印。').waitFor({ timeout: 10_000 });
    expect(k.running.hardware!.printedReceiptCount).toBe(before + 1);
    await screenshot(k.kiosk, 'queue-05-maintenance');
    expect(await seriousA11yViolations(k.kiosk)).toEqual([]);

    await otherBeats();
    await k.kiosk.getByTestId('maintenance-toggle-service').click();
    await k.kiosk.locator('[data-testid="maintenance-service"][data-in-service="false"]').waitFor({ timeout: 10_000 });
    await k.kiosk.getByTestId('maintenance-exit').click();
    await k.kiosk.getByTestId('screen-out-of-service').waitFor({ timeout: 5_000 });
    // The sign names the other terminal (learnt with the next heartbeat, every 10 s) and the window hours.
    const go = k.kiosk.getByTestId('closed-sign-alternatives');
    await k.kiosk.getByText('大厅东侧 2 号机').waitFor({ timeout: 15_000 });
    expect((await go.textContent())!.trim()).toBe('请到 大厅东侧 2 号机 办理。');
    const sign = (await k.kiosk.getByTestId('screen-out-of-service').textContent()) ?? '';
    expect(sign).toContain('人工窗口办理时间：周一至周五 9:00-12:00，13:30-17:30');
    expect(sign).toContain('12333');
    expect(sign).not.toContain('KIOSK-TEST-02');
    const place = await k.kiosk.locator('.closed-sign__place').evaluate((el) => {
      const view = globalThis as unknown as { getComputedStyle(e: unknown): { fontSize: string } };
      return parseFloat(view.getComputedStyle(el).fontSize);
    });
    expect(place).toBeGreaterThanOrEqual(56);
    await screenshot(k.kiosk, 'queue-06-out-of-service');
    expect(await seriousA11yViolations(k.kiosk)).toEqual([]);
    await k.kiosk.getByTestId('language-switch').click();
    await k.kiosk.getByText('Please use the kiosk at').waitFor({ timeout: 5_000 });
    expect((await go.textContent())!.trim()).toBe('Please use the kiosk at 大厅东侧 2 号机.');
    await screenshot(k.kiosk, 'queue-06b-out-of-service-en');
    await k.kiosk.getByTestId('language-switch').click();
    await k.kiosk.getByText('本机暂停服务').waitFor({ timeout: 5_000 });

    // Staff come back through the closed sign and reopen the terminal.
    await k.kiosk.getByTestId('emblem').click({ clickCount: 5 });
    await type('S001');
    await type(demoStaffCredentials.S001!.pin);
    await k.kiosk.getByTestId('maintenance-toggle-service').click();
    await k.kiosk.locator('[data-testid="maintenance-service"][data-in-service="true"]').waitFor({ timeout: 10_000 });
    await k.kiosk.getByTestId('maintenance-exit').click();
    await k.kiosk.getByTestId('screen-attract').waitFor({ timeout: 5_000 });
  });
});
