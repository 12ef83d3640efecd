/**
 * Payment handlers (contracts/payment.ts), the channel's notification endpoint and the sweep that
 * follows orders in flight (started with the server, first run at once: the recovery of orders a
 * crash left mid-flight).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { and, desc, eq, gte, lt } from 'drizzle-orm';
import { KioskError } from '../../../contracts/errors';
import { atHallTime, addDays, hallDate } from '../../../contracts/hall-time';
import { maskIdNumber, maskName } from '../../../contracts/id-number';
import { VERIFY_PAGE_PATH } from '../../../contracts/statements';
import type { PaymentFailure, paymentRoutes } from '../../../contracts/payment';
import { audit } from '../../audit/audit';
import { paymentOrderItems, paymentOrders, persons } from '../../db/schema';
import type { Db } from '../../db/types';
import { paymentCertificate, verifyPaymentCertificate } from '../../payment/certificate';
import { type Ledger, createLedger } from '../../payment/ledger';
import { checkFamilyMember, paymentOptions, personById } from '../../payment/policy';
import { latestReconciliation, reconcile } from '../../payment/reconcile';
import { useVerifiedSession } from '../../sessions/second-factor';
import { type StatementSigner, loadStatementSigner } from '../../statements/signer';
import type { RouteHandlers } from '../register';
import type { RouteOptions } from '../route-options';
import { defaultPaymentConfig } from '../../payment/config';

/** Where the channel posts its notifications (not part of the JSON API table: the channel signs it). */
export const PAYMENT_NOTIFY_PATH = '/api/v1/payment/notify';

function lazySigner(db: Db): () => Promise<StatementSigner> {
  let signer: Promise<StatementSigner> | null = null;
  return () => {
    signer ??= loadStatementSigner(db).catch((error: unknown) => {
      signer = null;
      throw error;
    });
    return signer;
  };
}

