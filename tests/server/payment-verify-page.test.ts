// The public /verify page opens a payment certificate's (缴费凭证) code too: what was paid, for whom
// (masked), when, and that it is genuine; after a staff refund it says the certificate is void.
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PaymentCertificate, simulatorPaymentCode } from '../../contracts/payment';
import { demoPeople } from '../../server/seed/demo-people';
import { backends } from './support/backends';
import { type PaymentHall, openPaymentHall, payerSession } from './support/payment';
import { staffHeaders } from './support/queue';

const chen = demoPeople.find((p) => p.name === '陈晓雨')!;
/** The page's text as a person reads it (tags dropped). */
const text = (html: string) =>
  html
    .replace(/<style>[\s\S]*?<\/style>/, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

describe.each(backends.slice(0, 1))('the verification page for payment certificates on $name', (backend) => {
  let ph: PaymentHall;
  beforeAll(async () => {
    ph = await openPaymentHall(backend);
  }, 120_000);
  afterAll(async () => {
    await ph?.close();
  });

  it('says what was paid, for whom (masked) and when, genuine; then void after a refund', async () => {
    const { api } = await payerSession(ph.hall, chen);
    const order = await api.createOk([{ kind: 'residentPension', year: 2025, gradeId: 'g3' }]);
    await api.payOk(order.orderId, { method: 'micropay', authCode: simulatorPaymentCode('success', 4321) });
    expect((await api.settle(order.orderId)).state).toBe('posted');
    const cert = PaymentCertificate.parse((await api.certificate(order.orderId)).json());

    const page = await ph.hall.inject({
      method: 'GET',
      url: `/verify?code=${encodeURIComponent(cert.verificationCode)}`,
    });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    if (process.env.VERIFY_PAGE_OUT) writeFileSync(process.env.VERIFY_PAGE_OUT, page.body);
    const seen = text(page.body);
    expect(seen).toContain('✔ 真实有效');
    expect(seen).toContain('社会保险费缴费凭证');
    expect(seen).toContain('缴费人 陈**');
    expect(seen).toContain('500.00 元');
    expect(seen).toContain('城乡居民养老保险 2025 年度');
    expect(seen).toContain(order.orderNo);
    expect(seen).toMatch(/缴费时间 2025年06月15日 \d\d:\d\d/);
    expect(page.body).not.toContain(chen.idNumber);
    expect(page.body).not.toContain(chen.name);

    const supervisor = await staffHeaders(ph.hall, 'S003');
    const refund = await ph.hall.inject({
      method: 'POST',
      url: `/api/v1/staff/payments/${order.orderId}/refund`,
      headers: supervisor,
      payload: { requestId: randomUUID(), reason: '群众申请退费' },
    });
    expect(refund.statusCode, refund.body).toBe(200);
    const after = text(
      (await ph.hall.inject({ method: 'GET', url: `/verify?code=${encodeURIComponent(cert.verificationCode)}` })).body,
    );
    expect(after).toContain('这笔缴费已退款，凭证作废');
    expect(after).toContain('12333');
    expect(after).not.toContain('✔ 真实有效');
    // A statement's unknown code still says so.
    const unknown = text((await ph.hall.inject({ method: 'GET', url: '/verify?code=7K3M-Q9XD-2HTB-W5RT' })).body);
    expect(unknown).toContain('本系统没有出具过这个核验码的证明');
  });
});
