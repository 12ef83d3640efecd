/** A retiree's monthly pension payments and yearly eligibility certifications. */
import { addMonths, periodRange } from '../../contracts/period';
import type * as s from '../db/schema';
import { addDays, addMonthsToDate, atHallTime, periodOf } from './dates';
import { adjustedPension, initialPension } from './economics';
import { rngUuid, type Rng } from './prng';
import type { CertificationStanding, PersonSpec } from './types';

type Payment = typeof s.pensionPayments.$inferInsert;
type Certification = typeof s.certifications.$inferInsert;

/** Pensions are paid on the 10th; the as-of month counts once that day has come. */
export const PENSION_PAY_DAY = 10;

/** Monthly payments from the month after retirement up to the as-of day. */
export function buildPensionPayments(
  spec: PersonSpec,
  accountBalance: number,
  paidMonths: number,
  asOf: string,
): Payment[] {
  const retirement = spec.retirement;
  if (!retirement) return [];
  const first = addMonths(periodOf(retirement.date), 1);
  const asOfPeriod = periodOf(asOf);
  const last = Number(asOf.slice(8, 10)) >= PENSION_PAY_DAY ? asOfPeriod : addMonths(asOfPeriod, -1);
  if (last < first) return [];
  const retirementYear = Number(retirement.date.slice(0, 4));
  // Years worked before records began (2000) count as deemed contribution years (视同缴费年限).
  const birthYear = Number(spec.card.birthDate.slice(0, 4));
  const deemedYears = Math.max(0, Math.min(2000, retirementYear) - (birthYear + 20));
  const factor = spec.stints.length > 0 ? spec.stints[spec.stints.length - 1]!.baseFactor : 0.6;
  const initial = initialPension(retirementYear, factor, deemedYears + paidMonths / 12, accountBalance, retirement.age);
  return periodRange(first, last).map((period) => ({
    personId: spec.id,
    period,
    amount: adjustedPension(initial, retirementYear, Number(period.slice(0, 4))),
    paidOn: `${period.slice(0, 4)}-${period.slice(4, 6)}-${String(PENSION_PAY_DAY).padStart(2, '0')}`,
  }));
}

/** When the latest passed certification's validity ends, for the standing on the as-of day. */
function latestValidUntil(standing: CertificationStanding, asOf: string, rng: Rng): string {
  switch (standing) {
    case 'certified':
      return addDays(asOf, rng.int(35, 360));
    case 'due':
      return addDays(asOf, rng.int(0, 30));
    case 'overdue':
      return addDays(asOf, -rng.int(1, 90));
  }
}

/** The latest certification and the ones of the cycles before it (since retirement), newest first. */
export function buildCertifications(spec: PersonSpec, asOf: string, rng: Rng): Certification[] {
  if (!spec.retirement || !spec.certification) return [];
  const out: Certification[] = [];
  let validUntil = latestValidUntil(spec.certification, asOf, rng);
  for (let cycle = 0; cycle < 3; cycle++) {
    const day = addMonthsToDate(validUntil, -12);
    if (day <= spec.retirement.date) break;
    const method = rng.weighted([
      ['app', 5],
      ['window', 3],
      ['homeVisit', 1],
    ] as const);
    const at = atHallTime(day, rng.int(8, 16), rng.int(0, 59));
    if (method === 'app' && rng.chance(0.1)) {
      out.push({
        id: rngUuid(rng),
        personId: spec.id,
        certifiedAt: new Date(at.getTime() - 600_000),
        validUntil: null,
        terminalId: null,
        method,
        result: 'failed',
      });
    }
    out.push({
      id: rngUuid(rng),
      personId: spec.id,
      certifiedAt: at,
      validUntil,
      terminalId: null,
      method,
      result: 'passed',
    });
    validUntil = day;
  }
  return out;
}