/** The payment handlers; also registers the notification endpoint and the sweep on `app`. */
export function paymentHandlers(app: FastifyInstance, options: RouteOptions): RouteHandlers<typeof paymentRoutes> {
  const {
    database: { db },
    sessionIdleMs,
    publicBaseUrl,
  } = options;
  const config = options.payment ?? defaultPaymentConfig;
  const now = options.now ?? (() => new Date());
  const ownUrl = () => {
    if (publicBaseUrl) return publicBaseUrl;
    const address = app.server.address();
    return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 80}`;
  };
  const ledger: Ledger = createLedger({
    db,
    config,
    now,
    notifyUrl: () => new URL(PAYMENT_NOTIFY_PATH, ownUrl()).toString(),
  });
  const signerOf = lazySigner(db);
  const verifyUrlOf = (request: FastifyRequest) =>
    process.env.STATEMENT_VERIFY_URL ||
    new URL(VERIFY_PAGE_PATH, publicBaseUrl ?? `${request.protocol}://${request.host}`).toString();

  // The channel's notification: raw body (the signature covers its exact bytes), answered in the channel's words.
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'string', bodyLimit: 16 * 1024 }, (_req, body, done) =>
      done(null, body),
    );
    scope.post(PAYMENT_NOTIFY_PATH, async (request, reply) => {
      const provider = config.provider;
      const body = typeof request.body === 'string' ? request.body : '';
      const notification = provider?.verifyNotification(request.headers, body) ?? null;
      if (!notification) {
        await audit(db, {
          actorKind: 'system',
          actorId: null,
          terminalId: null,
          action: 'payment.notify',
          result: 'refused',
          detail: {},
        });
        return reply.code(401).send({ return_code: 'FAIL', return_msg: 'signature' });
      }
      const outcome = await ledger.onNotification(notification.orderNo, notification);
      return reply.send({ return_code: 'SUCCESS', return_msg: outcome === 'recorded' ? 'OK' : 'UNKNOWN' });
    });
  });

  // The sweep: at start (recovery) and every few seconds.
  if (config.provider) {
    let timer: NodeJS.Timeout | null = null;
    let running: Promise<unknown> | null = null;
    const sweep = () => {
      running ??= ledger
        .followOrders()
        .catch(() => 0)
        .finally(() => {
          running = null;
        });
    };
    app.addHook('onReady', async () => {
      sweep();
      timer = setInterval(sweep, config.followIntervalMs);
      timer.unref();
    });
    app.addHook('onClose', async () => {
      if (timer) clearInterval(timer);
      await running;
    });
  }

  const session = async (terminalId: string, sessionId: string) =>
    useVerifiedSession(db, terminalId, sessionId, sessionIdleMs);

  return {
    paymentOptions: async ({ params }, { terminal }) => {
      const s = await session(terminal.terminalId, params.sessionId);
      return paymentOptions(db, config, {
        person: await personById(db, s.personId),
        today: hallDate(terminal.hallTimeZone, now()),
      });
    },
    checkFamilyMember: async ({ params, body }, { terminal }) => {
      const s = await session(terminal.terminalId, params.sessionId);
      const ctx = { person: await personById(db, s.personId), today: hallDate(terminal.hallTimeZone, now()) };
      return (await checkFamilyMember(db, config, ctx, body.idNumber, body.year)).check;
    },
    createPaymentOrder: async ({ params, body }, { terminal, reply }) => {
      const s = await session(terminal.terminalId, params.sessionId);
      const { order, created } = await ledger.createOrder(
        {
          person: await personById(db, s.personId),
          today: hallDate(terminal.hallTimeZone, now()),
          terminalId: terminal.terminalId,
          hallId: terminal.hallId,
          sessionId: params.sessionId,
        },
        body,
      );
      if (!created) reply.code(200);
      return order;
    },
    startPayment: async ({ params, body }, { terminal }) => {
      const s = await session(terminal.terminalId, params.sessionId);
      return ledger.startPayment(s.personId, params.orderId, body);
    },
    getPaymentOrder: async ({ params, query }, { terminal }) => {
      const s = await session(terminal.terminalId, params.sessionId);
      return ledger.getOrder(s.personId, params.orderId, query.waitMs ?? 0, query.known);
    },
    cancelPayment: async ({ params }, { terminal }) => {
      const s = await session(terminal.terminalId, params.sessionId);
      return ledger.cancel(s.personId, params.orderId);
    },
    getPaymentCertificate: async ({ params }, { terminal, request }) => {
      const s = await session(terminal.terminalId, params.sessionId);
      return paymentCertificate(db, ledger, await signerOf(), s.personId, params.orderId, verifyUrlOf(request));
    },
    settleTerminalPayment: async ({ body }, { terminal }) => {
      // The terminal's own tap only; the session is gone, the order is cancelled as at a session's end.
      const [r] = await db
        .select({ id: paymentOrders.id, personId: paymentOrders.personId })
        .from(paymentOrders)
        .where(and(eq(paymentOrders.terminalId, terminal.terminalId), eq(paymentOrders.requestId, body.requestId)));
      if (!r) throw new KioskError('notFound', 'no order for that tap');
      const order = await ledger.cancel(r.personId, r.id);
      await audit(db, {
        actorKind: 'terminal',
        actorId: terminal.terminalId,
        terminalId: terminal.terminalId,
        action: 'payment.settleAfterRestart',
        result: order.state,
        subjectId: r.id,
        detail: { orderNo: order.orderNo },
      });
      return order;
    },
    verifyPaymentCertificate: async ({ params }) => verifyPaymentCertificate(db, await signerOf(), params.code),

    staffPayments: async ({ query }, { staff }) => {
      const date = query.date ?? hallDate(staff.hallTimeZone, now());
      const from = atHallTime(date, 0, 0, staff.hallTimeZone);
      const to = atHallTime(addDays(date, 1), 0, 0, staff.hallTimeZone);
      const rows = await db
        .select({ o: paymentOrders, name: persons.name, idNumber: persons.idNumber })
        .from(paymentOrders)
        .innerJoin(persons, eq(persons.id, paymentOrders.personId))
        .where(
          and(
            eq(paymentOrders.hallId, staff.hallId),
            gte(paymentOrders.createdAt, from),
            lt(paymentOrders.createdAt, to),
            query.state ? eq(paymentOrders.state, query.state) : undefined,
          ),
        )
        .orderBy(desc(paymentOrders.createdAt))
        .limit(query.limit);
      const kinds = new Map<string, string[]>();
      for (const r of rows) {
        const items = await db
          .select({ kind: paymentOrderItems.kind })
          .from(paymentOrderItems)
          .where(eq(paymentOrderItems.orderId, r.o.id));
        kinds.set(
          r.o.id,
          items.map((i) => i.kind),
        );
      }
      const posted = rows.filter((r) => ['posted', 'refunding', 'refunded'].includes(r.o.state));
      const refunded = rows.filter((r) => r.o.state === 'refunded');
      return {
        date,
        orders: rows.map(({ o, name, idNumber }) => ({
          orderId: o.id,
          orderNo: o.orderNo,
          terminalId: o.terminalId,
          state: o.state,
          method: o.method,
          amount: o.amount,
          failure: (o.failure as PaymentFailure | null) ?? null,
          payer: { maskedName: maskName(name), maskedIdNumber: maskIdNumber(idNumber) },
          itemKinds: kinds.get(o.id) ?? [],
          transactionId: o.transactionId,
          createdAt: o.createdAt.toISOString(),
          paidAt: o.paidAt?.toISOString() ?? null,
          refundedAt: o.refundedAt?.toISOString() ?? null,
        })),
        totals: {
          posted: posted.reduce((s, r) => s + r.o.amount, 0),
          postedCount: posted.length,
          refunded: refunded.reduce((s, r) => s + r.o.amount, 0),
          refundedCount: refunded.length,
        },
      };
    },
    staffRefund: async ({ params, body }, { staff }) => {
      const [order] = await db.select().from(paymentOrders).where(eq(paymentOrders.id, params.orderId));
      if (!order || order.hallId !== staff.hallId) throw new KioskError('notFound', 'no such order in this hall');
      let result;
      try {
        result = await ledger.refund(params.orderId, body.requestId);
      } catch (error) {
        await audit(db, {
          actorKind: 'staff',
          actorId: staff.staffId,
          terminalId: order.terminalId,
          action: 'payment.refund',
          result: error instanceof KioskError ? error.code : 'internal',
          subjectId: order.id,
          detail: { orderNo: order.orderNo },
        });
        throw error;
      }
      await audit(db, {
        actorKind: 'staff',
        actorId: staff.staffId,
        terminalId: order.terminalId,
        action: 'payment.refund',
        result: 'ok',
        subjectId: order.id,
        detail: { orderNo: order.orderNo, amount: order.amount, reason: body.reason, requestId: body.requestId },
      });
      return {
        orderId: result.id,
        state: result.state,
        refundId: result.refundId ?? '',
        refundedAt: (result.refundedAt ?? now()).toISOString(),
        amount: result.amount,
      };
    },
    staffReconciliation: async ({ query }, { staff }) =>
      latestReconciliation(db, query.date ?? hallDate(staff.hallTimeZone, now())),
    staffRunReconciliation: async ({ query }, { staff }) => {
      if (!config.provider) throw new KioskError('providerUnavailable', 'no payment channel configured');
      const date = query.date ?? hallDate(staff.hallTimeZone, now());
      let result;
      try {
        result = await reconcile(db, config.provider, date, now());
      } catch (error) {
        if (error instanceof KioskError) throw error;
        throw new KioskError('providerUnavailable', 'could not fetch the bill');
      }
      await audit(db, {
        actorKind: 'staff',
        actorId: staff.staffId,
        terminalId: null,
        action: 'payment.reconcile',
        result: result.status,
        subjectId: date,
        detail: { differences: result.differences.length },
      });
      return result;
    },
  };
}
