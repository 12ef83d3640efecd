// Helpers of the payment tests: a hall server listening (the channel notifies it) over a simulator
// sharing its clock, sessions of demo people, and calls of the payment routes.
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { PaymentOptions, PaymentOrder } from '../../../contracts/payment';
import { httpPaymentProvider } from '../../../server/payment/http-provider';
import { type PaymentSimulator, type SimulatorOptions, startPaymentSimulator } from '../../../server/payment/simulator';
import type { DemoPerson } from '../../../server/seed/demo-people';
import type { Backend } from './backends';
import { verifiedSession } from './citizen';
import { type TestHall, openTestHall } from './hall';
import { TEST_SEED } from './backends';

/** The hall's clock: real time moved back to the seed's as-of day (10:00 in the hall), so policies of that year apply. */
export function seedDayClock(): () => Date {
  const offset = Date.now() - new Date(`${TEST_SEED.asOf}T10:00:00+08:00`).getTime();
  return () => new Date(Date.now() - offset);
}

export interface PaymentHall {
  hall: TestHall;
  sim: PaymentSimulator;
  close(): Promise<void>;
}

export async function openPaymentHall(
  backend: Backend,
  simOptions: SimulatorOptions = {},
  payment: {
    orderTtlMs?: number;
    followIntervalMs?: number;
    uncertainAfterMs?: number;
    maxOrderAmount?: number;
    timeoutMs?: number;
  } = {},
): Promise<PaymentHall> {
  const now = seedDayClock();
  const sim = await startPaymentSimulator({ confirmMs: 300, ...simOptions, now });
  const provider = httpPaymentProvider({
    baseUrl: sim.url,
    merchantId: sim.merchantId,
    key: sim.key,
    timeoutMs: payment.timeoutMs ?? 3000,
  });
  const hall = await openTestHall(backend, {
    now,
    payment: { provider, followIntervalMs: 300, uncertainAfterMs: 10_000, ...payment },
  });
  await hall.app.listen({ port: 0, host: '127.0.0.1' });
  return {
    hall,
    sim,
    close: async () => {
      await sim.close();
      await hall.close();
    },
  };
}

export function payApi(hall: TestHall, sessionId: string) {
  const base = `/api/v1/sessions/${sessionId}/payments`;
  return {
    options: async () => {
      const res = await hall.inject({ as: 'a', method: 'GET', url: `${base}/options` });
      expect(res.statusCode, res.body).toBe(200);
      return PaymentOptions.parse(res.json());
    },
    create: (items: unknown[], requestId = randomUUID()) =>
      hall.inject({ as: 'a', method: 'POST', url: `${base}/orders`, payload: { requestId, items } }),
    async createOk(items: unknown[], requestId = randomUUID()) {
      const res = await this.create(items, requestId);
      expect(res.statusCode, res.body).toBe(201);
      return PaymentOrder.parse(res.json());
    },
    pay: (orderId: string, payload: object) =>
      hall.inject({ as: 'a', method: 'POST', url: `${base}/orders/${orderId}/pay`, payload }),
    async payOk(orderId: string, payload: object) {
      const res = await this.pay(orderId, payload);
      expect(res.statusCode, res.body).toBe(200);
      return PaymentOrder.parse(res.json());
    },
    async get(orderId: string, waitMs = 0, known?: string) {
      const q = new URLSearchParams({ waitMs: String(waitMs), ...(known ? { known } : {}) });
      const res = await hall.inject({ as: 'a', method: 'GET', url: `${base}/orders/${orderId}?${q}` });
      expect(res.statusCode, res.body).toBe(200);
      return PaymentOrder.parse(res.json());
    },
    /** Long-polls until the order is in a final state (or 10 s). */
    async settle(orderId: string) {
      const until = Date.now() + 10_000;
      let order = await this.get(orderId);
      while (!['posted', 'failed', 'reversed', 'refunded'].includes(order.state) && Date.now() < until)
        order = await this.get(orderId, 2000, order.state);
      return order;
    },
    cancel: (orderId: string) => hall.inject({ as: 'a', method: 'POST', url: `${base}/orders/${orderId}/cancel` }),
    certificate: (orderId: string) =>
      hall.inject({ as: 'a', method: 'GET', url: `${base}/orders/${orderId}/certificate` }),
  };
}

export async function payerSession(hall: TestHall, person: DemoPerson) {
  const sessionId = await verifiedSession(hall, person);
  return { sessionId, api: payApi(hall, sessionId) };
}
