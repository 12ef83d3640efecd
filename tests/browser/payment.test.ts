// 缴费 in Chromium against the embedded hall server and its payment channel simulator: 陈晓雨 pays a
// resident pension year with her phone's payment code (the simulator page's phone shows it to the
// scanner; the phone asks for the password), gets the thermal receipt and the A4 certificate; pays
// her arrears by scanning the kiosk's QR; a decline says so with 12333; a QR the channel will not
// make offers the payment code or another QR on the same order; a cancel really cancels.
// The main payment screens are checked and saved at the four screen sizes (test-results/screenshots/).
// Then the staff console's 缴费 panel: a clerk sees the day's orders without buttons; a supervisor
// refunds one (money back at the channel) and reconciles, and a stray channel charge is listed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { HOTLINE } from '../../contracts';
import { simulatorPaymentCode } from '../../contracts/payment';
import { demoCards } from '../../server';
import { httpPaymentProvider } from '../../server/payment/http-provider';
import { screenshot, seriousA11yViolations } from './chromium';
import { startKiosk, type KioskHarness } from './kiosk-harness';
import { checkScreenSizes } from './screen-sizes';

let k: KioskHarness;
const chen = () => demoCards().find((c) => c.card.name === '陈晓雨')!.card;
const byId = (id: string) => (page: KioskHarness['kiosk']) => page.getByTestId(id);

beforeAll(async () => {
  k = await startKiosk({ sessionTimeoutMs: 300_000, payment: true });
});
afterAll(() => k?.close());

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await k.hall.db.execute(query)) as unknown as { rows: T[] }).rows;
}

/** Orders of the terminal as the ledger stores them, newest first. */
const orders = () =>
  rows<{ state: string; amount: number }>(sql`select state, amount from payment_orders order by created_at desc`);

/** The ledger and the channel agree: the money the channel holds is exactly the posted orders' sum. */
async function moneyAgrees(postedCount: number) {
  const posted = (await orders()).filter((o) => o.state === 'posted');
  expect(posted).toHaveLength(postedCount);
  expect(k.channel!.money()).toBe(posted.reduce((sum, o) => sum + Number(o.amount), 0));
}

