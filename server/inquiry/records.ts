/**
 * The session person's records: enrollments and balances (card only); contributions, pension
 * payments and medical transactions (second factor). Every query is bound to one person id taken
 * from the session, never from the request. Sums are computed in SQL as bigint and stay integer fen.
 */
import { and, asc, count, desc, eq, like, sql } from 'drizzle-orm';
import { insuranceTypes, type InsuranceType } from '../../contracts/domain';
import type {
  AccountsResponse,
  ContributionMonthsResponse,
  ContributionYear,
  ContributionYearsResponse,
  EnrollmentsResponse,
  MedicalTransactionsResponse,
  PensionPaymentsResponse,
} from '../../contracts/inquiry';
import { contributionYears } from '../../contracts/period';
import {
  contributions,
  employers,
  enrollments,
  medicalAccountTransactions,
  medicalAccounts,
  pensionAccounts,
  pensionPayments,
  persons,
} from '../db/schema';
import type { Db } from '../db/types';
import { pensionInsuranceTypes } from '../sessions/summary';
import { type PageRequest, pageInfo } from './paging';

/** A bigint sum as a JS number (fen totals of one person stay far below 2^53). */
const sumOf = (expr: ReturnType<typeof sql>) => sql<number>`coalesce(sum(${expr}), 0)::bigint`.mapWith(Number);
const countWhere = (cond: ReturnType<typeof sql>) => sql<number>`count(*) filter (where ${cond})`.mapWith(Number);

/** Every insurance type: the person's enrollments, and the types they are not enrolled in. */
export async function listEnrollments(db: Db, personId: number): Promise<EnrollmentsResponse> {
  const [enrolled, months] = await Promise.all([
    db
      .select({
        insuranceType: enrollments.insuranceType,
        status: enrollments.status,
        startDate: enrollments.startDate,
        endDate: enrollments.endDate,
        region: enrollments.region,
        employerName: employers.name,
      })
      .from(enrollments)
      .leftJoin(employers, eq(employers.id, enrollments.employerId))
      .where(eq(enrollments.personId, personId))
      .orderBy(enrollments.startDate, enrollments.insuranceType),
    db
      .select({
        insuranceType: contributions.insuranceType,
        paid: countWhere(sql`${contributions.paid}`),
        arrears: countWhere(sql`not ${contributions.paid}`),
      })
      .from(contributions)
      .where(eq(contributions.personId, personId))
      .groupBy(contributions.insuranceType),
  ]);
  const byType = new Map(months.map((m) => [m.insuranceType, m]));
  const types = new Set(enrolled.map((e) => e.insuranceType));
  return {
    enrollments: enrolled.map((e) => ({
      ...e,
      paidMonths: byType.get(e.insuranceType)?.paid ?? 0,
      arrearsMonths: byType.get(e.insuranceType)?.arrears ?? 0,
    })),
    notEnrolled: insuranceTypes.filter((t) => !types.has(t)),
  };
}

const pensionTypes = sql.join(
  pensionInsuranceTypes.map((t) => sql`${t}`),
  sql`, `,
);

/** Balances, contribution years and arrears months, in one round trip. */
export async function accounts(db: Db, personId: number): Promise<AccountsResponse> {
  const [row] = await db
    .select({
      isRetiree: persons.isRetiree,
      pensionBalance: pensionAccounts.balance,
      pensionAsOf: pensionAccounts.asOfPeriod,
      medicalBalance: medicalAccounts.balance,
      medicalAsOf: medicalAccounts.asOf,
      pensionPaidMonths: sql<number>`(select count(distinct c.period) from ${contributions} c
        where c.person_id = ${persons.id} and c.paid and c.insurance_type in (${pensionTypes}))`.mapWith(Number),
      arrearsMonths: sql<number>`(select count(distinct c.period) from ${contributions} c
        where c.person_id = ${persons.id} and not c.paid)`.mapWith(Number),
    })
    .from(persons)
    .leftJoin(pensionAccounts, eq(pensionAccounts.personId, persons.id))
    .leftJoin(medicalAccounts, eq(medicalAccounts.personId, persons.id))
    .where(eq(persons.id, personId));
  const r = row!;
  return {
    pensionAccount:
      r.pensionBalance !== null && r.pensionAsOf !== null ? { balance: r.pensionBalance, asOf: r.pensionAsOf } : null,
    medicalAccount:
      r.medicalBalance !== null && r.medicalAsOf !== null ? { balance: r.medicalBalance, asOf: r.medicalAsOf } : null,
    pensionPaidMonths: r.pensionPaidMonths,
    contributionYears: contributionYears(r.pensionPaidMonths),
    arrearsMonths: r.arrearsMonths,
    isRetiree: r.isRetiree,
  };
}

const yearExpr = sql<number>`substr(${contributions.period}, 1, 4)::int`.mapWith(Number);
const yearColumns = {
  year: yearExpr,
  paidMonths: countWhere(sql`${contributions.paid}`),
  arrearsMonths: countWhere(sql`not ${contributions.paid}`),
  employerAmount: sumOf(sql`${contributions.employerAmount}::bigint * ${contributions.paid}::int`),
  personalAmount: sumOf(sql`${contributions.personalAmount}::bigint * ${contributions.paid}::int`),
  arrearsAmount: sumOf(
    sql`(${contributions.employerAmount}::bigint + ${contributions.personalAmount}) * (not ${contributions.paid})::int`,
  ),
};

