// The citizen services in a real browser over the embedded default: a receipt scanned without a
// card, insurance details behind the card PIN (typed on the kiosk's keypad, counted by the
// simulated card), a certificate printed on the simulated A4 printer and read back with pdftotext,
// a failed print retried without a second statement, and a locked card told in plain words.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCards } from '../../server';
import { screenshot, seriousA11yViolations } from './chromium';
import { startKiosk, type KioskHarness } from './kiosk-harness';

let k: KioskHarness;
const worker = () => demoCards()[0]!.card;
const retiree = () => demoCards()[1]!.card;

beforeAll(async () => {
  k = await startKiosk({ sessionTimeoutMs: 300_000 });
});
afterAll(() => k?.close());

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await k.hall.db.execute(query)) as unknown as { rows: T[] }).rows;
}

async function typePin(pin: string) {
  for (const d of pin) await k.kiosk.getByTestId(`pin-key-${d}`).click();
  await k.kiosk.getByTestId('pin-ok').click();
}

describe('case progress by scanning a receipt (no card)', () => {
  it('shows the scanned case with its steps, overdue flagged', async () => {
    await k.kiosk.getByTestId('screen-attract').waitFor();
    await screenshot(k.kiosk, 'cz-01-attract-tiles');
    const [overdue] = await rows<{ case_no: string }>(
      sql`select case_no from cases where completed_at is null and due_date < current_date - 2 order by case_no limit 1`,
    );
    const [any] = await rows<{ case_no: string }>(sql`select case_no from cases order by case_no limit 1`);
    const caseNo = (overdue ?? any)!.case_no;
    await k.kiosk.getByTestId('service-cases').click();
    await k.kiosk.getByTestId('cases-waiting').waitFor();
    await screenshot(k.kiosk, 'cz-02-cases-scan');
    await k.simulator.getByTestId('sim-qr-text').fill(caseNo);
    await k.simulator.getByTestId('sim-scan-qr').click();
    await k.kiosk.getByTestId('case-detail').waitFor({ timeout: 10_000 });
    await expect(k.kiosk.getByTestId('case-no').textContent()).resolves.toBe(caseNo);
    if (overdue) await expect(k.kiosk.getByTestId('case-overdue').textContent()).resolves.toMatch(/已超期 \d+ 天/);
    await screenshot(k.kiosk, 'cz-03-case-found');
    expect(await seriousA11yViolations(k.kiosk)).toEqual([]);
    await k.kiosk.getByTestId('service-back').click();
    await k.kiosk.getByTestId('screen-attract').waitFor();
  });
});

describe('inquiry behind the card PIN', () => {
  it('asks the PIN for contributions; a wrong one counts down, the right one shows years and months', async () => {
    await k.simulator.getByTestId(`sim-insert-ss-${worker().idNumber}`).click();
    await k.kiosk.getByTestId('screen-home').waitFor({ timeout: 15_000 });
    await k.kiosk.getByTestId('service-inquiry').click();
    await k.kiosk.getByTestId('inquiry-menu').waitFor();
    await screenshot(k.kiosk, 'cz-04-inquiry-menu');
    await k.kiosk.getByTestId('inquiry-open-enrollments').click();
    await k.kiosk.getByTestId('inquiry-enrollments').waitFor();
    await screenshot(k.kiosk, 'cz-05-inquiry-enrollments');
    await k.kiosk.getByTestId('inquiry-back').click();

    await k.kiosk.getByTestId('inquiry-open-contributions').click();
    await k.kiosk.getByTestId('pin-step').waitFor();
    await expect
      .poll(() => k.simulator.getByTestId('sim-ss-pin-value').textContent(), { timeout: 10_000 })
      .toBe('123456');
    await typePin('000000');
    await k.kiosk.getByTestId('pin-wrong').waitFor();
    await expect(k.kiosk.getByTestId('pin-wrong').textContent()).resolves.toContain('还可以再试 2 次');
    await expect.poll(() => k.simulator.getByTestId('sim-ss-tries').textContent(), { timeout: 10_000 }).toBe('2');
    await screenshot(k.kiosk, 'cz-06-pin-wrong');
    await typePin('123456');
    await k.kiosk.getByTestId('inquiry-years').waitFor({ timeout: 10_000 });
    expect(await k.kiosk.content()).not.toContain(worker().idNumber);
    await screenshot(k.kiosk, 'cz-07-contribution-years');
    const firstYear = k.kiosk.locator('[data-testid^="inquiry-year-"]').first();
    await firstYear.click();
    await k.kiosk.getByTestId('inquiry-months').waitFor();
    await expect(k.kiosk.getByTestId('inquiry-year-totals').textContent()).resolves.toContain('全年合计');
    await screenshot(k.kiosk, 'cz-08-contribution-months');
    expect(await seriousA11yViolations(k.kiosk)).toEqual([]);

    const receipts = (await k.running.hardware!.printedReceiptCount) as number;
    await k.kiosk.getByTestId('cz-print-page').click();
    await k.kiosk.getByTestId('cz-print-page-done').waitFor({ timeout: 15_000 });
    expect(k.running.hardware!.printedReceiptCount).toBe(receipts + 1);
    expect(k.running.hardware!.printedReceipts()[0]!.svg).toContain('全年合计');
  });

  it('pension and medical need no second PIN in the same visit', async () => {
    await k.kiosk.getByTestId('inquiry-back').click();
    await k.kiosk.getByTestId('inquiry-back').click();
    await k.kiosk.getByTestId('inquiry-open-pension').click();
    await k.kiosk.getByTestId('inquiry-view-pension').waitFor();
    await k.kiosk.locator('[data-testid="cz-loading"]').waitFor({ state: 'detached', timeout: 10_000 });
    await screenshot(k.kiosk, 'cz-09-pension');
    await k.kiosk.getByTestId('inquiry-back').click();
    await k.kiosk.getByTestId('inquiry-open-medical').click();
    await k.kiosk.getByTestId('inquiry-view-medical').waitFor();
    await k.kiosk.locator('[data-testid="cz-loading"]').waitFor({ state: 'detached', timeout: 10_000 });
    await screenshot(k.kiosk, 'cz-10-medical');
    await k.kiosk.getByTestId('service-back').click();
  });
});

