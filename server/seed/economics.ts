/** Wages, contribution rates and pension formulas behind the synthetic histories (simplified, plausible). */
import type { InsuranceType } from '../../contracts/domain';

/** The average monthly wage (社平工资) of a year, in fen: ~9% a year to 2015, ~6% after. */
export function averageWage(year: number): number {
  const fast = Math.min(year, 2015) - 1995;
  const slow = Math.max(0, year - 2015);
  return Math.round(700 * 1.09 ** fast * 1.06 ** slow) * 100;
}

/** The monthly contribution base for a wage factor, clamped to 60%-300% of the average wage, whole yuan. */
export function contributionBase(year: number, factor: number): number {
  const clamped = Math.min(3, Math.max(0.6, factor));
  return Math.round((averageWage(year) * clamped) / 100) * 100;
}

/** Employer and personal rates of the employee insurance types (per mille). */
export const employeeRates: Partial<Record<InsuranceType, { employer: number; personal: number }>> = {
  employeePension: { employer: 160, personal: 80 },
  employeeMedical: { employer: 60, personal: 20 },
  unemployment: { employer: 5, personal: 5 },
  workInjury: { employer: 4, personal: 0 },
  maternity: { employer: 8, personal: 0 },
};

/** Maternity insurance merged into employee medical insurance from this period on (2020). */
export const MATERNITY_MERGED_FROM = '202001';

/** The employer and personal amounts for one month, in fen. */
export function employeeAmounts(type: InsuranceType, base: number): { employerAmount: number; personalAmount: number } {
  const rate = employeeRates[type];
  if (!rate) throw new RangeError(`${type} is not an employee insurance type`);
  return {
    employerAmount: Math.round((base * rate.employer) / 1000),
    personalAmount: Math.round((base * rate.personal) / 1000),
  };
}

/** Yearly grades (缴费档次) of resident pension insurance, in fen per year. */
export const residentPensionGrades: readonly number[] = [20_000, 30_000, 50_000, 100_000, 200_000];

/** The resident medical insurance premium of a year, in fen per year (rising like the real one). */
export function residentMedicalPremium(year: number): number {
  return Math.round(Math.max(6_000, 38_000 - (2023 - year) * 3_000) / 1200) * 1200;
}

/** 计发月数: months over which the individual account is paid out, by retirement age. */
export function payoutMonths(retirementAge: number): number {
  return retirementAge >= 60 ? 139 : retirementAge >= 55 ? 170 : 195;
}

/** The first monthly pension (fen): basic pension from the indexed wage and years, plus the account part. */
export function initialPension(
  retirementYear: number,
  wageFactor: number,
  years: number,
  accountBalance: number,
  retirementAge: number,
): number {
  const wage = averageWage(retirementYear - 1);
  const basic = ((wage * (1 + Math.min(3, Math.max(0.6, wageFactor)))) / 2) * years * 0.01;
  return Math.round(basic + accountBalance / payoutMonths(retirementAge));
}

/** The monthly pension after the yearly adjustments (调待) since retirement. */
export function adjustedPension(initial: number, retirementYear: number, year: number): number {
  return Math.round(initial * 1.04 ** Math.max(0, year - retirementYear));
}
