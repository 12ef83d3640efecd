/** The resident insurance policy tables of every seeded region: grades with subsidies, medical amount, deadlines. */
import * as s from '../db/schema';
import type { Db } from '../db/types';
import { residentMedicalPremium, residentPensionGrades } from './economics';
import { regions } from './regions';

/** The subsidy (政府补贴) of each grade, fen per year: more for higher grades, as the local rules do. */
const subsidies = [3_000, 4_000, 6_000, 8_000, 10_000];

/** Policy rows for the as-of year and the six before it. */
export function paymentPolicyRows(asOf: string) {
  const thisYear = Number(asOf.slice(0, 4));
  const years = Array.from({ length: 7 }, (_, i) => thisYear - i);
  return {
    policyYears: regions.flatMap((r) =>
      years.map((year) => ({
        regionCode: r.code,
        year,
        medicalAmount: residentMedicalPremium(year),
        pensionDeadline: `${year}-12-31`,
        medicalDeadline: `${year}-12-31`,
        arrearsYearsBack: 5,
      })),
    ),
    grades: regions.flatMap((r) =>
      years.flatMap((year) =>
        residentPensionGrades.map((amount, i) => ({
          regionCode: r.code,
          year,
          gradeId: `g${i + 1}`,
          amount,
          subsidy: subsidies[i] ?? 10_000,
        })),
      ),
    ),
  };
}

export async function seedPaymentPolicy(db: Db, asOf: string): Promise<void> {
  const { policyYears, grades } = paymentPolicyRows(asOf);
  await db.insert(s.residentPolicyYears).values(policyYears);
  await db.insert(s.residentPensionGrades).values(grades);
}
