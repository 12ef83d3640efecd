/**
 * The payment ledger: orders through their stored states with the channel (state-machine.ts). Every
 * state change is one conditional UPDATE from the states its event allows, so a notification and a
 * poll arriving together move an order once and post its contribution once.
 *
 * Money rules: `paying` is written before the channel is called (only that caller calls it); an
 * uncertain micropay is queried, and reversed when still unknown; a cancel of a paying micropay order
 * is written as `reversed` first and then reversed at the channel (a reversal the channel has not
 * confirmed, `finished_at` null, is retried by the sweep), so a late success can never be posted
 * after the person was told "cancelled". `followOrders` is the sweep: at start and every few seconds
 * it finishes what a crash or a lost answer left in flight.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, lt, sql } from 'drizzle-orm';
import { KioskError } from '../../contracts/errors';
import type {
  CreateOrderRequest,
  PaymentFailure,
  PaymentOrder,
  PaymentState,
  StartPaymentRequest,
} from '../../contracts/payment';
import { audit } from '../audit/audit';
import { halls, paymentClaims, paymentOrderItems, paymentOrders } from '../db/schema';
import type { Db } from '../db/types';
import { canonicalJson } from '../statements/signer';
import type { PaymentConfig } from './config';
import { type PolicyContext, priceItems } from './policy';
import { postItems, unpostItems } from './posting';
import { OrderAlreadyPaid, type PaidTrade, PrecreateRefused, ProviderUncertain } from './provider';
import { type PaymentEvent, isFinal, statesAllowing, transition } from './state-machine';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type OrderRow = typeof paymentOrders.$inferSelect;
type ItemRow = typeof paymentOrderItems.$inferSelect;

export interface LedgerOptions {
  db: Db;
  config: PaymentConfig;
  now: () => Date;
  /** The URL the channel notifies (resolved when a native order starts). */
  notifyUrl: () => string;
}

