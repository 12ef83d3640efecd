// 缴费 in Chromium against the embedded hall server and its payment channel simulator: 陈晓雨 pays a
// resident pension year with her phone's payment code (the simulator page's phone shows it to the
// scanner; the phone asks for the password), gets the thermal receipt and the A4 certificate; pays
// her arrears by scanning the kiosk's QR; a decline says so with 12333; a cancel really cancels.
// Every payment screen is checked and saved at the four screen sizes (test-results/screenshots/).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { HOTLINE } from '../../contracts';
import { demoCards } from '../../server';
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
  rows<{ state: string; amount: number }>(sql`select state, amount from payment_orders order by created_at desc`).catch(
    () => [] as Array<{ state: string; amount: number }>,
  );

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
    await checkScreenSizes(k.kiosk, 'payment-grades', { primary: byId('payment-next'), primaryFrom: 1024 });
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
    await k.kiosk.getByText('正在等待您在手机上确认').waitFor({ timeout: 15_000 });
    await checkScreenSizes(k.kiosk, 'payment-confirming', { primary: byId('payment-cancel') });
    await k.kiosk.getByTestId('payment-paid').waitFor({ timeout: 30_000 });
    await expect(k.kiosk.getByTestId('payment-receipt').textContent()).resolves.toBe('请取走缴费回执。');
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
    await checkScreenSizes(k.kiosk, 'payment-arrears', { primary: byId('payment-next'), primaryFrom: 1024 });
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

  it('a decline says so in plain words with 12333; a new attempt is a new order, and cancel really cancels', async () => {
    await k.kiosk.getByTestId('payment-more').click();
    await k.kiosk.getByTestId('payment-menu').waitFor({ timeout: 15_000 });
    await k.kiosk.getByTestId('payment-kind-residentMedical').click();
    await k.kiosk.getByTestId('payment-medical').waitFor();
    await checkScreenSizes(k.kiosk, 'payment-medical', { primary: byId('payment-next'), primaryFrom: 1024 });
    await k.kiosk.getByTestId('payment-add-family').click();
    await k.kiosk.getByTestId('payment-family').waitFor();
    for (const d of '1101051949') await k.kiosk.getByTestId(`payment-key-${d}`).click();
    await checkScreenSizes(k.kiosk, 'payment-family', { primary: byId('payment-key-ok') });
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
    await k.kiosk.getByTestId('payment-method-native').click();
    await k.kiosk.getByTestId('payment-qr').waitFor({ timeout: 15_000 });
    await k.kiosk.getByTestId('payment-cancel').click();
    await k.kiosk.getByTestId('payment-cancelled').waitFor({ timeout: 15_000 });
    await checkScreenSizes(k.kiosk, 'payment-cancelled', { primary: byId('payment-more') });
    // Nothing more was charged: the declined order and the cancelled one are not posted.
    const [cancelled, declined] = await orders();
    expect(cancelled!.state).not.toBe('posted');
    expect(declined!.state).not.toBe('posted');
    await moneyAgrees(2);
  });
});
