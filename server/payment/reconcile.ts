/**
 * Reconciliation (对账): the channel's daily bill against the ledger, every difference listed for
 * staff. A bill line is an order the channel charged (less refunds); the ledger's side is every order
 * it holds as paid, posted or refunded with its payment on that bill date.
 */
import { and, eq, gte, inArray, lt } from 'drizzle-orm';
import type { ReconciliationDifference, ReconciliationResult } from '../../contracts/payment';
import { paymentOrders, paymentReconciliations } from '../db/schema';
import type { Db } from '../db/types';
import type { PaymentProvider } from './provider';

/** The instant a China-time day starts (channels cut their bills at Beijing midnight). */
function dayStart(date: string): Date {
  return new Date(`${date}T00:00:00+08:00`);
}

/** Compares the channel's bill of `date` with the ledger and stores the result. */
export async function reconcile(
  db: Db,
  provider: PaymentProvider,
  date: string,
  now = new Date(),
): Promise<ReconciliationResult> {
  const bill = await provider.bill(date);
  const from = dayStart(date);
  const to = new Date(from.getTime() + 86_400_000);
  const ledger = await db
    .select()
    .from(paymentOrders)
    .where(
      and(
        inArray(paymentOrders.state, ['paid', 'posted', 'refunding', 'refunded']),
        gte(paymentOrders.paidAt, from),
        lt(paymentOrders.paidAt, to),
      ),
    );
  const byNo = new Map(ledger.map((o) => [o.orderNo, o]));
  const differences: ReconciliationDifference[] = [];
  const seen = new Set<string>();
  for (const line of bill) {
    seen.add(line.orderNo);
    const o = byNo.get(line.orderNo);
    if (!o) {
      differences.push({
        kind: 'missingInLedger',
        orderNo: line.orderNo,
        transactionId: line.transactionId,
        ledgerAmount: null,
        billAmount: line.amount,
      });
      continue;
    }
    if (o.amount !== line.amount)
      differences.push({
        kind: 'amountMismatch',
        orderNo: o.orderNo,
        transactionId: line.transactionId,
        ledgerAmount: o.amount,
        billAmount: line.amount,
      });
    const ledgerRefund = o.state === 'refunded' ? o.amount : 0;
    if (ledgerRefund !== line.refunded)
      differences.push({
        kind: 'refundMismatch',
        orderNo: o.orderNo,
        transactionId: line.transactionId,
        ledgerAmount: ledgerRefund,
        billAmount: line.refunded,
      });
  }
  for (const o of ledger)
    if (!seen.has(o.orderNo))
      differences.push({
        kind: 'missingInBill',
        orderNo: o.orderNo,
        transactionId: o.transactionId,
        ledgerAmount: o.amount,
        billAmount: null,
      });
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const refunded = ledger.filter((o) => o.state === 'refunded');
  const result: ReconciliationResult = {
    date,
    ranAt: now.toISOString(),
    status: differences.length ? 'differences' : 'matched',
    bill: {
      count: bill.length,
      amount: sum(bill.map((l) => l.amount)),
      refundCount: bill.filter((l) => l.refunded > 0).length,
      refundAmount: sum(bill.map((l) => l.refunded)),
    },
    ledger: {
      count: ledger.length,
      amount: sum(ledger.map((o) => o.amount)),
      refundCount: refunded.length,
      refundAmount: sum(refunded.map((o) => o.amount)),
    },
    differences,
  };
  await db
    .insert(paymentReconciliations)
    .values({ date, ranAt: now, status: result.status === 'matched' ? 'matched' : 'differences', result })
    .onConflictDoUpdate({
      target: paymentReconciliations.date,
      set: { ranAt: now, status: result.status === 'matched' ? 'matched' : 'differences', result },
    });
  return result;
}

/** The stored result of a date (or `notRun`). */
export async function latestReconciliation(db: Db, date: string): Promise<ReconciliationResult> {
  const [row] = await db.select().from(paymentReconciliations).where(eq(paymentReconciliations.date, date));
  if (row) return row.result as ReconciliationResult;
  const empty = { count: 0, amount: 0, refundCount: 0, refundAmount: 0 };
  return { date, ranAt: null, status: 'notRun', bill: empty, ledger: empty, differences: [] };
}
