/**
 * 失业保险金: what an unemployed person may receive and what was paid, derived from their paid
 * unemployment insurance months by the rules below. The rules, as a clerk would check them:
 * - 《失业保险条例》(国务院令第258号) 第十七条: contributions of 1 to 5 years give at most 12 months of
 *   benefit, 5 to 10 years 18 months, 10 years or more 24 months; under one year gives none (第十四条).
 * - 第十八条 leaves the amount to the province, below the minimum wage; Guangdong pays 90 % of the local
 *   monthly minimum wage (《广东省失业保险条例》, 2019).
 * - Guangzhou's monthly minimum wage (广东省人民政府 announcements): 2 100 yuan from 2018-07-01,
 *   2 300 yuan from 2021-12-01, 2 500 yuan from 2025-03-01.
 * - The benefit is paid by the agency where the person was insured (参保地); another city's benefit
 *   is not known to this hall and is reported as such, never guessed.
 * Benefit starts the month after the last contribution (the month the person registered as unemployed)
 * and each month is paid on the 15th (the demo's paying day).
 */
import { and, count, eq, max } from 'drizzle-orm';
import type { UnemploymentBenefitResponse } from '../../contracts/inquiry';
import { addMonths, type Period } from '../../contracts/period';
import { contributions, enrollments } from '../db/schema';
import type { Db } from '../db/types';
import { hallDate } from '../../contracts/hall-time';

/** Guangzhou's monthly minimum wage in fen, from each period on. */
const guangzhouMinimumWage: readonly (readonly [Period, number])[] = [
  ['201807', 210_000],
  ['202112', 230_000],
  ['202503', 250_000],
];

/** The day of the month each month's benefit is paid. */
export const BENEFIT_PAY_DAY = 15;

/** Months of benefit for paid contribution months (《失业保险条例》第十七条). */
export function entitledMonthsFor(contributionMonths: number): number {
  if (contributionMonths < 12) return 0;
  if (contributionMonths < 60) return 12;
  if (contributionMonths < 120) return 18;
  return 24;
}

/** The monthly benefit in fen for a month in a region, or null when this hall does not pay there. */
export function benefitStandard(region: string, period: Period): number | null {
  if (!region.startsWith('广州市')) return null;
  const wage = guangzhouMinimumWage.findLast(([from]) => from <= period)?.[1];
  return wage === undefined ? null : Math.round((wage * 9) / 10);
}

/** The city part of a region (`广州市天河区` → `广州市`), the 参保地 a person is sent to. */
function cityOf(region: string): string {
  return /^(.+?市)/.exec(region)?.[1] ?? region;
}

export interface BenefitFacts {
  region: string;
  contributionMonths: number;
  lastContribution: Period;
  /** Today in the hall's time zone, `YYYY-MM-DD`. */
  today: string;
}

/** The benefit from the facts: pure. */
export function benefitPlan(facts: BenefitFacts): UnemploymentBenefitResponse {
  const entitled = entitledMonthsFor(facts.contributionMonths);
  const from = addMonths(facts.lastContribution, 1);
  const to = addMonths(from, Math.max(0, entitled - 1));
  const thisMonth = facts.today.slice(0, 4) + facts.today.slice(5, 7);
  const paidThrough = Number(facts.today.slice(8, 10)) >= BENEFIT_PAY_DAY ? thisMonth : addMonths(thisMonth, -1);
  const paidHere = benefitStandard(facts.region, from) !== null;
  const payments: UnemploymentBenefitResponse['payments'] = [];
  if (paidHere) {
    for (let p = from, n = 0; n < entitled && p <= paidThrough; p = addMonths(p, 1), n++) {
      const paidOn = `${p.slice(0, 4)}-${p.slice(4)}-${String(BENEFIT_PAY_DAY).padStart(2, '0')}`;
      payments.unshift({ period: p, amount: benefitStandard(facts.region, p)!, paidOn });
    }
  }
  return {
    receiving: entitled > 0,
    payingRegion: cityOf(facts.region),
    paidHere,
    contributionMonths: facts.contributionMonths,
    entitledMonths: entitled,
    paidMonths: payments.length,
    remainingMonths: paidHere ? entitled - payments.length : 0,
    fromPeriod: entitled > 0 ? from : null,
    toPeriod: entitled > 0 ? to : null,
    monthlyAmount:
      paidHere && entitled > 0 ? benefitStandard(facts.region, paidThrough < from ? from : paidThrough) : null,
    totalPaid: payments.reduce((sum, p) => sum + p.amount, 0),
    payments,
  };
}

const none: UnemploymentBenefitResponse = {
  receiving: false,
  payingRegion: null,
  paidHere: false,
  contributionMonths: 0,
  entitledMonths: 0,
  paidMonths: 0,
  remainingMonths: 0,
  fromPeriod: null,
  toPeriod: null,
  monthlyAmount: null,
  totalPaid: 0,
  payments: [],
};

/** The session person's 失业保险金; `receiving: false` unless their unemployment enrollment is 享受待遇. */
export async function unemploymentBenefitOf(
  db: Db,
  personId: number,
  timeZone: string,
  now: Date = new Date(),
): Promise<UnemploymentBenefitResponse> {
  const [enrollment] = await db
    .select({ region: enrollments.region })
    .from(enrollments)
    .where(
      and(
        eq(enrollments.personId, personId),
        eq(enrollments.insuranceType, 'unemployment'),
        eq(enrollments.status, 'receiving'),
      ),
    );
  if (!enrollment) return none;
  const [paid] = await db
    .select({ months: count(), last: max(contributions.period) })
    .from(contributions)
    .where(
      and(
        eq(contributions.personId, personId),
        eq(contributions.insuranceType, 'unemployment'),
        eq(contributions.paid, true),
      ),
    );
  if (!paid?.last) return none;
  return benefitPlan({
    region: enrollment.region,
    contributionMonths: Number(paid.months),
    lastContribution: paid.last,
    today: hallDate(timeZone, now),
  });
}
