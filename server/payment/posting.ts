/**
 * Posting a paid order into the beneficiaries' records, inside the transaction that moves it to
 * `posted` (and taking it out again on a refund). Resident insurance is yearly: a paid year is twelve
 * monthly rows whose shares add up to the yearly amount exactly; the pension account is credited with
 * the amount and its subsidy.
 */
import type { InsuranceType } from '../../contracts/domain';
import { and, eq, gte, lte, sql } from 'drizzle-orm';
import { contributions, pensionAccounts } from '../db/schema';
import type { Db } from '../db/types';
import { monthlyShares } from './policy';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface PostedItem {
  kind: 'residentPension' | 'residentMedical' | 'arrears';
  beneficiaryId: number;
  insuranceType: InsuranceType;
  year: number | null;
  fromPeriod: string;
  toPeriod: string;
  amount: number;
  subsidy: number;
}

async function creditAccount(tx: Tx, personId: number, amount: number, period: string) {
  await tx
    .insert(pensionAccounts)
    .values({ personId, balance: amount, asOfPeriod: period })
    .onConflictDoUpdate({
      target: pensionAccounts.personId,
      set: { balance: sql`${pensionAccounts.balance} + ${amount}` },
    });
}

/** Writes the items into contributions (and the pension account). */
export async function postItems(tx: Tx, items: readonly PostedItem[]): Promise<void> {
  for (const item of items) {
    if (item.kind === 'arrears') {
      await tx
        .update(contributions)
        .set({ paid: true })
        .where(
          and(
            eq(contributions.personId, item.beneficiaryId),
            eq(contributions.insuranceType, item.insuranceType),
            gte(contributions.period, item.fromPeriod),
            lte(contributions.period, item.toPeriod),
            eq(contributions.paid, false),
          ),
        );
    } else {
      const shares = monthlyShares(item.amount);
      await tx
        .insert(contributions)
        .values(
          shares.map((share, i) => ({
            personId: item.beneficiaryId,
            insuranceType: item.insuranceType,
            period: `${item.year}${String(i + 1).padStart(2, '0')}`,
            base: 0,
            employerAmount: 0,
            personalAmount: share,
            paid: true,
            employerId: null,
          })),
        )
        .onConflictDoUpdate({
          target: [contributions.personId, contributions.insuranceType, contributions.period],
          set: { paid: true, personalAmount: sql`excluded.personal_amount`, base: 0, employerAmount: 0 },
        });
    }
    if (item.insuranceType === 'residentPension')
      await creditAccount(tx, item.beneficiaryId, item.amount + item.subsidy, item.toPeriod);
  }
}

/** Takes refunded items out again: the months unpaid, the account debited. */
export async function unpostItems(tx: Tx, items: readonly PostedItem[]): Promise<void> {
  for (const item of items) {
    await tx
      .update(contributions)
      .set({ paid: false })
      .where(
        and(
          eq(contributions.personId, item.beneficiaryId),
          eq(contributions.insuranceType, item.insuranceType),
          gte(contributions.period, item.fromPeriod),
          lte(contributions.period, item.toPeriod),
        ),
      );
    if (item.insuranceType === 'residentPension')
      await creditAccount(tx, item.beneficiaryId, -(item.amount + item.subsidy), item.toPeriod);
  }
}
