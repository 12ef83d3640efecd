/** Contribution rows and enrollments from a person's career and resident-insurance history. */
import { monthlyShares } from '../payment/shares';
import type { EnrollmentStatus, InsuranceType } from '../../contracts/domain';
import { addMonths, periodRange } from '../../contracts/period';
import type * as s from '../db/schema';
import { addDays, periodOf, periodStart } from './dates';
import {
  MATERNITY_MERGED_FROM,
  accountCreditPerMille,
  accountInterestRate,
  contributionBase,
  employeeAmounts,
  residentMedicalPremium,
  yearInterest,
} from './economics';
import type { PersonSpec } from './types';

type Contribution = typeof s.contributions.$inferInsert;
type Enrollment = typeof s.enrollments.$inferInsert;

const employeeTypes: readonly InsuranceType[] = [
  'employeePension',
  'employeeMedical',
  'unemployment',
  'workInjury',
  'maternity',
];

/** The types whose personal amounts go into the pension individual account. */
export const pensionTypes: readonly InsuranceType[] = ['employeePension', 'residentPension', 'publicSectorPension'];

/** Every monthly contribution row of the person, oldest first within each type. */
export function buildContributions(spec: PersonSpec): Contribution[] {
  const rows: Contribution[] = [];
  for (const stint of spec.stints) {
    for (const period of periodRange(stint.from, stint.to)) {
      const base = contributionBase(Number(period.slice(0, 4)), stint.baseFactor);
      const paid = !(stint.arrearsFrom && period >= stint.arrearsFrom);
      for (const type of employeeTypes) {
        if (type === 'maternity' && period >= MATERNITY_MERGED_FROM) continue;
        rows.push({
          personId: spec.id,
          insuranceType: type,
          period,
          base,
          ...employeeAmounts(type, base),
          paid,
          employerId: stint.employerId,
        });
      }
    }
  }
  const r = spec.resident;
  if (r) {
    // Resident insurance is paid by the year (a grade per year, a fixed medical amount): a year is paid
    // or owed as a whole, its twelve rows' shares add up to the yearly amount exactly, and the current
    // year has no rows until it is paid (it is offered for payment, not owed).
    const fromYear = Number(r.from.slice(0, 4));
    const thisYear = Number(r.to.slice(0, 4)) + (r.to.endsWith('12') ? 1 : 0);
    const owedFrom = r.arrearsFrom ? Number(r.arrearsFrom.slice(0, 4)) : Infinity;
    for (let year = fromYear; year <= thisYear; year++) {
      const paid = year < owedFrom;
      if (year === thisYear && !paid) continue;
      const pension = monthlyShares(r.yearlyGrade);
      const medical = monthlyShares(residentMedicalPremium(year));
      for (let month = 1; month <= 12; month++) {
        const period = `${year}${String(month).padStart(2, '0')}`;
        if (period < r.from) continue;
        for (const [insuranceType, shares] of [
          ['residentPension', pension],
          ['residentMedical', medical],
        ] as const)
          rows.push({
            personId: spec.id,
            insuranceType,
            period,
            base: 0,
            employerAmount: 0,
            personalAmount: shares[month - 1]!,
            paid,
            employerId: null,
          });
      }
    }
  }
  return rows;
}

/**
 * The pension individual account (累计储存额) on the as-of day. Each paid month credits the account
 * (employee and public-sector pension: 11 % of the base before 2006, 8 % after; resident pension: the
 * personal contribution; government subsidies to resident accounts are not modelled), and at the end
 * of every finished year the account earns that year's 记账利率 (`yearInterest`). The current year's
 * credits wait for its year-end settlement (结息). A retiree's account is shown as it stood at
 * retirement: interest up to the year before, that year's credits without interest.
 */
export function buildPensionAccount(
  spec: PersonSpec,
  rows: readonly Contribution[],
  asOf: string,
): typeof s.pensionAccounts.$inferInsert | null {
  const credits = new Map<number, number>();
  let firstYear = Infinity;
  let lastPeriod = '';
  for (const row of rows) {
    if (!row.paid || !pensionTypes.includes(row.insuranceType)) continue;
    const year = Number(row.period.slice(0, 4));
    const credit =
      row.insuranceType === 'residentPension'
        ? row.personalAmount
        : Math.round(((row.base ?? 0) * accountCreditPerMille(row.period)) / 1000);
    credits.set(year, (credits.get(year) ?? 0) + credit);
    firstYear = Math.min(firstYear, year);
    if (row.period > lastPeriod) lastPeriod = row.period;
  }
  if (!lastPeriod) return null;
  // Interest is credited for every finished year before this one, contributing or not.
  const settleBefore = spec.retirement ? Number(spec.retirement.date.slice(0, 4)) : Number(asOf.slice(0, 4));
  let balance = 0;
  for (let year = firstYear; year < settleBefore; year++) {
    const credited = credits.get(year) ?? 0;
    balance += credited + yearInterest(balance, credited, accountInterestRate(year));
  }
  for (const [year, credited] of credits) if (year >= settleBefore) balance += credited;
  const settled = `${settleBefore - 1}12`;
  return { personId: spec.id, balance, asOfPeriod: settled > lastPeriod ? settled : lastPeriod };
}

function regionName(spec: PersonSpec): string {
  return spec.region.city.replace(/^.*省/, '') + spec.region.district;
}

function statusOf(spec: PersonSpec, type: InsuranceType, lastPeriod: string, asOfPeriod: string): EnrollmentStatus {
  if (type === 'maternity' && lastPeriod < MATERNITY_MERGED_FROM) return 'terminated';
  switch (spec.kind) {
    case 'retiree':
      return type === 'employeePension' || type === 'employeeMedical' ? 'receiving' : 'terminated';
    case 'unemployed':
      if (type === 'unemployment') return 'receiving';
      return type === 'employeePension' || type === 'employeeMedical' ? 'suspended' : 'terminated';
    default:
      // Between jobs for more than a month: contributions are suspended, not ended.
      return lastPeriod >= addMonths(asOfPeriod, -2) ? 'active' : 'suspended';
  }
}

/** One enrollment per insurance type the person ever contributed to. */
export function buildEnrollments(spec: PersonSpec, rows: readonly Contribution[], asOf: string): Enrollment[] {
  const span = new Map<InsuranceType, { first: string; last: string; employerId: number | null }>();
  for (const row of rows) {
    const cur = span.get(row.insuranceType);
    if (!cur) span.set(row.insuranceType, { first: row.period, last: row.period, employerId: row.employerId ?? null });
    else {
      if (row.period < cur.first) cur.first = row.period;
      if (row.period >= cur.last) {
        cur.last = row.period;
        cur.employerId = row.employerId ?? null;
      }
    }
  }
  const asOfPeriod = periodOf(asOf);
  const out: Enrollment[] = [];
  for (const [type, { first, last, employerId }] of span) {
    const status = statusOf(spec, type, last, asOfPeriod);
    const end =
      status !== 'terminated'
        ? null
        : spec.retirement && type !== 'maternity'
          ? spec.retirement.date
          : addDays(periodStart(addMonths(last, 1)), -1);
    out.push({
      personId: spec.id,
      insuranceType: type,
      status,
      startDate: periodStart(first),
      endDate: end,
      region: regionName(spec),
      employerId,
    });
  }
  return out;
}
