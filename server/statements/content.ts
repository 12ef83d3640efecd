/** The content of a statement, read from the database for one person: only that person's rows. */
import { and, asc, between, eq, inArray, lte, sql } from 'drizzle-orm';
import { type InsuranceType, insuranceTypes } from '../../contracts/domain';
import { KioskError } from '../../contracts/errors';
import { maskIdNumber } from '../../contracts/id-number';
import { periodRange } from '../../contracts/period';
import type { IssueStatementRequest, StatementMonthRow, StatementTypeTotal } from '../../contracts/statements';
import type { StatementDocument } from '../../documents/statement-pdf';
import { contributions, employers as employersTable, enrollments, pensionAccounts, persons } from '../db/schema';
import type { Db } from '../db/types';
import { accountCreditPerMille, accountInterestRate, yearInterest } from '../seed/economics';
import { pensionInsuranceTypes } from '../sessions/summary';

/** The month `now` falls in, in China time, as `YYYYMM`. */
export function currentPeriod(now: Date): string {
  const d = new Date(now.getTime() + 8 * 3600_000);
  return `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/**
 * The months printed end with the records: a year's statement of the current year stops at the
 * person's last record (the current month is not due yet, so it is no blank row), while a past
 * year keeps all twelve months so a gap shows; a certificate spans its first to its last record.
 */
export function trimToRecords(
  kind: IssueStatementRequest['kind'],
  span: { from: string; to: string },
  recorded: readonly string[],
  current: string,
): { from: string; to: string } {
  const sorted = [...recorded].sort();
  const first = sorted[0];
  const last = sorted.at(-1);
  if (!first || !last) return { from: span.from, to: span.to };
  if (kind === 'rightsStatement')
    return { from: span.from, to: span.to === current && last < span.to ? last : span.to };
  return { from: first > span.from ? first : span.from, to: last < span.to ? last : span.to };
}

/** The months and types a request covers; a span reaching into the future is refused. */
export function coverageOf(
  request: IssueStatementRequest,
  now: Date,
): { from: string; to: string; types: InsuranceType[] | 'enrolled' } {
  const current = currentPeriod(now);
  if (request.kind === 'rightsStatement') {
    const from = `${request.year}01`;
    if (from > current) throw new KioskError('invalidRequest', 'the year has not begun');
    const end = `${request.year}12`;
    return { from, to: end < current ? end : current, types: 'enrolled' };
  }
  if (request.to > current) throw new KioskError('invalidRequest', 'the span reaches past this month');
  const wanted = new Set(request.insuranceTypes);
  return { from: request.from, to: request.to, types: insuranceTypes.filter((t) => wanted.has(t)) };
}

export interface ContentContext {
  statementId: string;
  verificationCode: string;
  issuedAt: Date;
  hallName: string;
}

/** Everything the statement says, for the session's person. */
export async function buildStatementContent(
  db: Db,
  personId: number,
  request: IssueStatementRequest,
  ctx: ContentContext,
): Promise<StatementDocument> {
  const span = coverageOf(request, ctx.issuedAt);
  const current = currentPeriod(ctx.issuedAt);
  const [person] = await db
    .select({ name: persons.name, idNumber: persons.idNumber })
    .from(persons)
    .where(eq(persons.id, personId));
  if (!person) throw new KioskError('personNotFound', 'the session person no longer exists');

  const enrolled = await db
    .select({ insuranceType: enrollments.insuranceType, status: enrollments.status, startDate: enrollments.startDate })
    .from(enrollments)
    .where(eq(enrollments.personId, personId))
    .orderBy(asc(enrollments.startDate));
  const months = await db
    .select({
      insuranceType: contributions.insuranceType,
      period: contributions.period,
      base: contributions.base,
      employerAmount: contributions.employerAmount,
      personalAmount: contributions.personalAmount,
      paid: contributions.paid,
    })
    .from(contributions)
    .where(
      and(
        eq(contributions.personId, personId),
        between(contributions.period, span.from, span.to),
        ...(span.types === 'enrolled' ? [] : [inArray(contributions.insuranceType, span.types)]),
      ),
    );

  const trimmed = trimToRecords(
    request.kind,
    span,
    months.map((m) => m.period),
    current,
  );
  span.from = trimmed.from;
  span.to = trimmed.to;

  let types: InsuranceType[];
  if (span.types === 'enrolled') {
    const present = new Set<InsuranceType>(months.map((m) => m.insuranceType));
    types = insuranceTypes.filter((t) => present.has(t));
  } else types = span.types;

  const byKey = new Map(months.map((m) => [`${m.period}:${m.insuranceType}`, m]));
  // No insurance type at all (nothing paid that year): the table says so instead of empty months.
  const periods = types.length === 0 ? [] : periodRange(span.from, span.to);
  const rows: StatementMonthRow[] = periods.map((period) => {
    const cells = types.map((insuranceType) => {
      const m = byKey.get(`${period}:${insuranceType}`);
      return {
        insuranceType,
        state: m ? (m.paid ? ('paid' as const) : ('arrears' as const)) : ('none' as const),
        employerAmount: m?.employerAmount ?? 0,
        personalAmount: m?.personalAmount ?? 0,
      };
    });
    // The base shown is the first listed type's (pension first): employee types share one base.
    const withBase = types.map((t) => byKey.get(`${period}:${t}`)).find((m) => m && m.base > 0);
    return { period, base: withBase ? withBase.base : null, cells };
  });
  // A certificate lists the months with a record (a retiree's 10 years would otherwise be pages of dashes);
  // a year's rights statement keeps all its months so a gap shows.
  if (request.kind === 'insuranceCertificate') {
    const withRecord = rows.filter((r) => r.cells.some((c) => c.state !== 'none'));
    rows.splice(0, rows.length, ...withRecord);
  }
  const latestEnrollment = new Map(enrolled.map((e) => [e.insuranceType, e]));
  const totals: StatementTypeTotal[] = types.map((insuranceType) => {
    const cells = rows.map((r) => r.cells.find((c) => c.insuranceType === insuranceType)!);
    const paid = cells.filter((c) => c.state === 'paid');
    const e = latestEnrollment.get(insuranceType);
    return {
      insuranceType,
      status: e?.status ?? null,
      startDate: e?.startDate ?? null,
      paidMonths: paid.length,
      arrearsMonths: cells.filter((c) => c.state === 'arrears').length,
      employerTotal: paid.reduce((s, c) => s + c.employerAmount, 0),
      personalTotal: paid.reduce((s, c) => s + c.personalAmount, 0),
    };
  });

  const [pensionMonths] = await db
    .select({ months: sql<number>`count(distinct ${contributions.period})::int` })
    .from(contributions)
    .where(
      and(
        eq(contributions.personId, personId),
        eq(contributions.paid, true),
        inArray(contributions.insuranceType, [...pensionInsuranceTypes]),
        // Totals as of the statement's last month: a 2022 statement does not count months paid in 2024.
        lte(contributions.period, span.to),
      ),
    );
  let pensionAccount: StatementDocument['pensionAccount'] = null;
  if (request.kind === 'rightsStatement') {
    const [account] = await db
      .select({ balance: pensionAccounts.balance, asOfPeriod: pensionAccounts.asOfPeriod })
      .from(pensionAccounts)
      .where(eq(pensionAccounts.personId, personId));
    const yearEnd = `${request.year}12`;
    // A past year's statement gives the account as it stood at that year's end, not today's balance.
    if (account && account.asOfPeriod > yearEnd) {
      pensionAccount = { balance: await pensionAccountAtYearEnd(db, personId, request.year), asOfPeriod: yearEnd };
    } else if (account) pensionAccount = { balance: Number(account.balance), asOfPeriod: account.asOfPeriod };
  }
  const employers = await employersOf(db, personId, span.from, span.to);

  return {
    version: 1,
    statementId: ctx.statementId,
    kind: request.kind,
    verificationCode: ctx.verificationCode,
    issuer: issuerOf(ctx.hallName),
    hallName: ctx.hallName,
    issuedAt: ctx.issuedAt.toISOString(),
    person: { name: person.name, maskedIdNumber: maskIdNumber(person.idNumber) },
    coverage: { from: span.from, to: span.to, insuranceTypes: types },
    rows,
    totals,
    pensionAccount,
    pensionPaidMonthsTotal: Number(pensionMonths?.months ?? 0),
    employers,
  };
}

/**
 * The pension individual account at the end of `year` (after that year's 结息), from the paid months
 * up to then, by the rules the account is kept by (server/seed/economics.ts): each paid month credits
 * 11 % (before 2006) or 8 % of the base, resident pension its personal contribution, and every
 * finished year earns its 记账利率 on the balance brought forward and half a year on its own credits.
 */
export async function pensionAccountAtYearEnd(db: Db, personId: number, year: number): Promise<number> {
  const paid = await db
    .select({
      insuranceType: contributions.insuranceType,
      period: contributions.period,
      base: contributions.base,
      personalAmount: contributions.personalAmount,
    })
    .from(contributions)
    .where(
      and(
        eq(contributions.personId, personId),
        eq(contributions.paid, true),
        inArray(contributions.insuranceType, [...pensionInsuranceTypes]),
        lte(contributions.period, `${year}12`),
      ),
    );
  const credits = new Map<number, number>();
  for (const row of paid) {
    const y = Number(row.period.slice(0, 4));
    const credit =
      row.insuranceType === 'residentPension'
        ? row.personalAmount
        : Math.round((row.base * accountCreditPerMille(row.period)) / 1000);
    credits.set(y, (credits.get(y) ?? 0) + credit);
  }
  if (credits.size === 0) return 0;
  let balance = 0;
  for (let y = Math.min(...credits.keys()); y <= year; y++) {
    const credited = credits.get(y) ?? 0;
    balance += credited + yearInterest(balance, credited, accountInterestRate(y));
  }
  return balance;
}

/** The employers that paid for the person in the months `from`..`to`, each with its first and last month. */
export async function employersOf(
  db: Db,
  personId: number,
  from: string,
  to: string,
): Promise<Array<{ name: string; from: string; to: string }>> {
  const rows = await db
    .selectDistinct({ period: contributions.period, name: employersTable.name })
    .from(contributions)
    .innerJoin(employersTable, eq(employersTable.id, contributions.employerId))
    .where(and(eq(contributions.personId, personId), between(contributions.period, from, to)))
    .orderBy(asc(contributions.period), asc(employersTable.name));
  const runs: Array<{ name: string; from: string; to: string }> = [];
  for (const row of rows) {
    const last = runs.at(-1);
    if (last && last.name === row.name) last.to = row.period;
    else if (!runs.some((r) => r.name === row.name && r.to === row.period)) {
      runs.push({ name: row.name, from: row.period, to: row.period });
    }
  }
  return runs;
}

/** The bureau that issues: the hall's name up to its first space (`广州市天河区人力资源和社会保障局 天河区人社服务大厅`). */
export function issuerOf(hallName: string): string {
  const first = hallName.trim().split(/\s+/)[0] ?? hallName;
  return first.endsWith('局') ? first : hallName;
}