export interface OrderContext extends PolicyContext {
  terminalId: string;
  hallId: string;
  sessionId: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** An order number: date, time and random digits (out_trade_no, at most 32 characters). */
function newOrderNo(now: Date): string {
  const stamp = now.toISOString().replace(/\D/g, '').slice(0, 14);
  return `HR${stamp}${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
}

export type Ledger = ReturnType<typeof createLedger>;

/** The ledger over one database and channel. */
export function createLedger({ db, config, now, notifyUrl }: LedgerOptions) {
  const provider = () => {
    if (!config.provider) throw new KioskError('providerUnavailable', 'no payment channel configured');
    return config.provider;
  };

  /** Moves an order by an event from whatever state allows it; null when it was not in such a state. */
  async function move(
    q: Db | Tx,
    orderId: string,
    event: PaymentEvent,
    set: Partial<OrderRow> = {},
    extra?: ReturnType<typeof sql>,
  ): Promise<OrderRow | null> {
    const to = transition(statesAllowing(event)[0]!, event)!;
    const [row] = await q
      .update(paymentOrders)
      .set({ ...set, state: to, version: sql`${paymentOrders.version} + 1` })
      .where(and(eq(paymentOrders.id, orderId), inArray(paymentOrders.state, statesAllowing(event)), extra))
      .returning();
    return row ?? null;
  }

  async function row(orderId: string): Promise<OrderRow | null> {
    const [r] = await db.select().from(paymentOrders).where(eq(paymentOrders.id, orderId));
    return r ?? null;
  }

  async function itemsOf(orderId: string): Promise<ItemRow[]> {
    return db
      .select()
      .from(paymentOrderItems)
      .where(eq(paymentOrderItems.orderId, orderId))
      .orderBy(asc(paymentOrderItems.seq));
  }

  /** The order's audit row; pass the transaction that moves the order so that both commit together. */
  async function audited(
    r: OrderRow,
    action: string,
    result: string,
    detail: Record<string, unknown> = {},
    q: Db | Tx = db,
  ) {
    await audit(q, {
      actorKind: 'system',
      actorId: null,
      terminalId: r.terminalId,
      action,
      result,
      subjectId: r.id,
      detail: { orderNo: r.orderNo, ...detail },
    });
  }

  /** Records a payment the channel reports (micropay answer, poll or notification) and posts it. */
  async function recordPaid(orderId: string, trade: PaidTrade, via: string): Promise<void> {
    const current = await row(orderId);
    if (!current) return;
    if (trade.amount !== current.amount) {
      await audited(current, 'payment.paid', 'amountMismatch', { via, channelAmount: trade.amount });
      return;
    }
    await db.transaction(async (tx) => {
      const paid = await move(tx, orderId, 'paid', {
        transactionId: trade.transactionId,
        paidAt: trade.paidAt,
        awaitingUser: false,
        codeUrl: null,
      });
      if (paid) await audited(paid, 'payment.paid', 'ok', { via }, tx);
    });
    await post(orderId);
  }

  /** paid → posted with the contribution, in one transaction (a no-op once posted). */
  async function post(orderId: string): Promise<void> {
    const items = await itemsOf(orderId);
    // The audit row in the same commit: a server killed after the commit must not leave a posted
    // order without its 'payment.posted' (found by the chaos test, tests/server/payment-chaos.test.ts).
    await db.transaction(async (tx) => {
      const r = await move(tx, orderId, 'post', { postedAt: now(), finishedAt: now() });
      if (!r) return;
      await postItems(tx, items);
      await audited(r, 'payment.posted', 'ok', { amount: r.amount }, tx);
    });
  }

  async function releaseClaims(tx: Tx, orderId: string) {
    await tx.delete(paymentClaims).where(eq(paymentClaims.orderId, orderId));
  }

  async function fail(orderId: string, failure: PaymentFailure): Promise<void> {
    await db.transaction(async (tx) => {
      const moved = await move(tx, orderId, 'fail', { failure, finishedAt: now(), awaitingUser: false, codeUrl: null });
      if (moved) {
        await releaseClaims(tx, orderId);
        await audited(moved, 'payment.failed', failure, {}, tx);
      }
    });
  }

  /** Writes `reversed` first, then reverses at the channel; an unconfirmed reversal is retried by the sweep. */
  async function reverse(orderId: string, failure: PaymentFailure): Promise<void> {
    await db.transaction(async (tx) => {
      const moved = await move(tx, orderId, 'reverse', { failure, awaitingUser: false, codeUrl: null });
      if (moved) {
        await releaseClaims(tx, orderId);
        await audited(moved, 'payment.reversed', failure, {}, tx);
      }
    });
    await confirmReversal(orderId);
  }

  async function confirmReversal(orderId: string): Promise<void> {
    const r = await row(orderId);
    if (!r || r.state !== 'reversed' || r.finishedAt) return;
    try {
      if (r.method === 'native') {
        try {
          await provider().close(r.orderNo);
        } catch (error) {
          // Paid on the phone just before the cancel: refund it in full.
          if (!(error instanceof OrderAlreadyPaid)) throw error;
          await provider().refund({ orderNo: r.orderNo, refundNo: `RV${r.orderNo}`, amount: r.amount });
        }
      } else {
        await provider().reverse(r.orderNo);
      }
      await db.update(paymentOrders).set({ finishedAt: now() }).where(eq(paymentOrders.id, orderId));
    } catch (error) {
      if (!(error instanceof ProviderUncertain)) throw error;
    }
  }

  /** What the channel says of a paying order, applied to the ledger. */
  async function followOne(r: OrderRow): Promise<void> {
    if (r.state === 'paid') return post(r.id);
    if (r.state === 'reversed') return confirmReversal(r.id);
    if (r.state === 'refunding') return finishRefund(r.id, true);
    const at = now();
    if (r.state === 'created') {
      if (r.expiresAt < at) await fail(r.id, 'timedOut');
      return;
    }
    if (r.state !== 'paying') return;
    const age = at.getTime() - (r.payingAt?.getTime() ?? 0);
    const expired = r.expiresAt < at;
    // A call may be in flight in some instance: leave young orders to it unless they wait on the person.
    if (r.method === 'micropay' && !r.awaitingUser && age < config.uncertainAfterMs) return;
    if (r.method === 'native' && !r.codeUrl && age < config.uncertainAfterMs) return;
    let q;
    try {
      q = await provider().query(r.orderNo);
    } catch (error) {
      if (error instanceof ProviderUncertain || (error instanceof KioskError && error.code === 'providerUnavailable'))
        return;
      throw error;
    }
    switch (q.tradeState) {
      case 'SUCCESS':
      case 'REFUND':
        return recordPaid(r.id, q, 'query');
      case 'USERPAYING':
        if (expired) return reverse(r.id, 'timedOut');
        return;
      case 'PAYERROR':
      case 'CLOSED':
        return fail(r.id, q.failure ?? 'timedOut');
      case 'REVOKED':
        return reverse(r.id, 'providerError');
      case 'NOTPAY':
        if (r.method === 'native' && q.failure) return reverse(r.id, q.failure);
        if (expired || r.method === 'micropay' || !r.codeUrl)
          return reverse(r.id, expired ? 'timedOut' : 'providerError');
        return;
      case 'NOTEXIST':
        return reverse(r.id, 'providerError');
    }
  }

  const lastFollow = new Map<string, number>();
  async function followSoon(r: OrderRow, everyMs: number) {
    const t = Date.now();
    if ((lastFollow.get(r.id) ?? 0) + everyMs > t) return;
    lastFollow.set(r.id, t);
    try {
      await followOne(r);
    } finally {
      if (lastFollow.size > 1000) lastFollow.clear();
    }
  }

  async function view(r: OrderRow, alreadyCreated = false): Promise<PaymentOrder> {
    const items = await itemsOf(r.id);
    const [hall] = await db.select({ name: halls.name }).from(halls).where(eq(halls.id, r.hallId));
    const { beneficiaries } = await beneficiariesOf(items);
    const paidish = r.state === 'paid' || r.state === 'posted' || r.state === 'refunding' || r.state === 'refunded';
    return {
      orderId: r.id,
      orderNo: r.orderNo,
      state: r.state,
      method: r.method,
      amount: r.amount,
      items: items.map((i) => ({
        kind: i.kind,
        insuranceType: i.insuranceType,
        year: i.year,
        from: i.fromPeriod,
        to: i.toPeriod,
        gradeId: i.gradeId,
        beneficiary: beneficiaries.get(i.beneficiaryId)!,
        amount: i.amount,
        subsidy: i.subsidy,
      })),
      createdAt: r.createdAt.toISOString(),
      expiresAt: r.expiresAt.toISOString(),
      codeUrl: r.state === 'paying' ? r.codeUrl : null,
      awaitingUserConfirmation: r.state === 'paying' && r.awaitingUser,
      failure: (r.failure as PaymentFailure | null) ?? null,
      receipt:
        paidish && r.transactionId && r.paidAt
          ? {
              orderNo: r.orderNo,
              transactionId: r.transactionId,
              channel: (r.channel as 'simulator') ?? 'simulator',
              paidAt: r.paidAt.toISOString(),
              amount: r.amount,
              hallName: hall?.name ?? r.hallId,
              terminalId: r.terminalId,
            }
          : null,
      postedAt: r.postedAt?.toISOString() ?? null,
      certificateAvailable: r.state === 'posted' || r.state === 'refunding' || r.state === 'refunded',
      alreadyCreated,
    };
  }

  async function beneficiariesOf(items: ItemRow[]) {
    const { persons } = await import('../db/schema');
    const { maskIdNumber, maskName } = await import('../../contracts/id-number');
    const ids = [...new Set(items.map((i) => i.beneficiaryId))];
    const rows = ids.length ? await db.select().from(persons).where(inArray(persons.id, ids)) : [];
    return {
      beneficiaries: new Map(
        rows.map((p) => [p.id, { maskedName: maskName(p.name), maskedIdNumber: maskIdNumber(p.idNumber) }]),
      ),
    };
  }

  /** The order if it is this person's (else 404, saying nothing of other people's orders). */
  async function ownOrder(personId: number, orderId: string): Promise<OrderRow> {
    const r = await row(orderId);
    if (!r || r.personId !== personId) throw new KioskError('notFound', 'no such order');
    return r;
  }

  return {
    view,
    row,
    itemsOf,
    ownOrder,
    recordPaid,
    post,

    /** Creates the order of a tap (or returns it again for the same requestId). */
    async createOrder(
      ctx: OrderContext,
      request: CreateOrderRequest,
    ): Promise<{ order: PaymentOrder; created: boolean }> {
      const requestKey = canonicalJson(request.items);
      const earlier = async () => {
        const [r] = await db
          .select()
          .from(paymentOrders)
          .where(and(eq(paymentOrders.personId, ctx.person.id), eq(paymentOrders.requestId, request.requestId)));
        if (!r) return null;
        if (r.requestKey !== requestKey)
          throw new KioskError('invalidRequest', 'requestId already used for another order');
        return { order: await view(r, true), created: false };
      };
      const again = await earlier();
      if (again) return again;
      const items = await priceItems(db, config, ctx, request.items);
      const amount = items.reduce((s, i) => s + i.amount, 0);
      if (amount <= 0) throw new KioskError('notPayable', 'nothing to pay');
      if (amount > config.maxOrderAmount) throw new KioskError('amountLimit', 'over the configured limit');
      const at = now();
      const id = randomUUID();
      const outcome = await db.transaction(async (tx) => {
        const [inserted] = await tx
          .insert(paymentOrders)
          .values({
            id,
            orderNo: newOrderNo(at),
            personId: ctx.person.id,
            terminalId: ctx.terminalId,
            hallId: ctx.hallId,
            sessionId: ctx.sessionId,
            requestId: request.requestId,
            requestKey,
            state: 'created',
            amount,
            channel: config.provider?.channel ?? null,
            createdAt: at,
            expiresAt: new Date(at.getTime() + config.orderTtlMs),
          })
          .onConflictDoNothing()
          .returning({ id: paymentOrders.id });
        if (!inserted) return 'raced' as const;
        await tx.insert(paymentOrderItems).values(
          items.map((i, seq) => ({
            orderId: id,
            seq,
            kind: i.kind,
            beneficiaryId: i.beneficiaryId,
            insuranceType: i.insuranceType,
            year: i.year,
            fromPeriod: i.fromPeriod,
            toPeriod: i.toPeriod,
            gradeId: i.gradeId,
            amount: i.amount,
            subsidy: i.subsidy,
          })),
        );
        const claimed = await tx
          .insert(paymentClaims)
          .values(
            items.map((i) => ({
              beneficiaryId: i.beneficiaryId,
              insuranceType: i.insuranceType,
              year: i.year,
              orderId: id,
            })),
          )
          .onConflictDoNothing()
          .returning({ year: paymentClaims.year });
        if (claimed.length !== items.length)
          throw new KioskError('alreadyPaid', 'an item is paid or in another open order');
        return 'created' as const;
      });
      if (outcome === 'raced') {
        const r = await earlier();
        if (r) return r;
        throw new KioskError('conflict', 'order creation raced');
      }
      const r = (await row(id))!;
      await audited(r, 'payment.created', 'ok', { amount, items: items.length });
      return { order: await view(r), created: true };
    },

    /** Starts paying; at most one charge per order however often it is called. */
    async startPayment(personId: number, orderId: string, request: StartPaymentRequest): Promise<PaymentOrder> {
      const before = await ownOrder(personId, orderId);
      const channel = provider();
      const at = now();
      if (before.state === 'created' && before.expiresAt < at) {
        await fail(orderId, 'timedOut');
        throw new KioskError('orderExpired', 'the order expired before it was paid');
      }
      const started = await move(
        db,
        orderId,
        'start',
        { method: request.method, payingAt: at, channel: channel.channel, failure: null },
        sql`${paymentOrders.expiresAt} > ${at}`,
      );
      if (!started) {
        const r = (await row(orderId))!;
        if (r.method && r.method !== request.method && r.state === 'paying')
          throw new KioskError('conflict', 'the order is being paid another way');
        return view(r);
      }
      const description = '社会保险费';
      if (request.method === 'micropay') {
        let result;
        try {
          result = await channel.micropay({
            orderNo: started.orderNo,
            amount: started.amount,
            authCode: request.authCode,
            description,
          });
        } catch (error) {
          if (!(error instanceof ProviderUncertain)) throw error;
          await audited(started, 'payment.micropay', 'uncertain');
          await followOneUncertain(started);
          return view((await row(orderId))!);
        }
        if (result.status === 'SUCCESS') await recordPaid(orderId, result, 'micropay');
        else if (result.status === 'USERPAYING')
          await db
            .update(paymentOrders)
            .set({ awaitingUser: true, version: sql`${paymentOrders.version} + 1` })
            .where(and(eq(paymentOrders.id, orderId), eq(paymentOrders.state, 'paying')));
        else await fail(orderId, result.failure);
      } else {
        try {
          const { codeUrl } = await channel.precreate({
            orderNo: started.orderNo,
            amount: started.amount,
            description,
            expiresAt: started.expiresAt,
            notifyUrl: config.notifyUrl ?? notifyUrl(),
          });
          await db
            .update(paymentOrders)
            .set({ codeUrl, version: sql`${paymentOrders.version} + 1` })
            .where(and(eq(paymentOrders.id, orderId), eq(paymentOrders.state, 'paying')));
        } catch (error) {
          if (error instanceof PrecreateRefused) {
            // The channel made nothing for this number: the order goes back to created (stored, with why),
            // still claiming its items, to be paid by payment code or another QR; nothing to reverse.
            const back = await move(
              db,
              orderId,
              'qrRefused',
              { failure: 'qrRefused', payingAt: null, codeUrl: null },
              sql`${paymentOrders.method} = 'native' and ${paymentOrders.codeUrl} is null`,
            );
            if (back) await audited(back, 'payment.precreate', 'refused', { errCode: error.errCode });
            return view((await row(orderId))!);
          }
          if (!(error instanceof ProviderUncertain)) throw error;
          // Unclear whether the channel holds a trade for the number: close it (the order is reversed).
          await audited(started, 'payment.precreate', 'uncertain');
          await reverse(orderId, 'providerError');
        }
      }
      return view((await row(orderId))!);
    },

    /** The order, waiting up to waitMs for a state other than `known`. */
    async getOrder(personId: number, orderId: string, waitMs = 0, known?: PaymentState): Promise<PaymentOrder> {
      const deadline = Date.now() + waitMs;
      let r = await ownOrder(personId, orderId);
      const awaited = known ?? r.state;
      const version = r.version;
      for (;;) {
        if (r.state === 'paying' || r.state === 'paid' || (r.state === 'reversed' && !r.finishedAt))
          await followSoon(r, 500);
        r = (await row(orderId))!;
        if (
          r.state !== awaited ||
          (known === undefined && r.version !== version) ||
          (isFinal(r.state) && r.state !== awaited)
        )
          break;
        if (Date.now() >= deadline) break;
        await sleep(Math.min(250, Math.max(0, deadline - Date.now())));
      }
      return view(r);
    },

    /** Cancels: created fails; paying is reversed (micropay) or closed (native); paid stays paid. */
    async cancel(personId: number, orderId: string): Promise<PaymentOrder> {
      const r = await ownOrder(personId, orderId);
      if (r.state === 'created') await fail(orderId, 'cancelled');
      else if (r.state === 'paying') {
        if (r.method === 'native') {
          try {
            await provider().close(r.orderNo);
            await fail(orderId, 'cancelled');
          } catch (error) {
            if (error instanceof OrderAlreadyPaid) {
              const q = await provider().query(r.orderNo);
              if (q.tradeState === 'SUCCESS') await recordPaid(orderId, q, 'cancel');
            } else if (error instanceof ProviderUncertain)
              throw new KioskError('providerUnavailable', 'could not reach the channel');
            else throw error;
          }
        } else {
          await reverse(orderId, 'cancelled');
        }
      }
      const after = (await row(orderId))!;
      if (after.state === 'paid') await post(orderId);
      return view((await row(orderId))!);
    },

    /** A verified notification: records the payment (duplicates and late ones are no-ops). */
    async onNotification(orderNo: string, trade: PaidTrade): Promise<'recorded' | 'unknownOrder'> {
      const [r] = await db.select().from(paymentOrders).where(eq(paymentOrders.orderNo, orderNo));
      if (!r) return 'unknownOrder';
      if (r.state === 'created' || r.state === 'paying') await recordPaid(r.id, trade, 'notification');
      else if (r.state === 'paid') await post(r.id);
      return 'recorded';
    },

    /** The sweep: every order still in flight, finished with the channel's word. */
    async followOrders(): Promise<number> {
      const open = await db
        .select()
        .from(paymentOrders)
        .where(
          sql`${paymentOrders.state} in ('paying', 'paid', 'refunding') or (${paymentOrders.state} = 'reversed' and ${paymentOrders.finishedAt} is null) or (${paymentOrders.state} = 'created' and ${paymentOrders.expiresAt} < ${now()})`,
        )
        .limit(500);
      for (const r of open) {
        try {
          await followOne(r);
        } catch {
          // one order's trouble must not stop the sweep; it is tried again next round
        }
      }
      return open.length;
    },

    /**
     * Staff refund (supervisor): `refunding` is stored first (with the tap's key), then the channel
     * refunds (its refund number comes from that key, so a second ask is the same refund), then the
     * contribution is taken out. A crash or a lost answer between leaves `refunding`, which the sweep
     * finishes by asking the channel (finishRefund); the staff member's retry of the same tap does too.
     */
    async refund(orderId: string, requestId: string): Promise<OrderRow> {
      const r = await row(orderId);
      if (!r) throw new KioskError('notFound', 'no such order');
      if (r.state === 'refunded' || r.state === 'refunding') {
        if (r.refundRequestId !== requestId) throw new KioskError('conflict', 'already refunded');
        if (r.state === 'refunded') return r;
      } else {
        if (r.state !== 'posted') throw new KioskError('conflict', 'only a posted order can be refunded');
        const moved = await move(db, orderId, 'refund', { refundRequestId: requestId });
        if (!moved) {
          // Another request moved it first: the same tap goes on, any other is refused.
          const now = (await row(orderId))!;
          if (now.refundRequestId !== requestId) throw new KioskError('conflict', 'already refunded');
        }
      }
      try {
        await finishRefund(orderId, false);
      } catch (error) {
        if (error instanceof ProviderUncertain || (error instanceof KioskError && error.code === 'providerUnavailable'))
          throw new KioskError('providerUnavailable', 'could not reach the channel; the refund is finished later');
        throw error;
      }
      return (await row(orderId))!;
    },
  };

  /** refundNo of an order's refund tap (out_refund_no, at most 64 characters, the same on every ask). */
  function refundNoOf(r: OrderRow): string {
    return `RF${(r.refundRequestId ?? '').replace(/-/g, '').slice(0, 24)}`;
  }

  /**
   * Finishes a `refunding` order: `ask` first asks the channel whether it holds the refund (the sweep,
   * after a crash); one it does not hold is sent (the same refund number: never two refunds). Then
   * refunding → refunded and the contribution withdrawn, in one transaction.
   */
  async function finishRefund(orderId: string, ask: boolean): Promise<void> {
    const r = await row(orderId);
    if (!r || r.state !== 'refunding') return;
    const refundNo = refundNoOf(r);
    let refund: { refundId: string; refundedAt: Date } | null = null;
    if (ask) {
      const q = await provider().refundQuery({ orderNo: r.orderNo, refundNo });
      if (q.status === 'SUCCESS') refund = q;
    }
    refund ??= await provider().refund({ orderNo: r.orderNo, refundNo, amount: r.amount });
    const items = await itemsOf(orderId);
    await db.transaction(async (tx) => {
      const moved = await move(tx, orderId, 'refunded', { refundId: refund.refundId, refundedAt: refund.refundedAt });
      if (moved) {
        await unpostItems(tx, items);
        await releaseClaims(tx, orderId);
      }
    });
  }

  /** An uncertain micropay: ask the channel; paid → post, waiting → follow, unknown → reverse. */
  async function followOneUncertain(r: OrderRow): Promise<void> {
    try {
      const q = await provider().query(r.orderNo);
      if (q.tradeState === 'SUCCESS') return recordPaid(r.id, q, 'query');
      if (q.tradeState === 'USERPAYING') {
        await db
          .update(paymentOrders)
          .set({ awaitingUser: true, version: sql`${paymentOrders.version} + 1` })
          .where(and(eq(paymentOrders.id, r.id), eq(paymentOrders.state, 'paying')));
        return;
      }
    } catch (error) {
      if (!(error instanceof ProviderUncertain)) throw error;
    }
    await reverse(r.id, 'providerError');
  }
}

export { lt };