describe('paying at the kiosk (Chromium, browser mode)', () => {
  it('opens 缴费 after the card and its PIN, and shows what can be paid', async () => {
    await k.kiosk.getByTestId('screen-attract').waitFor();
    await k.simulator.getByTestId(`sim-insert-ss-${chen().idNumber}`).click();
    await k.kiosk.getByTestId('screen-home').waitFor({ timeout: 15_000 });
    await k.kiosk.getByTestId('service-payment').click();
    for (const d of '123456') await k.kiosk.getByTestId(`pin-key-${d}`).click();
    await k.kiosk.getByTestId('pin-ok').click();
    await k.kiosk.getByTestId('payment-menu').waitFor({ timeout: 15_000 });
    await expect(k.kiosk.getByTestId('payment-kind-residentPension').textContent()).resolves.toContain(
      '城乡居民养老保险',
    );
    await expect(k.kiosk.getByTestId('payment-kind-arrears').isVisible()).resolves.toBe(true);
    await checkScreenSizes(k.kiosk, 'payment-menu', { primary: byId('payment-kind-arrears') });
    expect(await seriousA11yViolations(k.kiosk)).toEqual([]);
  });

  it('pays a pension year by the phone’s payment code: password on the phone, then paid once, receipt printed', async () => {
    await k.kiosk.getByTestId('payment-kind-residentPension').click();
    await k.kiosk.getByTestId('payment-pension').waitFor();
    const grades = k.kiosk.locator('[data-testid^="payment-grade-"]');
    expect(await grades.count()).toBeGreaterThan(1);
    await grades.nth(1).click();
    await screenshot(k.kiosk, 'payment-grades');
    await k.kiosk.getByTestId('payment-next').click();
    await k.kiosk.getByTestId('payment-confirm').waitFor({ timeout: 15_000 });
    const total = await k.kiosk.getByTestId('payment-total').textContent();
    expect(total).toMatch(/^\d[\d,]*\.\d\d 元$/);
    await checkScreenSizes(k.kiosk, 'payment-confirm', { primary: byId('payment-method-native'), primaryFrom: 1024 });

    await k.kiosk.getByTestId('payment-method-micropay').click();
    await k.kiosk.getByTestId('payment-scan').waitFor();
    await expect(k.kiosk.getByTestId('payment-countdown').textContent()).resolves.toMatch(/还剩 \d+ 秒/);
    await checkScreenSizes(k.kiosk, 'payment-scan', { primary: byId('payment-cancel') });
    // Something that is not a payment code is refused in plain words; the payment still waits.
    await k.simulator.getByTestId('sim-qr-text').fill('https://example.org/not-a-payment-code');
    await k.simulator.getByTestId('sim-scan-qr').click();
    await k.kiosk.getByTestId('payment-code-invalid').waitFor();

    await k.simulator.getByTestId('sim-pay-code-password').click();
    // The phone's password step lasts a moment only (1.5 s on the simulator): one picture of it.
    await k.kiosk.getByText('正在等待您在手机上确认').waitFor({ timeout: 15_000 });
    await screenshot(k.kiosk, 'payment-confirming');
    await k.kiosk.getByTestId('payment-paid').waitFor({ timeout: 30_000 });
    // It says 正在打印缴费回执… while the printer works, then asks the person to take it.
    await expect
      .poll(() => k.kiosk.getByTestId('payment-receipt').textContent(), { timeout: 20_000 })
      .toBe('请取走缴费回执。');
    // The thermal printer got the receipt: its bytes drawn back by the simulator say what was paid.
    const receipt = k.running.hardware!.printedReceipts()[0]!;
    expect(receipt.svg).toContain('社会保险费缴费回执');
    expect(receipt.svg).toContain(total!.replace(' 元', ''));
    await checkScreenSizes(k.kiosk, 'payment-paid', { primary: byId('payment-certificate'), primaryFrom: 1024 });
    expect((await orders())[0]!.state).toBe('posted');
    await moneyAgrees(1);
  });

  it('prints the A4 payment certificate on request', async () => {
    await k.kiosk.getByTestId('payment-certificate').click();
    await k.kiosk.getByTestId('payment-certificate-done').waitFor({ timeout: 30_000 });
    await expect(k.kiosk.getByTestId('payment-certificate-done').textContent()).resolves.toMatch(/验证码 \S+/);
    expect(k.running.hardware!.a4Documents()[0]!.title).toBe('社会保险费缴费凭证');
    await screenshot(k.simulator, 'payment-simulator-page');
  });

  it('pays the arrears by scanning the kiosk’s QR with the phone', async () => {
    await k.kiosk.getByTestId('payment-more').click();
    await k.kiosk.getByTestId('payment-menu').waitFor({ timeout: 15_000 });
    await k.kiosk.getByTestId('payment-kind-arrears').click();
    await k.kiosk.getByTestId('payment-arrears').waitFor();
    await screenshot(k.kiosk, 'payment-arrears');
    await k.kiosk.getByTestId('payment-next').click();
    await k.kiosk.getByTestId('payment-confirm').waitFor({ timeout: 15_000 });
    await k.kiosk.getByTestId('payment-method-native').click();
    await k.kiosk.getByTestId('payment-qr').waitFor({ timeout: 15_000 });
    const url = await k.kiosk.getByTestId('payment-qr-code').getAttribute('data-qr-text');
    expect(url).toMatch(/^https?:\/\//);
    await checkScreenSizes(k.kiosk, 'payment-qr', { primary: byId('payment-cancel') });
    await k.simulator.getByTestId('sim-pay-qr-pay').click();
    await k.kiosk.getByTestId('payment-paid').waitFor({ timeout: 30_000 });
    await moneyAgrees(2);
  });

  it('a decline says so in plain words with 12333; a new attempt is a new order, a refused QR is retried on it, and cancel really cancels', async () => {
    await k.kiosk.getByTestId('payment-more').click();
    await k.kiosk.getByTestId('payment-menu').waitFor({ timeout: 15_000 });
    await k.kiosk.getByTestId('payment-kind-residentMedical').click();
    await k.kiosk.getByTestId('payment-medical').waitFor();
    await screenshot(k.kiosk, 'payment-medical');
    await k.kiosk.getByTestId('payment-add-family').click();
    await k.kiosk.getByTestId('payment-family').waitFor();
    for (const d of '1101051949') await k.kiosk.getByTestId(`payment-key-${d}`).click();
    await screenshot(k.kiosk, 'payment-family');
    await k.kiosk.getByTestId('payment-back').click();
    await k.kiosk.getByTestId('payment-medical').waitFor();
    await k.kiosk.getByTestId('payment-next').click();
    await k.kiosk.getByTestId('payment-confirm').waitFor({ timeout: 15_000 });
    await k.kiosk.getByTestId('payment-method-micropay').click();
    await k.kiosk.getByTestId('payment-scan').waitFor();
    await k.simulator.getByTestId('sim-pay-code-declined').click();
    await k.kiosk.getByTestId('payment-failed').waitFor({ timeout: 15_000 });
    await expect(k.kiosk.getByTestId('payment-reason').textContent()).resolves.toContain('没有扣款');
    await expect(k.kiosk.locator('body').textContent()).resolves.toContain(HOTLINE);
    await checkScreenSizes(k.kiosk, 'payment-declined', { primary: byId('payment-again') });
    expect(await seriousA11yViolations(k.kiosk)).toEqual([]);

    await k.kiosk.getByTestId('payment-again').click();
    await k.kiosk.getByTestId('payment-confirm').waitFor({ timeout: 15_000 });
    // The channel will not make the QR: said plainly, nothing charged, the other way or another QR on the same order.
    k.channel!.set({ declinePrecreate: true });
    try {
      await k.kiosk.getByTestId('payment-method-native').click();
      await k.kiosk.getByTestId('payment-qr-refused').waitFor({ timeout: 15_000 });
    } finally {
      k.channel!.set({ declinePrecreate: false });
    }
    await expect(k.kiosk.getByTestId('payment-reason').textContent()).resolves.toBe(
      '支付通道暂时生成不了付款二维码，没有扣款。',
    );
    await expect(k.kiosk.getByTestId('payment-qr-refused').textContent()).resolves.toContain(HOTLINE);
    expect((await orders())[0]!.state).toBe('created');
    await checkScreenSizes(k.kiosk, 'payment-qr-refused', { primary: byId('payment-qr-retry') });
    expect(await seriousA11yViolations(k.kiosk)).toEqual([]);
    await k.kiosk.getByTestId('payment-qr-retry').click();
    await k.kiosk.getByTestId('payment-qr').waitFor({ timeout: 15_000 });
    await k.kiosk.getByTestId('payment-cancel').click();
    await k.kiosk.getByTestId('payment-cancelled').waitFor({ timeout: 15_000 });
    await screenshot(k.kiosk, 'payment-cancelled');
    // Nothing more was charged: the declined order and the cancelled one are not posted.
    const [cancelled, declined] = await orders();
    expect(cancelled!.state).not.toBe('posted');
    expect(declined!.state).not.toBe('posted');
    await moneyAgrees(2);
  });
});

describe('the staff console’s 缴费 panel (same hall, same browser)', () => {
  let staff: Page;
  async function signIn(staffId: string): Promise<void> {
    await staff.goto(`${k.hall.url}/staff`);
    await staff.evaluate('sessionStorage.clear()');
    await staff.goto(`${k.hall.url}/staff`);
    await staff.getByLabel('工号').fill(staffId);
    await staff.getByLabel('密码').fill('hall-demo');
    await staff.getByRole('button', { name: '登录' }).click();
    await staff.getByTestId('payments-panel').waitFor();
  }

  it('a clerk sees the day’s payments and totals, masked, without a refund button', async () => {
    staff = await (await k.browser.newContext({ locale: 'zh-CN', viewport: { width: 1920, height: 1080 } })).newPage();
    await signIn('S001');
    const panel = staff.getByTestId('payments-panel');
    await panel.getByTestId('payments-totals').getByText('收款 2 笔').waitFor();
    const rowsShown = panel.locator('[data-testid^="payment-order-"]');
    expect(await rowsShown.count()).toBe(4); // two posted, the declined and the cancelled
    const text = (await panel.textContent())!;
    expect(text).toContain('已入账');
    expect(text).toContain('未支付');
    expect(text).not.toContain(chen().idNumber); // masked as on a receipt
    expect(await panel.getByRole('button', { name: '退款' }).count()).toBe(0);
    expect(await panel.getByTestId('reconciliation-run').count()).toBe(0);
  });

  it('a supervisor refunds a posted order (money back at the channel) and reconciles; a difference is listed', async () => {
    await signIn('S003');
    const panel = staff.getByTestId('payments-panel');
    await panel.getByTestId('payments-totals').getByText('收款 2 笔').waitFor();
    const refundButtons = panel.getByRole('button', { name: '退款' });
    expect(await refundButtons.count()).toBe(2);
    const before = k.channel!.money();
    await refundButtons.first().click();
    await panel.getByTestId('refund-reason').fill('本人申请，重复缴费');
    await panel.getByTestId('refund-confirm').click();
    await panel
      .getByRole('status')
      .getByText(/^已退款 [\d,]+\.\d\d 元，缴费记录已撤回$/)
      .waitFor({ timeout: 30_000 });
    await panel.getByTestId('payments-totals').getByText('退款 1 笔').waitFor({ timeout: 15_000 });
    const refunded = (await orders()).filter((o) => o.state === 'refunded');
    expect(refunded).toHaveLength(1);
    expect(k.channel!.money()).toBe(before - Number(refunded[0]!.amount));
    await moneyAgrees(1);

    await panel.getByTestId('reconciliation-run').click();
    await panel.getByTestId('reconciliation-status').getByText(/^一致/).waitFor({ timeout: 30_000 });
    // The channel charges an order the ledger never heard of: the next run lists it.
    const provider = httpPaymentProvider({ baseUrl: k.channel!.url, ...k.channel! });
    await provider.micropay({
      orderNo: 'STRAY0000000001',
      amount: 12_345,
      authCode: simulatorPaymentCode('success', 901),
      description: 'x',
    });
    await panel.getByTestId('reconciliation-run').click();
    await panel.getByTestId('reconciliation-differences').getByText('STRAY0000000001').waitFor({ timeout: 30_000 });
    await expect(panel.getByTestId('reconciliation-differences').textContent()).resolves.toContain('123.45 元');
    expect(await seriousA11yViolations(staff)).toEqual([]);
    for (const size of [
      { width: 1920, height: 1080 },
      { width: 1366, height: 768 },
    ]) {
      await staff.setViewportSize(size);
      await panel.scrollIntoViewIfNeeded();
      await screenshot(staff, `staff-payments-${size.width}x${size.height}`);
    }
  });
});
