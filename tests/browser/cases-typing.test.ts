// Case progress without a scanner that can read the receipt: a person types the demo case number on
// the kiosk's keypad and sees its steps; an unknown number is told plainly with 12333; a receipt
// barcode printed with dashes still scans. Real Chromium over the embedded default.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, seriousA11yViolations } from './chromium';
import { startKiosk, type KioskHarness } from './kiosk-harness';

let k: KioskHarness;

beforeAll(async () => {
  k = await startKiosk({ sessionTimeoutMs: 300_000 });
});
afterAll(() => k?.close());

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await k.hall.db.execute(query)) as unknown as { rows: T[] }).rows;
}

async function typeCaseNo(caseNo: string) {
  const prefix = /^[A-Z]+/.exec(caseNo)![0];
  await k.kiosk.getByTestId(`cases-key-${prefix}`).click();
  for (const d of caseNo.slice(prefix.length)) await k.kiosk.getByTestId(`cases-key-${d}`).click();
}

describe('typing a case number (no card, no scan)', () => {
  it('types the demo case number on the keypad and sees its steps', async () => {
    const [demo] = await rows<{ case_no: string; steps: Array<{ name: string }> }>(
      sql`select case_no, steps from cases where jsonb_array_length(steps) >= 2 order by case_no limit 1`,
    );
    const caseNo = demo!.case_no;
    await k.kiosk.getByTestId('screen-attract').waitFor();
    await k.kiosk.getByTestId('service-cases').click();
    await k.kiosk.getByTestId('cases-waiting').waitFor();
    await screenshot(k.kiosk, 'cz-19-cases-waiting');
    await k.kiosk.getByTestId('cases-type').click();
    await k.kiosk.getByTestId('cases-typing').waitFor();
    await typeCaseNo(caseNo);
    await expect(k.kiosk.getByTestId('cases-typed').textContent()).resolves.toBe(caseNo);
    // Shown in groups a person can compare with the receipt: the letters, then fours.
    const groups = await k.kiosk.locator('.cz-keyin__group').allTextContents();
    expect(groups[0]).toBe(/^[A-Z]+/.exec(caseNo)![0]);
    expect(groups.slice(1, -1).every((g) => g.length === 4)).toBe(true);
    // Every key is finger-sized, and the typed number is big.
    for (const id of ['cases-key-0', 'cases-key-backspace', 'cases-key-submit', 'cases-typing-back']) {
      const box = (await k.kiosk.getByTestId(id).boundingBox())!;
      expect(box.height).toBeGreaterThanOrEqual(72);
    }
    const size = await k.kiosk.getByTestId('cases-typed').evaluate((el) => {
      const view = globalThis as unknown as { getComputedStyle(e: unknown): { fontSize: string } };
      return Number.parseFloat(view.getComputedStyle(el).fontSize);
    });
    expect(size).toBeGreaterThanOrEqual(56);
    await screenshot(k.kiosk, 'cz-20-case-typed');
    expect(await seriousA11yViolations(k.kiosk)).toEqual([]);

    await k.kiosk.getByTestId('cases-key-submit').click();
    await k.kiosk.getByTestId('case-detail').waitFor({ timeout: 10_000 });
    await expect(k.kiosk.getByTestId('case-no').textContent()).resolves.toBe(caseNo);
    const detail = await k.kiosk.getByTestId('case-detail').textContent();
    for (const step of demo!.steps) expect(detail).toContain(step.name);
    await screenshot(k.kiosk, 'cz-21-case-typed-found');
    await k.kiosk.getByTestId('cases-again').click();
    await k.kiosk.getByTestId('cases-waiting').waitFor();
  });

  it('an unknown number is told plainly with 12333, and can be corrected', async () => {
    await k.kiosk.getByTestId('cases-type').click();
    await typeCaseNo('SB0019999');
    await k.kiosk.getByTestId('cases-key-submit').click();
    await k.kiosk.getByTestId('cz-failure').waitFor({ timeout: 10_000 });
    const failure = await k.kiosk.getByTestId('cz-failure').textContent();
    expect(failure).toContain('查不到这个编号');
    expect(failure).toContain('12333');
    await screenshot(k.kiosk, 'cz-22-case-typed-unknown');
    await k.kiosk.getByTestId('cases-edit').click();
    await expect(k.kiosk.getByTestId('cases-typed').textContent()).resolves.toBe('SB0019999');
    // The same keypad in English keeps what was typed.
    await k.kiosk.getByTestId('language-switch').click();
    await expect(k.kiosk.getByTestId('cases-typing').textContent()).resolves.toContain(
      'Type the case number on your receipt',
    );
    await expect(k.kiosk.getByTestId('cases-typed').textContent()).resolves.toBe('SB0019999');
    await screenshot(k.kiosk, 'cz-23-case-typing-en');
    await k.kiosk.getByTestId('language-switch').click();
    await k.kiosk.getByTestId('cases-typing-back').click();
    await k.kiosk.getByTestId('cases-waiting').waitFor();
  });

  it('a receipt barcode printed with dashes still finds the case', async () => {
    const [one] = await rows<{ case_no: string }>(sql`select case_no from cases order by case_no desc limit 1`);
    const caseNo = one!.case_no;
    const dashed = `${caseNo.slice(0, 5)}-${caseNo.slice(5, 13)}-${caseNo.slice(13)}`;
    await k.simulator.getByTestId('sim-qr-text').fill(dashed);
    await k.simulator.getByTestId('sim-scan-qr').click();
    await k.kiosk.getByTestId('case-detail').waitFor({ timeout: 10_000 });
    await expect(k.kiosk.getByTestId('case-no').textContent()).resolves.toBe(caseNo);
    await k.kiosk.getByTestId('service-back').click();
    await k.kiosk.getByTestId('screen-attract').waitFor();
  });
});