describe('statements on the A4 printer', () => {
  it('prints an insurance certificate the A4 printer receives as a PDF with the person and the code', async () => {
    await k.kiosk.getByTestId('service-statements').click();
    await k.kiosk.getByTestId('statements-choose').waitFor();
    await screenshot(k.kiosk, 'cz-11-statements-choose');
    await k.kiosk.getByTestId('statements-kind-insuranceCertificate').click();
    await k.kiosk.getByTestId('statements-span').waitFor(); // PIN given already in this session
    await screenshot(k.kiosk, 'cz-12-statements-span');
    // Every insurance type is chosen at first; one tap leaves medical insurance out of the certificate.
    const medical = k.kiosk.getByTestId('statements-type-employeeMedical');
    await expect(medical.getAttribute('aria-pressed')).resolves.toBe('true');
    await medical.click();
    await expect(medical.getAttribute('aria-pressed')).resolves.toBe('false');
    // All the insured time is many pages: the server's count is asked first, said and spoken.
    await k.kiosk.evaluate(() => {
      const w = globalThis as unknown as {
        __spoken: string[];
        speechSynthesis: { speak: (u: { text: string }) => void };
      };
      w.__spoken = [];
      w.speechSynthesis.speak = (u) => void w.__spoken.push(u.text);
    });
    await k.kiosk.getByTestId('statements-span-all').click();
    await k.kiosk.getByTestId('statements-confirm').waitFor({ timeout: 30_000 });
    const heading = (await k.kiosk.getByTestId('statements-confirm-heading').textContent())!;
    const total = Number(/共 (\d+) 页，确定打印吗？/.exec(heading)![1]);
    expect(total).toBeGreaterThan(2);
    await expect(k.kiosk.getByTestId('statements-confirm-all').textContent()).resolves.toContain(`打印 ${total} 页`);
    const shorter = (await k.kiosk.getByTestId('statements-confirm-shorter').textContent())!;
    expect(shorter).toContain('只打印最近一年');
    const shorterPages = Number(/共 (\d+) 页/.exec(shorter)![1]);
    await expect
      .poll(() => k.kiosk.evaluate(() => (globalThis as unknown as { __spoken: string[] }).__spoken.join('|')))
      .toContain(`这份证明共 ${total} 页，确定打印吗？`);
    expect(k.running.hardware!.a4Documents()).toHaveLength(0); // nothing printed before the answer
    await screenshot(k.kiosk, 'cz-12b-statements-confirm');
    await k.kiosk.getByTestId('statements-confirm-shorter').click();
    await k.kiosk.getByTestId('statements-done').waitFor({ timeout: 30_000 });
    const code = await k.kiosk.getByTestId('statements-code').textContent();
    await screenshot(k.kiosk, 'cz-13-statements-done');
    const docs = k.running.hardware!.a4Documents();
    expect(docs).toHaveLength(1);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'cz-pdf-')), 'certificate.pdf');
    writeFileSync(file, docs[0]!.pdf);
    // The page count the screen gave is the printed PDF's own.
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(Number(/^Pages:\s+(\d+)/m.exec(info)![1])).toBe(shorterPages);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('参保缴费证明');
    expect(text).toContain(worker().name);
    expect(text).toContain(code!);
    expect(text).toContain('企业职工基本养老保险');
    expect(text).not.toContain('职工基本医疗保险');
    expect(text).toContain('参保单位：');
  });

  it('a print that fails says why; the retry reprints the same statement', async () => {
    await k.kiosk.getByTestId('statements-again').click();
    await k.kiosk.getByTestId('statements-kind-rightsStatement').click();
    await k.kiosk.getByTestId('statements-year').waitFor();
    await k.simulator.getByTestId('sim-unplug-a4Printer').click();
    await expect
      .poll(() => k.running.devices.health().find((d) => d.device === 'a4Printer')?.state, { timeout: 10_000 })
      .toBe('failed');
    await k.kiosk.locator('[data-testid^="statements-year-"]').nth(1).click();
    await k.kiosk.getByTestId('statements-failed').waitFor({ timeout: 30_000 });
    await expect(k.kiosk.getByTestId('statements-reason').textContent()).resolves.toContain('A4 打印机出了故障');
    await expect(k.kiosk.getByTestId('hotline').textContent()).resolves.toContain('12333');
    await screenshot(k.kiosk, 'cz-14-statements-failed');
    await k.simulator.getByTestId('sim-replug-a4Printer').click();
    await expect
      .poll(() => k.running.devices.health().find((d) => d.device === 'a4Printer')?.state, { timeout: 10_000 })
      .toBe('ok');
    await k.kiosk.getByTestId('statements-retry').click();
    await k.kiosk.getByTestId('statements-done').waitFor({ timeout: 30_000 });
    expect(k.running.hardware!.a4Documents()).toHaveLength(2);
    const [count] = await rows<{ n: number }>(sql`
      select count(*)::int as n from statements s join persons p on p.id = s.person_id
      where p.id_number = ${worker().idNumber}`);
    expect(count!.n).toBe(2); // one certificate, one rights statement: the retry issued nothing
    await k.kiosk.getByTestId('service-back').click();
    await k.simulator.getByTestId('sim-remove-ss-card').click();
    await k.kiosk.getByTestId('screen-attract').waitFor({ timeout: 10_000 });
  });
});

