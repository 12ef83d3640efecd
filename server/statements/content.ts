/** The content of a statement, read from the database for one person: only that person's rows. */
import { and, asc, between, eq, inArray, lte, sql } from 'drizzle-orm';
import { type InsuranceType, insuranceTypes } from '../../contracts/domain';
import { KioskError } from '../../contracts/errors';
import { maskIdNumber } from '../../contracts/id-number';
import { periodRange } from '../../contracts/period';
import type { IssueStatementRequest, StatementMonthRow, StatementTypeTotal } from '../../contracts/statements';
import type { StatementDocument } from '../../documents/statement-pdf';
import { contributions, enrollments, pensionAccounts, persons } from '../db/schema';
import type { Db } from '../db/types';
import { pensionInsuranceTypes } from '../sessions/summary';

/** The month `now` falls in, in China time, as `YYYYMM`. */
export function currentPeriod(now: Date): string {
  const d = new Date(now.getTime() + 8 * 3600_000);
  return `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
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
    if (account) pensionAccount = { balance: Number(account.balance), asOfPeriod: account.asOfPeriod };
  }

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
  };
}

/** The bureau that issues: the hall's name up to its first space (`广州市天河区人力资源和社会保障局 天河区人社服务大厅`). */
export function issuerOf(hallName: string): string {
  const first = hallName.trim().split(/\s+/)[0] ?? hallName;
  return first.endsWith('局') ? first : hallName;
}
