// The public verification page in Chromium: a person types the code from a real statement and sees
// 真实有效 and what it says; a mistyped or forged code says it was not issued here. Screenshots in
// test-results/screenshots/verify-*.png.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { OpenSessionResponse } from '../../contracts/hall-api';
import { StatementIssued, verificationCheckChar } from '../../contracts/statements';
import { eq } from 'drizzle-orm';
import { certifications, persons } from '../../server/db/schema';
import { demoPeople } from '../../server/seed/demo-people';
import { backends } from '../server/support/backends';
import { type TestHall, openTestHall } from '../server/support/hall';
import { launchChromium, screenshot, seriousA11yViolations } from './chromium';

const worker = demoPeople[0]!;

describe('statement verification page', () => {
  let hall: TestHall;
  let browser: Browser;
  let page: Page;
  let base: string;
  let issued: StatementIssued;

  beforeAll(async () => {
    hall = await openTestHall(backends[0]!);
    const opened = OpenSessionResponse.parse(
      (
        await hall.inject({
          as: 'a',
          method: 'POST',
          url: '/api/v1/sessions',
          payload: { identifiedBy: 'ssCard', idNumber: worker.idNumber, name: worker.name },
        })
      ).json(),
    );
    // Printing needs the second factor: the card's PIN, checked on the terminal and reported.
    await hall.inject({
      as: 'a',
      method: 'POST',
      url: `/api/v1/sessions/${opened.sessionId}/second-factor`,
      payload: { method: 'ssCardPin' },
    });
    const res = await hall.inject({
      as: 'a',
      method: 'POST',
      url: `/api/v1/sessions/${opened.sessionId}/statements`,
      payload: { kind: 'rightsStatement', year: 2024, requestId: crypto.randomUUID() },
    });
    issued = StatementIssued.parse(res.json());
    await hall.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(hall.app.server.address() as AddressInfo).port}`;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1000, height: 1400 } });
  });
  afterAll(async () => {
    await browser?.close();
    await hall?.close();
  });

  async function verifyTyped(code: string) {
    await page.goto(`${base}/verify`);
    await page.getByLabel('请输入证明上的16位核验码').fill(code);
    await page.getByRole('button', { name: '核验' }).click();
    await page.waitForURL(/code=/);
  }

  it('shows 真实有效 and the content for a real code typed in', async () => {
    await verifyTyped(issued.verificationCode.toLowerCase());
    const status = page.getByRole('status');
    await expect(status.textContent()).resolves.toContain('真实有效');
    const body = (await page.textContent('body')) ?? '';
    expect(body).toContain('社会保险个人权益记录单');
    expect(body).toContain('2024年度');
    expect(body).toContain(worker.name);
    expect(body).toContain('4401**********035X');
    expect(body).not.toContain(worker.idNumber);
    expect(body).toContain('企业职工基本养老保险');
    await screenshot(page, 'verify-genuine');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('fits a phone (390x844): nothing runs off the side, the tables scroll inside their boxes', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${base}/verify?code=${encodeURIComponent(issued.verificationCode)}`);
    await expect(page.getByRole('status').textContent()).resolves.toContain('真实有效');
    await page.locator('summary').click();
    const widths = await page.evaluate(() => {
      const w = globalThis as unknown as {
        innerWidth: number;
        document: { scrollingElement: { scrollWidth: number } };
      };
      return { scroll: w.document.scrollingElement.scrollWidth, inner: w.innerWidth };
    });
    expect(widths.scroll).toBeLessThanOrEqual(widths.inner);
    const button = await page.getByRole('button', { name: '核验' }).boundingBox();
    expect(button!.x + button!.width).toBeLessThanOrEqual(390);
    await screenshot(page, 'verify-phone-390');
    await page.setViewportSize({ width: 1000, height: 1400 });
  });

  it("opens a certification receipt's QR link as a phone-sized page, not JSON", async () => {
    const [person] = await hall.database.db
      .select({ id: persons.id })
      .from(persons)
      .where(eq(persons.idNumber, worker.idNumber));
    const id = crypto.randomUUID();
    await hall.database.db.insert(certifications).values({
      id,
      personId: person!.id,
      certifiedAt: new Date('2026-03-05T02:00:00Z'),
      validUntil: '2099-03-04',
      method: 'face',
      result: 'passed',
    });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${base}/verify/certifications/${id}`);
    await expect(page.getByRole('status').textContent()).resolves.toContain('认证有效');
    const body = (await page.textContent('body')) ?? '';
    expect(body).toContain('2099年3月4日');
    expect(body).not.toContain(worker.name);
    const widths = await page.evaluate(() => {
      const w = globalThis as unknown as {
        innerWidth: number;
        document: { scrollingElement: { scrollWidth: number } };
      };
      return { scroll: w.document.scrollingElement.scrollWidth, inner: w.innerWidth };
    });
    expect(widths.scroll).toBeLessThanOrEqual(widths.inner);
    await screenshot(page, 'verify-certification-phone-390');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 1000, height: 1400 });
  });

  it('opens the link of the QR code straight to the result', async () => {
    await page.goto(`${base}/verify?code=${encodeURIComponent(issued.verificationCode)}`);
    await expect(page.getByRole('status').textContent()).resolves.toContain('真实有效');
  });

  it('says a tampered code and a never-issued code are not from this system', async () => {
    const c = issued.verificationCode;
    const tampered = c.slice(0, 5) + (c[5] === 'A' ? 'B' : 'A') + c.slice(6);
    await verifyTyped(tampered);
    const alert = page.getByRole('alert');
    await expect(alert.textContent()).resolves.toContain('不是本系统出具');
    expect((await page.textContent('body')) ?? '').not.toContain(worker.name);
    await screenshot(page, 'verify-tampered');

    const body = 'ZZZZZZZZZZZZZZ0';
    await verifyTyped((body + verificationCheckChar(body)).match(/.{4}/g)!.join('-'));
    await expect(page.getByRole('alert').textContent()).resolves.toContain('没有出具过');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
