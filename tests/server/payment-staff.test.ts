// Payment under pressure and for staff: 100 concurrent taps of one order are one charge; the sweep of
// a freshly started instance finishes an order a crash left mid-flight; the hall's payments of the day,
// a refund that needs a supervisor (audited), and reconciliation against the channel's bill.
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReconciliationResult, StaffPaymentsResponse, simulatorPaymentCode } from '../../contracts/payment';
import { buildServer } from '../../server/app';
import { auditLog, contributions, paymentOrders, persons } from '../../server/db/schema';
import { httpPaymentProvider } from '../../server/payment/http-provider';
import { demoPeople } from '../../server/seed/demo-people';
import { backends } from './support/backends';
import { type PaymentHall, openPaymentHall, payerSession, seedDayClock } from './support/payment';
import { staffHeaders } from './support/queue';

const chen = demoPeople.find((p) => p.name === '陈晓雨')!;
const TAPS = Number(process.env.PAYMENT_TAPS ?? 100);

describe.each(backends)('payment staff and concurrency on $name', (backend) => {
  let ph: PaymentHall;
  let chenId: number;
  beforeAll(async () => {
    // A hundred requests in one process with PGlite are slow on a loaded machine: generous channel
    // timeouts (with 10 s, a CI run with four files at once saw the charge reversed as uncertain).
    ph = await openPaymentHall(backend, {}, { timeoutMs: 30_000, uncertainAfterMs: 60_000 });
    chenId = (await ph.hall.database.db.select().from(persons).where(eq(persons.idNumber, chen.idNumber)))[0]!.id;
  }, 180_000);
  afterAll(async () => {
    await ph?.close();
  });

  it(`${TAPS} concurrent taps of one order: one charge, one posting`, async () => {
    const { api } = await payerSession(ph.hall, chen);
    const order = await api.createOk([{ kind: 'residentPension', year: 2025, gradeId: 'g3' }]);
    const authCode = simulatorPaymentCode('success', 777);
    const answers = await Promise.all(
      Array.from({ length: TAPS }, () => api.pay(order.orderId, { method: 'micropay', authCode })),
    );
    expect(answers.every((a) => a.statusCode === 200)).toBe(true);
    expect(ph.sim.trades().filter((t) => t.orderNo === order.orderNo)).toHaveLength(1);
    expect(ph.sim.money()).toBe(50_000);
    expect((await api.settle(order.orderId)).state).toBe('posted');
    const [paid] = await ph.hall.database.db
      .select({ n: sql<number>`count(*)::int`, sum: sql<number>`sum(${contributions.personalAmount})::int` })
      .from(contributions)
      .where(
        and(
          eq(contributions.personId, chenId),
          eq(contributions.insuranceType, 'residentPension'),
          sql`${contributions.period} like '2025%'`,
          eq(contributions.paid, true),
        ),
      );
    expect(paid).toEqual({ n: 12, sum: 50_000 });
  });

  it('a new instance’s start-up sweep posts an order the channel charged while the old instance died', async () => {
    const { api } = await payerSession(ph.hall, chen);
    const order = await api.createOk([{ kind: 'arrears', arrearsId: 'residentPension:2024' }]);
    // The old instance wrote `paying` and called the channel, then died before it heard the answer.
    await ph.hall.database.db
      .update(paymentOrders)
      .set({ state: 'paying', method: 'micropay', payingAt: new Date(seedDayClock()().getTime() - 60_000) })
      .where(eq(paymentOrders.id, order.orderId));
    const provider = httpPaymentProvider({ baseUrl: ph.sim.url, merchantId: ph.sim.merchantId, key: ph.sim.key });
    const charged = await provider.micropay({
      orderNo: order.orderNo,
      amount: order.amount,
      authCode: simulatorPaymentCode('success', 778),
      description: 'x',
    });
    expect(charged.status).toBe('SUCCESS');
    const fresh = buildServer({
      ...ph.hall.database,
      now: seedDayClock(),
      payment: { provider, followIntervalMs: 60_000 },
    });
    await fresh.ready();
    try {
      await expect
        .poll(
          async () =>
            (await ph.hall.database.db.select().from(paymentOrders).where(eq(paymentOrders.id, order.orderId)))[0]!
              .state,
          { timeout: 8000 },
        )
        .toBe('posted');
    } finally {
      await fresh.close();
    }
  });

  it('lists the hall’s payments of the day with totals; a clerk may not refund, a supervisor may (audited, contribution withdrawn, money back)', async () => {
    const clerk = await staffHeaders(ph.hall, 'S001');
    const supervisor = await staffHeaders(ph.hall, 'S003');
    const list = StaffPaymentsResponse.parse(
      (await ph.hall.inject({ method: 'GET', url: '/api/v1/staff/payments', headers: clerk })).json(),
    );
    expect(list.date).toBe('2025-06-15');
    const posted = list.orders.filter((o) => o.state === 'posted');
    expect(posted.length).toBeGreaterThanOrEqual(2);
    expect(list.totals.posted).toBe(posted.reduce((s, o) => s + o.amount, 0));
    expect(JSON.stringify(list)).not.toContain(chen.idNumber);
    const target = posted.find((o) => o.amount === 50_000)!;
    const body = { requestId: randomUUID(), reason: '群众申请退费' };
    const denied = await ph.hall.inject({
      method: 'POST',
      url: `/api/v1/staff/payments/${target.orderId}/refund`,
      headers: clerk,
      payload: body,
    });
    expect(denied.statusCode).toBe(403);
    const money = ph.sim.money();
    const refunded = await ph.hall.inject({
      method: 'POST',
      url: `/api/v1/staff/payments/${target.orderId}/refund`,
      headers: supervisor,
      payload: body,
    });
    expect(refunded.statusCode, refunded.body).toBe(200);
    expect(refunded.json()).toMatchObject({ state: 'refunded', amount: 50_000 });
    expect(money - ph.sim.money()).toBe(50_000);
    const again = await ph.hall.inject({
      method: 'POST',
      url: `/api/v1/staff/payments/${target.orderId}/refund`,
      headers: supervisor,
      payload: body,
    });
    expect(again.json()).toMatchObject({ state: 'refunded' });
    expect(money - ph.sim.money()).toBe(50_000);
    const [row] = await ph.hall.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(contributions)
      .where(
        and(
          eq(contributions.personId, chenId),
          eq(contributions.insuranceType, 'residentPension'),
          sql`${contributions.period} like '2025%'`,
          eq(contributions.paid, true),
        ),
      );
    expect(row!.n).toBe(0);
    const audits = await ph.hall.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'payment.refund'), eq(auditLog.subjectId, target.orderId)));
    expect(audits.map((a) => [a.actorId, a.result])).toContainEqual(['S003', 'ok']);
  });

  it('reconciles the channel’s bill with the ledger: matched, then a charge the ledger never saw is listed', async () => {
    const supervisor = await staffHeaders(ph.hall, 'S003');
    const run = async () =>
      ReconciliationResult.parse(
        (
          await ph.hall.inject({ method: 'POST', url: '/api/v1/staff/payments/reconciliation', headers: supervisor })
        ).json(),
      );
    const first = await run();
    expect(first).toMatchObject({ date: '2025-06-15', status: 'matched', differences: [] });
    expect(first.bill.amount - first.bill.refundAmount).toBe(ph.sim.money());
    const provider = httpPaymentProvider({ baseUrl: ph.sim.url, merchantId: ph.sim.merchantId, key: ph.sim.key });
    await provider.micropay({
      orderNo: 'HRSTRAY0001',
      amount: 1234,
      authCode: simulatorPaymentCode('success', 779),
      description: 'x',
    });
    const second = await run();
    expect(second.status).toBe('differences');
    expect(second.differences).toEqual([
      expect.objectContaining({ kind: 'missingInLedger', orderNo: 'HRSTRAY0001', billAmount: 1234 }),
    ]);
    const stored = ReconciliationResult.parse(
      (
        await ph.hall.inject({ method: 'GET', url: '/api/v1/staff/payments/reconciliation', headers: supervisor })
      ).json(),
    );
    expect(stored.differences).toHaveLength(1);
  });
});