/** Yearly totals of one insurance type, newest year first. */
export async function contributionYearsOf(
  db: Db,
  personId: number,
  insuranceType: InsuranceType,
  page: PageRequest,
): Promise<ContributionYearsResponse> {
  const of = and(eq(contributions.personId, personId), eq(contributions.insuranceType, insuranceType));
  const [years, totals] = await Promise.all([
    db
      .select(yearColumns)
      .from(contributions)
      .where(of)
      .groupBy(yearExpr)
      .orderBy(desc(yearExpr))
      .limit(page.pageSize)
      .offset(page.offset),
    db
      .select({
        years: sql<number>`count(distinct substr(${contributions.period}, 1, 4))`.mapWith(Number),
        paidMonths: countWhere(sql`${contributions.paid}`),
        arrearsMonths: countWhere(sql`not ${contributions.paid}`),
      })
      .from(contributions)
      .where(of),
  ]);
  const t = totals[0] ?? { years: 0, paidMonths: 0, arrearsMonths: 0 };
  return {
    insuranceType,
    years,
    pageInfo: pageInfo(page, t.years),
    paidMonths: t.paidMonths,
    arrearsMonths: t.arrearsMonths,
    contributionYears: contributionYears(t.paidMonths),
  };
}

/** The months of one year of one insurance type, January first, with the whole year's totals. */
export async function contributionMonthsOf(
  db: Db,
  personId: number,
  insuranceType: InsuranceType,
  year: number,
  page: PageRequest,
): Promise<ContributionMonthsResponse> {
  const of = and(
    eq(contributions.personId, personId),
    eq(contributions.insuranceType, insuranceType),
    like(contributions.period, `${year}%`),
  );
  const [months, totals] = await Promise.all([
    db
      .select({
        period: contributions.period,
        base: contributions.base,
        employerAmount: contributions.employerAmount,
        personalAmount: contributions.personalAmount,
        paid: contributions.paid,
        employerName: employers.name,
      })
      .from(contributions)
      .leftJoin(employers, eq(employers.id, contributions.employerId))
      .where(of)
      .orderBy(asc(contributions.period))
      .limit(page.pageSize)
      .offset(page.offset),
    db
      .select({ ...yearColumns, total: count() })
      .from(contributions)
      .where(of)
      .groupBy(yearExpr),
  ]);
  const { total, ...yearTotals }: ContributionYear & { total: number } = totals[0] ?? {
    year,
    paidMonths: 0,
    arrearsMonths: 0,
    employerAmount: 0,
    personalAmount: 0,
    arrearsAmount: 0,
    total: 0,
  };
  return {
    insuranceType,
    year,
    months: months.map(({ paid, ...m }) => ({ ...m, arrears: !paid })),
    pageInfo: pageInfo(page, total),
    yearTotals,
  };
}

const paymentYear = sql<number>`substr(${pensionPayments.period}, 1, 4)::int`.mapWith(Number);

/** Monthly pension payments, newest first, with the totals of each year the page touches. */
export async function pensionPaymentsOf(
  db: Db,
  personId: number,
  year: number | undefined,
  page: PageRequest,
): Promise<PensionPaymentsResponse> {
  const of = and(
    eq(pensionPayments.personId, personId),
    year === undefined ? undefined : like(pensionPayments.period, `${year}%`),
  );
  const [person, payments, totals] = await Promise.all([
    db.select({ isRetiree: persons.isRetiree }).from(persons).where(eq(persons.id, personId)),
    db
      .select({ period: pensionPayments.period, amount: pensionPayments.amount, paidOn: pensionPayments.paidOn })
      .from(pensionPayments)
      .where(of)
      .orderBy(desc(pensionPayments.period))
      .limit(page.pageSize)
      .offset(page.offset),
    db
      .select({
        year: paymentYear,
        months: count().mapWith(Number),
        amount: sumOf(sql`${pensionPayments.amount}`),
      })
      .from(pensionPayments)
      .where(of)
      .groupBy(paymentYear)
      .orderBy(desc(paymentYear)),
  ]);
  const onPage = new Set(payments.map((p) => Number(p.period.slice(0, 4))));
  return {
    isRetiree: person[0]?.isRetiree ?? false,
    payments,
    pageInfo: pageInfo(
      page,
      totals.reduce((n, t) => n + t.months, 0),
    ),
    yearTotals: totals.filter((t) => onPage.has(t.year)),
  };
}

/** Medical account balance and its transactions, newest first. */
export async function medicalTransactionsOf(
  db: Db,
  personId: number,
  page: PageRequest,
): Promise<MedicalTransactionsResponse> {
  const of = eq(medicalAccountTransactions.personId, personId);
  const [account, transactions, total] = await Promise.all([
    db
      .select({ balance: medicalAccounts.balance, asOf: medicalAccounts.asOf })
      .from(medicalAccounts)
      .where(eq(medicalAccounts.personId, personId)),
    db
      .select({
        occurredAt: medicalAccountTransactions.occurredAt,
        kind: medicalAccountTransactions.kind,
        amount: medicalAccountTransactions.amount,
        balanceAfter: medicalAccountTransactions.balanceAfter,
        description: medicalAccountTransactions.description,
      })
      .from(medicalAccountTransactions)
      .where(of)
      .orderBy(desc(medicalAccountTransactions.occurredAt), desc(medicalAccountTransactions.id))
      .limit(page.pageSize)
      .offset(page.offset),
    db.select({ n: count() }).from(medicalAccountTransactions).where(of),
  ]);
  return {
    account: account[0] ?? null,
    transactions: transactions.map((t) => ({ ...t, occurredAt: t.occurredAt.toISOString() })),
    pageInfo: pageInfo(page, total[0]?.n ?? 0),
  };
}
