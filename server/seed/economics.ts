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

/**
 * 个人账户记账利率, the yearly interest rate credited to pension individual accounts, in basis
 * points (1/100 %). Sources, as a clerk would check them:
 * - 2016-2024: the unified rate of 企业职工 and 城乡居民 individual accounts, announced each year by
 *   人力资源社会保障部办公厅 and 财政部办公厅 (关于公布20xx年职工基本养老保险个人账户记账利率等参数的通知):
 *   2016 8.31 %, 2017 7.12 %, 2018 8.29 %, 2019 7.61 %, 2020 6.04 %, 2021 6.69 %, 2022 6.12 %,
 *   2023 3.97 %, 2024 2.62 %. (Before 2016 there was no national rate; see below.)
 * - 2000-2015: provinces credited at the banks' one-year time-deposit rate (国发〔1997〕26号 and
 *   劳办发〔1997〕116号 leave the rate to the province, "参考银行同期存款利率"); we take the People's Bank
 *   of China benchmark one-year deposit rate in force on 31 December of the year.
 */
export const accountInterestRates: Readonly<Record<number, number>> = {
  2000: 225,
  2001: 225,
  2002: 198,
  2003: 198,
  2004: 225,
  2005: 225,
  2006: 252,
  2007: 414,
  2008: 225,
  2009: 225,
  2010: 275,
  2011: 350,
  2012: 300,
  2013: 300,
  2014: 275,
  2015: 150,
  2016: 831,
  2017: 712,
  2018: 829,
  2019: 761,
  2020: 604,
  2021: 669,
  2022: 612,
  2023: 397,
  2024: 262,
};

const lastRatedYear = Math.max(...Object.keys(accountInterestRates).map(Number));

/**
 * The year's rate in basis points. A finished year whose rate is not yet published here (the
 * ministries announce it in the middle of the following year) is credited provisionally at the last
 * published rate, as provinces do before the announcement (预记).
 */
export function accountInterestRate(year: number): number {
  const known = accountInterestRates[Math.min(year, lastRatedYear)];
  if (known === undefined) throw new RangeError(`no account interest rate for ${year}`);
  return known;
}

/**
 * What one month of employee pension contributions credits to the individual account, per mille of
 * the base: 11 % until 2005 (8 % personal plus 3 % moved over from the employer's share, 国发〔1997〕26号),
 * 8 % from January 2006, the personal contribution only (国发〔2005〕38号).
 */
export function accountCreditPerMille(period: string): number {
  return period < '200601' ? 110 : 80;
}

/**
 * A year's interest in fen (劳办发〔1997〕116号《职工基本养老保险个人账户管理暂行办法》): the balance
 * brought forward earns the whole year's rate, and the year's own credits earn it over half a year on
 * average, with the 1.083 factor of the monthly-compounding convention:
 * 当年利息 = 上年末累计储存额 × 记账利率 + 当年记账额 × 记账利率 × 1.083 × 1/2.
 */
export function yearInterest(broughtForward: number, creditedThisYear: number, rateBp: number): number {
  return Math.round((broughtForward * rateBp) / 10_000 + (creditedThisYear * rateBp * 1.083) / 2 / 10_000);
}
