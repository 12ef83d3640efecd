// A staff refund is crash-safe: `refunding` is stored before the channel is asked, so a server that
// dies after the channel refunded (or before it was asked) leaves an order the sweep finishes by
// asking the channel (退款查询): refunded once, the contribution withdrawn, the money back once.
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulatorPaymentCode } from '../../contracts/payment';
import { contributions, paymentOrders, persons } from '../../server/db/schema';
import { defaultPaymentConfig } from '../../server/payment/config';
import { httpPaymentProvider } from '../../server/payment/http-provider';
import { createLedger } from '../../server/payment/ledger';
import { ProviderUncertain } from '../../server/payment/provider';
import { demoPeople } from '../../server/seed/demo-people';
import { backends } from './support/backends';
import { type PaymentHall, openPaymentHall, payerSession, seedDayClock } from './support/payment';

const chen = demoPeople.find((p) => p.name === '陈晓雨')!;

describe.each(backends)('a refund interrupted by a crash on $name', (backend) => {
  let ph: PaymentHall;
  let chenId: number;
  beforeAll(async () => {
    ph = await openPaymentHall(backend, {}, { followIntervalMs: 200 });
    chenId = (await ph.hall.database.db.select().from(persons).where(eq(persons.idNumber, chen.idNumber)))[0]!.id;
  }, 120_000);
  afterAll(async () => {
    await ph?.close();
  });

  /** 陈晓雨's 2025 pension year paid by payment code and posted. */
  async function postedOrder() {
    const { api } = await payerSession(ph.hall, chen);
    const order = await api.createOk([{ kind: 'residentPension', year: 2025, gradeId: 'g3' }]);
    await api.payOk(order.orderId, {
      method: 'micropay',
      authCode: simulatorPaymentCode('success', 900 + (order.amount % 7)),
    });
    expect((await api.settle(order.orderId)).state).toBe('posted');
    return order;
  }
  const stateOf = async (orderId: string) =>
    (await ph.hall.database.db.select().from(paymentOrders).where(eq(paymentOrders.id, orderId)))[0]!;
  const paidMonths = async () =>
    (
      await ph.hall.database.db
        .select({ n: sql<number>`count(*)::int` })
        .from(contributions)
        .where(
          and(
            eq(contributions.personId, chenId),
            eq(contributions.insuranceType, 'residentPension'),
            sql`${contributions.period} like '2025%'`,
            eq(contributions.paid, true),
          ),
        )
    )[0]!.n;
  /** A server instance that dies at the given point of a refund (its answer never comes back). */
  function dyingLedger(point: 'afterChannel' | 'beforeChannel') {
    const real = httpPaymentProvider({ baseUrl: ph.sim.url, merchantId: ph.sim.merchantId, key: ph.sim.key });
    const provider = {
      ...real,
      refund: async (input: Parameters<typeof real.refund>[0]) => {
        if (point === 'afterChannel') await real.refund(input);
        throw new ProviderUncertain('the instance died here');
      },
    };
    return createLedger({
      db: ph.hall.database.db,
      config: { ...defaultPaymentConfig, provider },
      now: seedDayClock(),
      notifyUrl: () => 'http://127.0.0.1:9/',
    });
  }

  it('dies after the channel refunded: left refunding, then the sweep asks the channel and finishes it once', async () => {
    const order = await postedOrder();
    expect(await paidMonths()).toBe(12);
    const money = ph.sim.money();
    await expect(dyingLedger('afterChannel').refund(order.orderId, randomUUID())).rejects.toMatchObject({
      code: 'providerUnavailable',
    });
    expect(money - ph.sim.money(), 'the channel refunded').toBe(order.amount);
    // The running instance's sweep finds it and asks the channel.
    await expect.poll(async () => (await stateOf(order.orderId)).state, { timeout: 8000 }).toBe('refunded');
    const trade = ph.sim.trades().find((t) => t.orderNo === order.orderNo)!;
    expect(trade.refunded, 'one refund at the channel').toBe(order.amount);
    expect(money - ph.sim.money()).toBe(order.amount);
    expect(await paidMonths(), 'the contribution withdrawn').toBe(0);
    expect((await stateOf(order.orderId)).refundId).toMatch(/^50300/);
  });

  it('dies after storing refunding, before the channel heard of it: the sweep sends that same refund, once', async () => {
    const order = await postedOrder();
    const money = ph.sim.money();
    const requestId = randomUUID();
    await expect(dyingLedger('beforeChannel').refund(order.orderId, requestId)).rejects.toMatchObject({
      code: 'providerUnavailable',
    });
    await expect.poll(async () => (await stateOf(order.orderId)).state, { timeout: 8000 }).toBe('refunded');
    expect(money - ph.sim.money()).toBe(order.amount);
    expect(ph.sim.trades().find((t) => t.orderNo === order.orderNo)!.refunded).toBe(order.amount);
    expect(await paidMonths()).toBe(0);
    // The supervisor's retry of the same tap answers the finished refund; another tap is refused.
    const ledger = dyingLedger('afterChannel');
    expect((await ledger.refund(order.orderId, requestId)).state).toBe('refunded');
    await expect(ledger.refund(order.orderId, randomUUID())).rejects.toMatchObject({ code: 'conflict' });
    expect(money - ph.sim.money()).toBe(order.amount);
  });
});
