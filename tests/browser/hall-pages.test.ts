// The hall server's own pages in Debian Chromium: a supervisor signs in to the staff console and
// calls the next ticket; the hall display shows it and queues the spoken sentence (speech is stubbed
// in the page, so the test hears exactly what the hall would); a citizen's phone page shows people
// ahead; and a restart sent from the console reaches the terminal and comes back done.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startHallServer, type HallServer } from '../../server';
import { launchChromium, screenshot, seriousA11yViolations } from './chromium';

const TERMINAL = 'KIOSK-HALL-01';
let hall: HallServer;
let browser: Browser;

/**
 * A page in a window of its own. Pages of one window are tabs, and a tab behind another runs its
 * timers and animation frames once a second; a display or a console is always in front.
 */
async function newWindow(): Promise<Page> {
  const context: BrowserContext = await browser.newContext({ locale: 'zh-CN' });
  return context.newPage();
}
let terminalAuth: string;
const tickets: Array<{ ticketId: string; number: string }> = [];

async function api(method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${hall.url}${path}`, {
    method,
    headers: { authorization: terminalAuth, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** What the terminal says of itself: a printer running low on paper. */
async function heartbeat(): Promise<void> {
  await api('POST', '/api/v1/terminal/heartbeat', {
    appVersion: '0.1.0',
    uptimeS: 3 * 3600 + 12 * 60,
    inService: true,
    devices: [
      { device: 'idCardReader', state: 'ok' },
      { device: 'receiptPrinter', state: 'degraded', reason: 'paperNearEnd' },
    ],
    lastError: 'receiptPrinter:paperNearEnd',
  });
}

/** Records every utterance the page asks for; each one takes 1.2 s to "say", like a real voice. */
const SPEECH_STUB = `
  window.__spoken = [];
  window.__log = [];
  window.__cancelled = 0;
  Object.defineProperty(window, 'speechSynthesis', {
    configurable: true,
    value: {
      speak(u) {
        window.__spoken.push(u.text + '|' + u.lang);
        window.__log.push('start ' + u.text);
        setTimeout(() => { window.__log.push('end ' + u.text); u.onend && u.onend(new Event('end')); }, 1200);
      },
      cancel() { window.__cancelled++; },
      getVoices() { return []; },
      pending: false, speaking: false, paused: false,
    },
  });
`;

/** A browser that refuses to speak until a person has touched the page (Chromium's autoplay policy). */
const REFUSING_SPEECH_STUB = `
  window.__spoken = [];
  window.__touched = false;
  addEventListener('click', () => { window.__touched = true; }, true);
  Object.defineProperty(window, 'speechSynthesis', {
    configurable: true,
    value: {
      speak(u) {
        if (!window.__touched) { setTimeout(() => u.onerror && u.onerror({ error: 'not-allowed' }), 10); return; }
        window.__spoken.push(u.text);
        setTimeout(() => u.onend && u.onend(new Event('end')), 50);
      },
      cancel() {},
      getVoices() { return []; },
    },
  });
`;

const spoken = (page: Page) => page.evaluate(() => (globalThis as unknown as { __spoken: string[] }).__spoken);

beforeAll(async () => {
  hall = await startHallServer({ port: 0, seedIfEmpty: true });
  const secret = await hall.registerTerminal({ terminalId: TERMINAL, location: '一楼大厅入口' });
  terminalAuth = `Bearer ${TERMINAL}.${secret}`;
  // A second terminal that never reported: the console must say it is offline.
  await hall.registerTerminal({ terminalId: 'KIOSK-HALL-02', location: '二楼社保窗口旁' });
  await heartbeat();
  for (let i = 0; i < 5; i++) {
    tickets.push(
      (await api('POST', '/api/v1/queue/tickets', { categoryCode: 'A', idempotencyKey: randomUUID() })) as {
        ticketId: string;
        number: string;
      },
    );
  }
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await hall?.close();
});

/** A page as wide as the screen: the document does not scroll sideways. */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const widths = await page.evaluate(() => {
    const w = globalThis as unknown as { innerWidth: number; document: { scrollingElement: { scrollWidth: number } } };
    return { scroll: w.document.scrollingElement.scrollWidth, inner: w.innerWidth };
  });
  expect(widths.scroll).toBeLessThanOrEqual(widths.inner);
}

describe('hall pages (Chromium)', () => {
  let staff: Page;
  let display: Page;

  it('serves the pages with a CSP that allows only this server', async () => {
    const response = await fetch(`${hall.url}/staff`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('content-security-policy')).toContain("connect-src 'self'");
    // HTML pages only through their routes; the asset folder serves assets only.
    expect((await fetch(`${hall.url}/web/staff.html`)).status).toBe(404);
  });

  it('a supervisor signs in and calls the next ticket; the display shows it and queues the sentence', async () => {
    display = await newWindow();
    await display.setViewportSize({ width: 1920, height: 1080 });
    await display.addInitScript(SPEECH_STUB);
    await display.goto(`${hall.url}/display?hall=demo-hall`);
    await display.getByText('请留意叫号，按顺序办理').waitFor();

    staff = await newWindow();
    await staff.setViewportSize({ width: 1600, height: 1000 });
    await staff.goto(`${hall.url}/staff`);
    await staff.getByLabel('工号').fill('S003');
    await staff.getByLabel('密码').fill('wrong-password');
    await staff.getByRole('button', { name: '登录' }).click();
    await staff.getByRole('alert').getByText('工号或密码不对').waitFor();
    await staff.getByLabel('密码').fill('hall-demo');
    await staff.getByRole('button', { name: '登录' }).click();
    await expect(staff.getByTestId('staff-who').textContent()).resolves.toContain('吴静');

    await staff.getByTestId('window-no').fill('3');
    await staff.getByRole('button', { name: '叫号', exact: true }).click();
    await staff.getByTestId('queue-message').getByText(`已叫 ${tickets[0]!.number} 到 3 号窗口`).waitFor();
    // The message comes with the call's answer; the window's ticket with the queue reloaded after it.
    await expect.poll(() => staff.getByTestId('current-ticket').textContent()).toBe(tickets[0]!.number);

    const latest = display.getByTestId('display-latest');
    await latest.getByText(tickets[0]!.number).waitFor({ timeout: 5_000 });
    await expect(latest.textContent()).resolves.toContain('3 号窗口');
    await expect
      .poll(() => spoken(display), { timeout: 5_000 })
      .toEqual([`请 ${tickets[0]!.number} 号到 3 号窗口办理|zh-CN`]);
  });

  it('a recall is announced again; two calls at once are said one after the other, never cut off', async () => {
    await staff.getByRole('button', { name: '重呼' }).click();
    await staff.getByTestId('queue-message').getByText(`${tickets[0]!.number} 已重呼`).waitFor();
    const say = (i: number, windowNo: number) => `请 ${tickets[i]!.number} 号到 ${windowNo} 号窗口办理|zh-CN`;
    await expect.poll(() => spoken(display), { timeout: 5_000 }).toEqual([say(0, 3), say(0, 3)]);
    await staff.getByRole('button', { name: '办结' }).click();
    await staff.getByTestId('queue-message').getByText(`${tickets[0]!.number} 已办结`).waitFor();

    // Window 3 and window 5 call within a second of each other.
    await staff.getByRole('button', { name: '叫号', exact: true }).click();
    await staff.getByTestId('current-ticket').getByText(tickets[1]!.number).waitFor();
    await staff.getByTestId('window-no').fill('5');
    await staff.getByRole('button', { name: '叫号', exact: true }).click();
    await staff.getByTestId('current-ticket').getByText(tickets[2]!.number).waitFor();

    const all = [say(0, 3), say(0, 3), say(1, 3), say(2, 5)];
    await expect.poll(() => spoken(display), { timeout: 10_000 }).toEqual(all);
    await display.getByTestId('display-latest').getByText(tickets[2]!.number).waitFor();
    await expect(display.getByTestId('display-latest').textContent()).resolves.toContain('5 号窗口');
    await expect(display.getByTestId('display-current').textContent()).resolves.toContain(
      `${tickets[1]!.number}3 号窗口`,
    );
    await display.getByTestId('display-history').getByText(tickets[0]!.number).waitFor();
    // Each sentence ends before the next begins, polling goes on without repeats, nothing is cancelled.
    await display.waitForTimeout(3_000);
    const log = await display.evaluate(() => (globalThis as unknown as { __log: string[] }).__log);
    expect(log).toEqual(all.flatMap((t) => [`start ${t.split('|')[0]}`, `end ${t.split('|')[0]}`]));
    expect(await spoken(display)).toEqual(all);
    expect(await display.evaluate(() => (globalThis as unknown as { __cancelled: number }).__cancelled)).toBe(0);
    await screenshot(display, 'hall-display');
    expect(await seriousA11yViolations(display)).toEqual([]);
  });

  it('when the browser refuses to speak, the display asks for one touch and then says the call', async () => {
    const quiet = await newWindow();
    await quiet.setViewportSize({ width: 1920, height: 1080 });
    await quiet.addInitScript(REFUSING_SPEECH_STUB);
    await quiet.goto(`${hall.url}/display?hall=demo-hall`);
    await quiet.getByTestId('display-latest').waitFor();
    await staff.getByRole('button', { name: '重呼' }).click();
    await quiet.getByRole('alert').getByText('语音播报未开启：请点击屏幕一次').waitFor({ timeout: 5_000 });
    await screenshot(quiet, 'hall-display-speech-blocked');
    expect(await spoken(quiet)).toEqual([]);
    await quiet.mouse.click(960, 540);
    await expect.poll(() => spoken(quiet), { timeout: 5_000 }).toEqual([`请 ${tickets[2]!.number} 号到 5 号窗口办理`]);
    await quiet.getByText('语音播报未开启').waitFor({ state: 'detached' });
    await quiet.close();
  });

  it("the follow page shows the citizen's number and the people ahead", async () => {
    const phone = await newWindow();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(`${hall.url}/q/${tickets[4]!.ticketId}`);
    await phone.getByTestId('follow-number').getByText(tickets[4]!.number).waitFor();
    // A001 served, A002 and A003 called: only A004 waits before A005.
    await expect(phone.getByTestId('follow-status').textContent()).resolves.toContain('前面还有 1 人');
    await screenshot(phone, 'hall-follow-waiting');
    await expectNoSidewaysScroll(phone);
    expect(await seriousA11yViolations(phone)).toEqual([]);

    const called = await newWindow();
    await called.setViewportSize({ width: 390, height: 844 });
    await called.goto(`${hall.url}/q/${tickets[2]!.ticketId}`);
    await called.getByTestId('follow-status').getByText('请到 5 号窗口办理').waitFor();
    await screenshot(called, 'hall-follow-called');
    await phone.close();
    await called.close();
  });

  it('an unknown ticket says so plainly', async () => {
    const phone = await newWindow();
    await phone.goto(`${hall.url}/q/${randomUUID()}`);
    await phone.getByText('没有找到这个排队号').waitFor();
    await phone.close();
  });

  it('staff see the terminal with its device health and send a restart that comes back done', async () => {
    await heartbeat(); // the console counts a terminal silent for 30 s as offline
    const row = staff.getByTestId(`terminal-${TERMINAL}`);
    await row.getByText('在线').waitFor({ timeout: 8_000 });
    const text = await row.textContent();
    expect(text).toContain('一楼大厅入口');
    expect(text).toContain('凭条打印机：异常（纸将用完）');
    expect(text).toContain('0.1.0');
    expect(text).toContain('已运行 3 小时 12 分');
    expect(text).toContain('服务中');
    const silent = await staff.getByTestId('terminal-KIOSK-HALL-02').textContent();
    expect(silent).toContain('离线');
    expect(silent).toContain('从未上线');

    await row.getByRole('button', { name: TERMINAL }).click();
    const detail = staff.getByTestId('terminal-detail');
    await detail.getByRole('button', { name: '重启' }).click();
    // A restart throws out whoever is at the terminal: the console asks once more, and nothing is sent yet.
    const confirm = detail.getByRole('alertdialog');
    await expect(confirm.textContent()).resolves.toContain(`确认重启 ${TERMINAL}？正在办理的群众会被退出`);
    await screenshot(staff, 'hall-staff-confirm-restart');
    expect(await detail.getByTestId('command-row').count()).toBe(0);
    await confirm.getByRole('button', { name: '确认重启' }).click();
    await confirm.waitFor({ state: 'detached' });
    const command = detail.getByTestId('command-row').first();
    await command.getByText('待送达').waitFor({ timeout: 5_000 });
    await expect(command.textContent()).resolves.toContain('重启');
    await expect(command.textContent()).resolves.toContain('S003');

    // The terminal polls and gets it, then reports it done.
    const { commands } = (await api('GET', '/api/v1/terminal/commands?waitMs=0')) as {
      commands: Array<{ commandId: string; kind: string }>;
    };
    expect(commands.map((c) => c.kind)).toEqual(['restartApp']);
    await command.getByText('已送达').waitFor({ timeout: 5_000 });
    await api('POST', `/api/v1/terminal/commands/${commands[0]!.commandId}/ack`, { result: 'done' });
    await command.getByText('已完成').waitFor({ timeout: 5_000 });
    // The recent activity list (audit log) shows the command and the terminal's ack, ids only.
    const audit = staff.getByTestId('audit');
    await audit.getByText('终端回执').first().waitFor({ timeout: 8_000 });
    await expect(audit.textContent()).resolves.toContain('发出终端指令');
    await expect(audit.textContent()).resolves.toContain('密码错误');
    await screenshot(staff, 'hall-staff-console');
    expect(await seriousA11yViolations(staff)).toEqual([]);
    // A common office screen: everything still fits side by side.
    await staff.setViewportSize({ width: 1366, height: 768 });
    await screenshot(staff, 'hall-staff-console-1366');
    // A supervisor's phone: the console reflows rather than running off the side.
    await staff.setViewportSize({ width: 390, height: 844 });
    await screenshot(staff, 'hall-staff-console-390');
    await expectNoSidewaysScroll(staff);
    await staff.setViewportSize({ width: 1600, height: 1000 });
  });

  it('a terminal whose devices have all recovered reads 正常, its last fault marked as recovered', async () => {
    await staff.setViewportSize({ width: 1920, height: 1080 });
    // The host keeps its last fault for the whole run; the printer has paper again.
    await api('POST', '/api/v1/terminal/heartbeat', {
      appVersion: '0.1.0',
      uptimeS: 3 * 3600 + 13 * 60,
      inService: true,
      devices: [
        { device: 'idCardReader', state: 'ok' },
        { device: 'receiptPrinter', state: 'ok' },
      ],
      lastError: 'receiptPrinter:paperNearEnd',
    });
    const row = staff.getByTestId(`terminal-${TERMINAL}`);
    await row.getByText('已运行 3 小时 13 分').waitFor({ timeout: 8_000 });
    await expect(row.locator('.badge').textContent()).resolves.toBe('正常');
    await expect(row.locator('.last-error').textContent()).resolves.toBe('凭条打印机：纸将用完（现已恢复）');
    expect(await row.textContent()).not.toContain('部分故障');
  });

  it('暂停服务 asks first; 取消 sends nothing, 确认 sends it; the activity list is all in words', async () => {
    const detail = staff.getByTestId('terminal-detail');
    const before = await detail.getByTestId('command-row').count();
    await detail.getByRole('button', { name: '暂停服务' }).click();
    const confirm = detail.getByRole('alertdialog');
    await expect(confirm.textContent()).resolves.toContain(`确认暂停 ${TERMINAL} 的服务？`);
    await confirm.getByRole('button', { name: '取消' }).click();
    await confirm.waitFor({ state: 'detached' });
    await staff.waitForTimeout(2_500); // one command poll: still nothing new
    expect(await detail.getByTestId('command-row').count()).toBe(before);

    await detail.getByRole('button', { name: '暂停服务' }).click();
    await screenshot(staff, 'hall-staff-confirm-out-of-service');
    await confirm.getByRole('button', { name: '确认暂停服务' }).click();
    await detail.getByTestId('command-row').first().getByText('暂停服务').waitFor({ timeout: 5_000 });
    await staff.getByTestId(`terminal-${TERMINAL}`).getByText('暂停服务').waitFor({ timeout: 8_000 });

    // Every action and result in the activity list is a Chinese label, never a code like fleet.command.
    const audit = staff.getByTestId('audit');
    const rows = async () => {
      const actions = await audit.locator('tbody tr td:nth-child(2)').allTextContents();
      const results = await audit.locator('tbody tr td:nth-child(5)').allTextContents();
      return actions.map((action, i) => [action, results[i]!]);
    };
    // The list reloads every 5 s: the command just sent comes with the next reload.
    await expect.poll(rows, { timeout: 15_000 }).toContainEqual(['发出终端指令', '已发出']);
    const cells = await rows();
    expect(cells.length).toBeGreaterThan(5);
    for (const [action, result] of cells) {
      expect(action).not.toMatch(/[A-Za-z]/);
      expect(result).not.toMatch(/[A-Za-z]/);
    }
    await screenshot(staff, 'hall-staff-console-audit');
  });

  it('a clerk sees the fleet but cannot send commands, and has no activity list', async () => {
    const clerk = await newWindow();
    await clerk.setViewportSize({ width: 1600, height: 1000 });
    await clerk.goto(`${hall.url}/staff`);
    await clerk.getByLabel('工号').fill('S001');
    await clerk.getByLabel('密码').fill('hall-demo');
    await clerk.getByRole('button', { name: '登录' }).click();
    await clerk.getByTestId(`terminal-${TERMINAL}`).getByRole('button', { name: TERMINAL }).click();
    const detail = clerk.getByTestId('terminal-detail');
    await detail.getByText('窗口人员不能向终端发指令').waitFor();
    expect(await detail.getByRole('button', { name: '重启' }).isDisabled()).toBe(true);
    expect(await clerk.getByTestId('audit').count()).toBe(0);
    await clerk.getByRole('button', { name: '退出登录' }).click();
    await clerk.getByRole('button', { name: '登录' }).waitFor();
    await clerk.close();
  });
});
