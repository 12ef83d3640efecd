/** The medical individual account (医保个人账户) and its last twelve months of transactions. */
import type * as s from '../db/schema';
import { addDays, addMonthsToDate, atHallTime, todayIn } from './dates';
import type { Rng } from './prng';
import type { PersonSpec } from './types';

type Transaction = typeof s.medicalAccountTransactions.$inferInsert;

const debits: readonly string[] = [
  '定点药店购药',
  '门诊就医',
  '门诊特定病种',
  '住院个人自付',
  '定点药店购药（家庭共济）',
];

/** Monthly credits (划入), occasional debits; the account balance is the last running balance. */
export function buildMedicalAccount(
  spec: PersonSpec,
  monthlyCredit: number,
  asOf: string,
  rng: Rng,
): { account: typeof s.medicalAccounts.$inferInsert; transactions: Transaction[] } {
  const transactions: Transaction[] = [];
  let balance = 0;
  let last = 0;
  const push = (day: string, kind: 'credit' | 'debit', amount: number, description: string) => {
    balance += amount;
    // Strictly increasing times, so that the running balance reads in time order.
    const at = Math.max(atHallTime(day, rng.int(8, 19), rng.int(0, 59)).getTime(), last + 60_000);
    last = at;
    transactions.push({
      personId: spec.id,
      occurredAt: new Date(at),
      kind,
      amount,
      balanceAfter: balance,
      description,
    });
  };
  const start = addMonthsToDate(asOf, -12);
  push(start, 'credit', rng.int(5, 500) * 1000, '上年结转');
  for (let m = 1; m <= 12; m++) {
    const month = addMonthsToDate(start, m);
    const creditDay = `${month.slice(0, 8)}05`;
    if (creditDay > asOf) break;
    push(creditDay, 'credit', monthlyCredit, '个人账户划入');
    const days = Array.from({ length: rng.int(0, 3) }, () => addDays(creditDay, rng.int(1, 24))).sort();
    for (const day of days) {
      if (day > asOf) break;
      const amount = Math.min(balance, rng.int(15, 400) * 100 + rng.int(0, 99));
      if (amount > 0) push(day, 'debit', -amount, rng.pick(debits));
    }
  }
  const lastDay = transactions[transactions.length - 1]!.occurredAt as Date;
  const asOfDate = todayIn(undefined, lastDay);
  return { account: { personId: spec.id, balance, asOf: asOfDate }, transactions };
}
