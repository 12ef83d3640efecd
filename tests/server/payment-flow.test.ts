// Payment against the channel simulator over HTTP: what 陈晓雨 can pay, both ways of paying, the
// password wait, a decline, an uncertain answer reversed, cancels, duplicate and forged notifications,
// the certificate, and the rows each leaves. Money is checked on both sides: the ledger and the channel.
import { createHash } from 'node:crypto';
import { and, eq, gte, lte, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PaymentCertificate, PaymentVerificationResult, simulatorPaymentCode } from '../../contracts/payment';
import { auditLog, contributions, paymentOrders, pensionAccounts, persons } from '../../server/db/schema';
import { signedHeaders } from '../../server/payment/signature';
import { demoPeople } from '../../server/seed/demo-people';
import { backends } from './support/backends';
import { type PaymentHall, openPaymentHall, payerSession } from './support/payment';

const chen = demoPeople.find((p) => p.name === '陈晓雨')!;
let serial = 1000;
const code = (outcome: Parameters<typeof simulatorPaymentCode>[0]) => simulatorPaymentCode(outcome, serial++);

describe.each(backends)('payment on $name', (backend) => {
  let ph: PaymentHall;
  let chenId: number;
  beforeAll(async () => {
    ph = await openPaymentHall(backend, { notifyCopies: 3, notifyJitterMs: 50 }, { timeoutMs: 1500 });
    const [p] = await ph.hall.database.db.select().from(persons).where(eq(persons.idNumber, chen.idNumber));
    chenId = p!.id;
  }, 180_000);
  afterAll(async () => {
    await ph?.close();
  });

  const db = () => ph.hall.database.db;
  const paidMonths = async (type: 'residentPension' | 'residentMedical', year: number) =>
    (
      await db()
        .select({
          n: sql<number>`count(*)::int`,
          sum: sql<number>`coalesce(sum(${contributions.personalAmount}), 0)::int`,
        })
        .from(contributions)
        .where(
          and(
            eq(contributions.personId, chenId),
            eq(contributions.insuranceType, type),
            gte(contributions.period, `${year}01`),
            lte(contributions.period, `${year}12`),
            eq(contributions.paid, true),
          ),
        )
    )[0]!;
  const account = async () =>
    (await db().select().from(pensionAccounts).where(eq(pensionAccounts.personId, chenId)))[0]?.balance ?? 0;

  it('needs the second factor, then lists the region’s pension grades, last year’s arrears and medical, from the policy tables', async () => {
    const open = await ph.hall.inject({
      as: 'a',
      method: 'POST',
      url: '/api/v1/sessions',
      payload: { identifiedBy: 'idCard', idNumber: chen.idNumber, name: chen.name },
    });
    const bare = await ph.hall.inject({
      as: 'a',
      method: 'GET',
      url: `/api/v1/sessions/${open.json().sessionId}/payments/options`,
    });
    expect(bare.statusCode).toBe(403);
    expect(bare.json()).toMatchObject({ code: 'secondFactorRequired' });

    const { api } = await payerSession(ph.hall, chen);
    const options = await api.options();
    expect(options.region.code).toBe('440111');
    expect(options.residentPension).toMatchObject({ year: 2025, deadline: '2025-12-31', lastGradeId: 'g2' });
    expect(options.residentPension!.grades.map((g) => [g.gradeId, g.amount, g.subsidy])).toEqual([
      ['g1', 20_000, 3_000],
      ['g2', 30_000, 4_000],
      ['g3', 50_000, 6_000],
      ['g4', 100_000, 8_000],
      ['g5', 200_000, 10_000],
    ]);
    expect(options.arrears).toEqual([
      expect.objectContaining({ arrearsId: 'residentPension:2024', year: 2024, months: 12, amount: 30_000 }),
    ]);
    expect(options.residentMedical).toMatchObject({ year: 2025, selfPayable: true });
    expect(options.methods).toEqual(['micropay', 'native']);
  });

  it('pays the pension year and the arrears by payment code: one order, posted, twelve months each, the account credited with the subsidy', async () => {
    const { api } = await payerSession(ph.hall, chen);
    const before = await account();
    const order = await api.createOk([
      { kind: 'residentPension', year: 2025, gradeId: 'g2' },
      { kind: 'arrears', arrearsId: 'residentPension:2024' },
    ]);
    expect(order).toMatchObject({ state: 'created', amount: 60_000, method: null });
    expect(order.items.map((i) => [i.kind, i.year, i.amount, i.subsidy])).toEqual([
      ['residentPension', 2025, 30_000, 4_000],
      ['arrears', 2024, 30_000, 0],
    ]);
    const moneyBefore = ph.sim.money();
    const paid = await api.payOk(order.orderId, { method: 'micropay', authCode: code('success') });
    expect(paid.state).toBe('posted');
    expect(paid.receipt).toMatchObject({ amount: 60_000, channel: 'simulator', terminalId: 'KIOSK-A' });
    expect(ph.sim.money() - moneyBefore).toBe(60_000);
    expect(await paidMonths('residentPension', 2025)).toEqual({ n: 12, sum: 30_000 });
    expect(await paidMonths('residentPension', 2024)).toEqual({ n: 12, sum: 30_000 });
    expect((await account()) - before).toBe(64_000);
    // Paid items are offered no more; paying again is one charge only.
    const after = await api.options();
    expect(after.residentPension).toBeNull();
    expect(after.arrears).toEqual([]);
    const again = await api.payOk(order.orderId, { method: 'micropay', authCode: code('success') });
    expect(again.state).toBe('posted');
    expect(ph.sim.money() - moneyBefore).toBe(60_000);
    expect(await paidMonths('residentPension', 2025)).toEqual({ n: 12, sum: 30_000 });
  });

  it('returns the same order for the same tap, and refuses an item already in an order', async () => {
    const { api } = await payerSession(ph.hall, chen);
    const requestId = crypto.randomUUID();
    const first = await api.createOk([{ kind: 'residentMedical', year: 2025 }], requestId);
    const second = await api.create([{ kind: 'residentMedical', year: 2025 }], requestId);
    expect(second.statusCode).toBe(200);
    expect(second.json()).toMatchObject({ orderId: first.orderId, alreadyCreated: true });
    const other = await api.create([{ kind: 'residentMedical', year: 2025 }]);
    expect(other.statusCode).toBe(409);
    expect(other.json()).toMatchObject({ code: 'alreadyPaid' });
    // A cancel of a created order frees the item.
    const cancelled = await api.cancel(first.orderId);
    expect(cancelled.json()).toMatchObject({ state: 'failed', failure: 'cancelled' });
    const fresh = await api.createOk([{ kind: 'residentMedical', year: 2025 }]);
    await api.cancel(fresh.orderId);
  });

  it('a decline fails the order with nothing charged; a non-payment code is refused before the channel', async () => {
    const { api } = await payerSession(ph.hall, chen);
    const order = await api.createOk([{ kind: 'residentMedical', year: 2025 }]);
    const bad = await api.pay(order.orderId, { method: 'micropay', authCode: 'ESSC1.abc.def' });
    expect(bad.statusCode).toBe(400);
    const money = ph.sim.money();
    const declined = await api.payOk(order.orderId, { method: 'micropay', authCode: code('declined') });
    expect(declined).toMatchObject({ state: 'failed', failure: 'declined', receipt: null });
    expect(ph.sim.money()).toBe(money);
    expect(await paidMonths('residentMedical', 2025)).toEqual({ n: 0, sum: 0 });
  });

  it('waits while the phone asks for the password (USERPAYING), then posts on the poll', async () => {
    const { api } = await payerSession(ph.hall, chen);
    const order = await api.createOk([{ kind: 'residentMedical', year: 2025 }]);
    const paying = await api.payOk(order.orderId, { method: 'micropay', authCode: code('password') });
    expect(paying).toMatchObject({ state: 'paying', awaitingUserConfirmation: true });
    const done = await api.settle(order.orderId);
    expect(done.state).toBe('posted');
    expect((await paidMonths('residentMedical', 2025)).n).toBe(12);
  });

  it('an answer lost after the channel charged: the query finds it paid and it is posted once', async () => {
    const { api } = await payerSession(ph.hall, chen);
    const member = await residentWithMedicalDue();
    const order = await api.createOk([{ kind: 'residentMedical', year: 2025, idNumber: member.idNumber }]);
    const money = ph.sim.money();
    const result = await api.payOk(order.orderId, { method: 'micropay', authCode: code('noAnswer') });
    expect(result.state).toBe('posted');
    expect(ph.sim.money() - money).toBe(order.amount);
  });

  it('reverses a payment when the channel cannot be asked at all (charged, then revoked): nothing kept, nothing posted', async () => {
    const { api } = await payerSession(ph.hall, chen);
    const member = await residentWithMedicalDue();
    const order = await api.createOk([{ kind: 'residentMedical', year: 2025, idNumber: member.idNumber }]);
    const money = ph.sim.money();
    ph.sim.set({ dropAnswerRate: 1 });
    let result;
    try {
      result = await api.payOk(order.orderId, { method: 'micropay', authCode: code('success') });
    } finally {
      ph.sim.set({ dropAnswerRate: 0 });
    }
    expect(result).toMatchObject({ state: 'reversed', failure: 'providerError', receipt: null });
    expect(ph.sim.trades().find((t) => t.orderNo === result.orderNo)?.state).toBe('REVOKED');
    expect(ph.sim.money()).toBe(money);
    // The reversal's own answer was lost too: the sweep confirms it with the channel.
    await expect
      .poll(
        async () =>
          (await ph.hall.database.db.select().from(paymentOrders).where(eq(paymentOrders.id, order.orderId)))[0]!
            .finishedAt,
        { timeout: 8000 },
      )
      .not.toBeNull();
    expect((await api.get(order.orderId)).state).toBe('reversed');
  });

  it('cancel while the phone waits for the password really cancels: reversed at the channel, a later confirm charges nothing', async () => {
    const { api } = await payerSession(ph.hall, chen);
    const member = await residentWithMedicalDue();
    const order = await api.createOk([{ kind: 'residentMedical', year: 2025, idNumber: member.idNumber }]);
    const money = ph.sim.money();
    await api.payOk(order.orderId, { method: 'micropay', authCode: code('password') });
    const res = await api.cancel(order.orderId);
    expect(res.json()).toMatchObject({ state: 'reversed', failure: 'cancelled' });
    await new Promise((r) => setTimeout(r, 500));
    expect(ph.sim.money()).toBe(money);
    expect((await api.get(order.orderId)).state).toBe('reversed');
  });

  it('pays by the kiosk’s QR: the phone pays, three signed notifications and the poll post it once', async () => {
    const { api } = await payerSession(ph.hall, chen);
    const member = await residentWithMedicalDue();
    const order = await api.createOk([{ kind: 'residentMedical', year: 2025, idNumber: member.idNumber }]);
    const shown = await api.payOk(order.orderId, { method: 'native' });
    expect(shown.state).toBe('paying');
    expect(shown.codeUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/qr\/[0-9a-f]{24}$/);
    const phone = await fetch(`${shown.codeUrl}/confirm`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'pay' }),
    });
    expect(phone.status).toBe(200);
    const done = await api.settle(order.orderId);
    expect(done.state).toBe('posted');
    await new Promise((r) => setTimeout(r, 600));
    expect(ph.sim.notificationsSent()).toBeGreaterThanOrEqual(3);
    const [rows] = await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'payment.posted'), eq(auditLog.subjectId, order.orderId)));
    expect(rows!.n).toBe(1);
  });

  it('refuses a forged notification (wrong key) and one whose body was changed, and moves nothing', async () => {
    const { api } = await payerSession(ph.hall, chen);
    const member = await residentWithMedicalDue();
    const order = await api.createOk([{ kind: 'residentMedical', year: 2025, idNumber: member.idNumber }]);
    const shown = await api.payOk(order.orderId, { method: 'native' });
    const body = JSON.stringify({
      mch_id: ph.sim.merchantId,
      result_code: 'SUCCESS',
      out_trade_no: shown.orderNo,
      transaction_id: '4200000000FORGED',
      total_fee: shown.amount,
      time_end: new Date().toISOString(),
    });
    const url = `http://127.0.0.1:${(ph.hall.app.server.address() as { port: number }).port}/api/v1/payment/notify`;
    const forged = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signedHeaders('not-the-key', body) },
      body,
    });
    expect(forged.status).toBe(401);
    const signed = signedHeaders(ph.sim.key, body);
    const tampered = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signed },
      body: body.replace(String(shown.amount), '1'),
    });
    expect(tampered.status).toBe(401);
    expect((await api.get(order.orderId)).state).toBe('paying');
    const cancelled = await api.cancel(order.orderId);
    expect(cancelled.json()).toMatchObject({ state: 'failed', failure: 'cancelled' });
  });

  it('the channel refuses to make the QR: the order stays open and uncharged; another QR or the payment code pays it once', async () => {
    const { api } = await payerSession(ph.hall, chen);
    const member = await residentWithMedicalDue(); // the forged test's (cancelled): the seed has no one else left
    const items = [{ kind: 'residentMedical', year: 2025, idNumber: member.idNumber }];
    const refusedStart = async (orderId: string) => {
      ph.sim.set({ declinePrecreate: true });
      try {
        return await api.payOk(orderId, { method: 'native' });
      } finally {
        ph.sim.set({ declinePrecreate: false });
      }
    };
    const requestId = crypto.randomUUID();
    const order = await api.createOk(items, requestId);
    const money = ph.sim.money();
    // Refused, and refused again on the retry while the channel still says no: the same order each time.
    for (const o of [await refusedStart(order.orderId), await refusedStart(order.orderId)])
      expect(o).toMatchObject({ orderId: order.orderId, state: 'created', failure: 'qrRefused', codeUrl: null });
    expect(ph.sim.trades().filter((t) => t.orderNo === order.orderNo)).toEqual([]);
    expect(ph.sim.money()).toBe(money);
    const [stored] = await db().select().from(paymentOrders).where(eq(paymentOrders.id, order.orderId));
    expect(stored).toMatchObject({ state: 'created', failure: 'qrRefused', method: 'native', codeUrl: null });
    // Not duplicated: the same tap returns this order, and its item stays claimed by it.
    expect((await api.create(items, requestId)).json()).toMatchObject({ orderId: order.orderId, alreadyCreated: true });
    expect((await api.create(items)).json()).toMatchObject({ code: 'alreadyPaid' });
    const [audits] = await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'payment.precreate'), eq(auditLog.subjectId, order.orderId)));
    expect(audits!.n).toBe(2);

    // The channel makes the QR on the next try: the same order shows it; a cancel then closes it, nothing charged.
    const shown = await api.payOk(order.orderId, { method: 'native' });
    expect(shown).toMatchObject({ orderId: order.orderId, state: 'paying', failure: null });
    expect(shown.codeUrl).toMatch(/\/qr\/[0-9a-f]{24}$/);
    expect((await api.cancel(order.orderId)).json()).toMatchObject({ state: 'failed', failure: 'cancelled' });
    expect(ph.sim.trades().find((t) => t.orderNo === order.orderNo)?.state).toBe('CLOSED');
    expect(ph.sim.money()).toBe(money);

    // A new tap, refused again; the other way (the phone's payment code) on that order: one charge.
    const second = await api.createOk(items);
    expect((await refusedStart(second.orderId)).failure).toBe('qrRefused');
    const paid = await api.payOk(second.orderId, { method: 'micropay', authCode: code('success') });
    expect(paid).toMatchObject({ orderId: second.orderId, state: 'posted', failure: null });
    expect(ph.sim.money() - money).toBe(second.amount);
    // A late QR tap of the paid order changes nothing.
    expect((await api.payOk(second.orderId, { method: 'native' })).state).toBe('posted');
    expect(ph.sim.trades().filter((t) => t.orderNo === second.orderNo)).toHaveLength(1);
    expect(ph.sim.money() - money).toBe(second.amount);
    const [months] = await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(contributions)
      .innerJoin(persons, eq(persons.id, contributions.personId))
      .where(
        and(
          eq(persons.idNumber, member.idNumber),
          eq(contributions.insuranceType, 'residentMedical'),
          gte(contributions.period, '202501'),
          lte(contributions.period, '202512'),
          eq(contributions.paid, true),
        ),
      );
    expect(months!.n).toBe(12);
  });

  it('issues the signed certificate of a posted order, the same bytes again, verifiable by its code', async () => {
    const [posted] = await db()
      .select()
      .from(paymentOrders)
      .where(and(eq(paymentOrders.personId, chenId), eq(paymentOrders.state, 'posted')))
      .limit(1);
    const { api } = await payerSession(ph.hall, chen);
    const res = await api.certificate(posted!.id);
    expect(res.statusCode, res.body).toBe(200);
    const cert = PaymentCertificate.parse(res.json());
    const pdf = Buffer.from(cert.pdfBase64, 'base64');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(createHash('sha256').update(pdf).digest('hex')).toBe(cert.pdfSha256);
    const again = PaymentCertificate.parse((await api.certificate(posted!.id)).json());
    expect(again).toMatchObject({ certificateId: cert.certificateId, pdfSha256: cert.pdfSha256, alreadyIssued: true });
    const check = PaymentVerificationResult.parse(
      (await ph.hall.inject({ method: 'GET', url: `/api/v1/verify-payment/${cert.verificationCode}` })).json(),
    );
    expect(check).toMatchObject({
      genuine: true,
      refundedSince: false,
      content: { orderNo: posted!.orderNo, amount: posted!.amount },
    });
    if (check.genuine) expect(check.content.payer.maskedIdNumber).not.toContain(chen.idNumber.slice(6, 14));
  });

  /** A generated resident (not a demo person) whose 2025 medical is unpaid and in no order. */
  async function residentWithMedicalDue() {
    const rows = await db().execute<{ id_number: string }>(sql`
      select p.id_number from persons p
      join enrollments e on e.person_id = p.id and e.insurance_type = 'residentMedical' and e.status in ('active', 'suspended')
      where p.id <> ${chenId}
        and not exists (select 1 from payment_claims c where c.beneficiary_id = p.id and c.insurance_type = 'residentMedical' and c.year = 2025)
        and (select count(*) from contributions c where c.person_id = p.id and c.insurance_type = 'residentMedical' and c.period between '202501' and '202512' and c.paid) < 12
      order by p.id limit 1`);
    const list = (rows as unknown as { rows: { id_number: string }[] }).rows;
    expect(list.length).toBeGreaterThan(0);
    return { idNumber: list[0]!.id_number };
  }
});