describe('a locked card and an ID-card session', () => {
  it('a card locked on the simulator page is told in a plain sentence with 12333', async () => {
    await k.simulator.getByTestId(`sim-insert-ss-${retiree().idNumber}`).click();
    await k.kiosk.getByTestId('screen-home').waitFor({ timeout: 15_000 });
    await k.kiosk.getByTestId('service-inquiry').click();
    await k.kiosk.getByTestId('inquiry-open-pension').click();
    await k.kiosk.getByTestId('pin-step').waitFor();
    await k.simulator.getByTestId('sim-fail-next-pin').click();
    await typePin('123456');
    await expect(k.kiosk.getByTestId('pin-wrong').textContent()).resolves.toContain('还可以再试 2 次');
    await k.simulator.getByTestId('sim-lock-ss-card').click();
    // The simulator page shows the card's counter once the host has locked it (not at the click).
    await expect.poll(() => k.simulator.getByTestId('sim-ss-tries').textContent(), { timeout: 10_000 }).toBe('0');
    await typePin('123456');
    await k.kiosk.getByTestId('pin-locked').waitFor();
    await expect(k.kiosk.getByTestId('pin-locked').textContent()).resolves.toContain('密码已经锁定');
    await expect(k.kiosk.getByTestId('hotline').textContent()).resolves.toContain('12333');
    await screenshot(k.kiosk, 'cz-15-pin-locked');
    await k.simulator.getByTestId('sim-remove-ss-card').click();
    await k.kiosk.getByTestId('screen-attract').waitFor({ timeout: 10_000 });
  });

  it('an ID-card session of a person with no face on record is told where to go', async () => {
    await k.simulator.getByTestId(`sim-insert-${worker().idNumber}`).click();
    await k.kiosk.getByTestId('screen-home').waitFor({ timeout: 15_000 });
    await k.kiosk.getByTestId('service-inquiry').click();
    await k.kiosk.getByTestId('inquiry-open-contributions').click();
    await k.kiosk.getByTestId('pin-notAvailable').waitFor();
    await expect(k.kiosk.getByTestId('pin-notAvailable').textContent()).resolves.toContain('人工窗口');
    await screenshot(k.kiosk, 'cz-16-pin-not-available');
    await k.simulator.getByTestId('sim-remove-card').click();
  });
});
