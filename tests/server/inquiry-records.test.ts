// Inquiry figures against the seeded rows: each answer is recomputed here in plain code from the
// person's own rows (select * ... where person_id), so a wrong SQL sum, a lost month or another
// person's row would show. Money stays integer fen.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insuranceTypes } from '../../contracts/domain';
import {
  AccountsResponse,
  ContributionMonthsResponse,
  ContributionYearsResponse,
  EnrollmentsResponse,
  MAX_PAGE_SIZE,
  MedicalTransactionsResponse,
  PensionPaymentsResponse,
} from '../../contracts/inquiry';
import {
  contributions,
  enrollments,
  medicalAccountTransactions,
  medicalAccounts,
  pensionAccounts,
  pensionPayments,
  persons,
} from '../../server/db/schema';
import { demoPeople } from '../../server/seed/demo-people';
import { backends } from './support/backends';
import { get, openFor, verifiedSession } from './support/citizen';
import { type TestHall, openTestHall } from './support/hall';

const [wang, li, zhang, chen, liu, zhao, ma] = demoPeople as [
  (typeof demoPeople)[number],
  ...(typeof demoPeople)[number][],
];

describe.each(backends)('inquiry records on $name', (backend) => {
  let hall: TestHall;
  beforeAll(async () => {
    hall = await openTestHall(backend);
  });
  afterAll(async () => {
    await hall?.close();
  });

  const personId = async (idNumber: string) =>
    (await hall.database.db.select({ id: persons.id }).from(persons).where(eq(persons.idNumber, idNumber)))[0]!.id;

  it.each([wang, li, zhang, chen, liu, zhao, ma].map((p) => [p!.name, p!] as const))(
    'lists every insurance type for %s: enrollments as in the DB, the rest as not enrolled',
    async (_name, person) => {
      const sessionId = await openFor(hall, person, 'idCard');
      const res = await get(hall, `/api/v1/sessions/${sessionId}/enrollments`);
      expect(res.status).toBe(200);
      const body = EnrollmentsResponse.parse(res.body);
      const id = await personId(person.idNumber);
      const rows = await hall.database.db.select().from(enrollments).where(eq(enrollments.personId, id));
      expect(body.enrollments).toHaveLength(rows.length);
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        expect(body.enrollments).toContainEqual(
          expect.objectContaining({
            insuranceType: row.insuranceType,
            status: row.status,
            startDate: row.startDate,
            endDate: row.endDate,
            region: row.region,
          }),
        );
      }
      const shown = new Set([...body.enrollments.map((e) => e.insuranceType), ...body.notEnrolled]);
      expect([...shown].sort()).toEqual([...insuranceTypes].sort());
      const contrib = await hall.database.db.select().from(contributions).where(eq(contributions.personId, id));
      for (const e of body.enrollments) {
        const of = contrib.filter((c) => c.insuranceType === e.insuranceType);
        expect(e.paidMonths).toBe(of.filter((c) => c.paid).length);
        expect(e.arrearsMonths).toBe(of.filter((c) => !c.paid).length);
      }
    },
  );

  it('shows balances and contribution years of 王建国 as the account rows and paid months say', async () => {
    const sessionId = await openFor(hall, wang, 'idCard');
    const body = AccountsResponse.parse((await get(hall, `/api/v1/sessions/${sessionId}/accounts`)).body);
    const id = await personId(wang.idNumber);
    const [pension] = await hall.database.db.select().from(pensionAccounts).where(eq(pensionAccounts.personId, id));
    const [medical] = await hall.database.db.select().from(medicalAccounts).where(eq(medicalAccounts.personId, id));
    expect(body.pensionAccount).toEqual({ balance: pension!.balance, asOf: pension!.asOfPeriod });
    expect(body.medicalAccount).toEqual({ balance: medical!.balance, asOf: medical!.asOf });
    const rows = await hall.database.db.select().from(contributions).where(eq(contributions.personId, id));
    const paidPensionMonths = new Set(
      rows.filter((r) => r.paid && r.insuranceType.endsWith('Pension')).map((r) => r.period),
    );
    expect(body.pensionPaidMonths).toBe(paidPensionMonths.size);
    expect(body.contributionYears).toEqual({
      years: Math.floor(paidPensionMonths.size / 12),
      months: paidPensionMonths.size % 12,
    });
    expect(body.contributionYears.years).toBeGreaterThanOrEqual(20);
    expect(body.arrearsMonths).toBe(0);
    expect(body.isRetiree).toBe(false);
    expect(Number.isInteger(body.pensionAccount!.balance)).toBe(true);
  });

  it('shows each demo person the balances of their own account rows, or none when they have none', async () => {
    for (const person of demoPeople) {
      const sessionId = await openFor(hall, person, 'idCard');
      const body = AccountsResponse.parse((await get(hall, `/api/v1/sessions/${sessionId}/accounts`)).body);
      const id = await personId(person.idNumber);
      const [pension] = await hall.database.db.select().from(pensionAccounts).where(eq(pensionAccounts.personId, id));
      const [medical] = await hall.database.db.select().from(medicalAccounts).where(eq(medicalAccounts.personId, id));
      const [who] = await hall.database.db.select().from(persons).where(eq(persons.id, id));
      expect(body.pensionAccount, person.name).toEqual(
        pension ? { balance: pension.balance, asOf: pension.asOfPeriod } : null,
      );
      expect(body.medicalAccount, person.name).toEqual(
        medical ? { balance: medical.balance, asOf: medical.asOf } : null,
      );
      expect(body.isRetiree).toBe(who!.isRetiree);
    }
  });

  it('flags the arrears of 马海燕 (three months) and 陈晓雨 (last year, resident insurance is yearly) in their accounts', async () => {
    for (const [person, months] of [
      [ma!, 3],
      [chen!, 12],
    ] as const) {
      const sessionId = await openFor(hall, person, 'idCard');
      const body = AccountsResponse.parse((await get(hall, `/api/v1/sessions/${sessionId}/accounts`)).body);
      const id = await personId(person.idNumber);
      const rows = await hall.database.db
        .select()
        .from(contributions)
        .where(and(eq(contributions.personId, id), eq(contributions.paid, false)));
      expect(body.arrearsMonths).toBe(new Set(rows.map((r) => r.period)).size);
      expect(body.arrearsMonths).toBeGreaterThanOrEqual(months - 1);
      expect(body.arrearsMonths).toBeLessThanOrEqual(months + 1);
    }
  });

  it('totals every year of 王建国 employee pension from the month rows, newest first, paged', async () => {
    const sessionId = await verifiedSession(hall, wang);
    const id = await personId(wang.idNumber);
    const rows = await hall.database.db
      .select()
      .from(contributions)
      .where(and(eq(contributions.personId, id), eq(contributions.insuranceType, 'employeePension')));
    const byYear = new Map<number, typeof rows>();
    for (const r of rows)
      byYear.set(Number(r.period.slice(0, 4)), [...(byYear.get(Number(r.period.slice(0, 4))) ?? []), r]);
    const years = [...byYear.keys()].sort((a, b) => b - a);
    const seen: number[] = [];
    let page = 1;
    let pageCount = 1;
    do {
      const res = await get(
        hall,
        `/api/v1/sessions/${sessionId}/contributions/years?insuranceType=employeePension&page=${page}&pageSize=5`,
      );
      expect(res.status, res.raw).toBe(200);
      const body = ContributionYearsResponse.parse(res.body);
      expect(body.years.length).toBeLessThanOrEqual(5);
      expect(body.pageInfo.total).toBe(years.length);
      pageCount = body.pageInfo.pageCount;
      expect(pageCount).toBe(Math.ceil(years.length / 5));
      expect(body.paidMonths).toBe(rows.filter((r) => r.paid).length);
      expect(body.arrearsMonths).toBe(0);
      for (const y of body.years) {
        const of = byYear.get(y.year)!;
        const paid = of.filter((r) => r.paid);
        expect(y).toEqual({
          year: y.year,
          paidMonths: paid.length,
          arrearsMonths: of.length - paid.length,
          employerAmount: paid.reduce((n, r) => n + r.employerAmount, 0),
          personalAmount: paid.reduce((n, r) => n + r.personalAmount, 0),
          arrearsAmount: of.filter((r) => !r.paid).reduce((n, r) => n + r.employerAmount + r.personalAmount, 0),
        });
        seen.push(y.year);
      }
      page++;
    } while (page <= pageCount);
    expect(seen).toEqual(years);
  });

  it('lists the months of one year with base, employer and personal amounts, and the year totals', async () => {
    const sessionId = await verifiedSession(hall, wang);
    const id = await personId(wang.idNumber);
    const rows = (
      await hall.database.db
        .select()
        .from(contributions)
        .where(and(eq(contributions.personId, id), eq(contributions.insuranceType, 'employeePension')))
    )
      .filter((r) => r.period.startsWith('2015'))
      .sort((a, b) => a.period.localeCompare(b.period));
    expect(rows).toHaveLength(12);
    const first = ContributionMonthsResponse.parse(
      (
        await get(
          hall,
          `/api/v1/sessions/${sessionId}/contributions/months?insuranceType=employeePension&year=2015&pageSize=6`,
        )
      ).body,
    );
    const second = ContributionMonthsResponse.parse(
      (
        await get(
          hall,
          `/api/v1/sessions/${sessionId}/contributions/months?insuranceType=employeePension&year=2015&pageSize=6&page=2`,
        )
      ).body,
    );
    expect(first.pageInfo).toEqual({ page: 1, pageSize: 6, total: 12, pageCount: 2 });
    const months = [...first.months, ...second.months];
    expect(months.map((m) => m.period)).toEqual(rows.map((r) => r.period));
    months.forEach((m, i) => {
      const r = rows[i]!;
      expect(m).toMatchObject({
        base: r.base,
        employerAmount: r.employerAmount,
        personalAmount: r.personalAmount,
        arrears: !r.paid,
      });
      expect(m.employerName).toEqual(expect.any(String));
    });
    expect(first.yearTotals).toEqual(second.yearTotals);
    expect(first.yearTotals.personalAmount).toBe(rows.reduce((n, r) => n + r.personalAmount, 0));
  });

  it('marks the unpaid months of 马海燕 as arrears with what is owed', async () => {
    const sessionId = await verifiedSession(hall, ma!);
    const id = await personId(ma!.idNumber);
    const unpaid = await hall.database.db
      .select()
      .from(contributions)
      .where(
        and(
          eq(contributions.personId, id),
          eq(contributions.insuranceType, 'employeePension'),
          eq(contributions.paid, false),
        ),
      );
    expect(unpaid.length).toBeGreaterThan(0);
    const year = Number(unpaid[0]!.period.slice(0, 4));
    const body = ContributionMonthsResponse.parse(
      (
        await get(
          hall,
          `/api/v1/sessions/${sessionId}/contributions/months?insuranceType=employeePension&year=${year}&pageSize=12`,
        )
      ).body,
    );
    const flagged = body.months.filter((m) => m.arrears).map((m) => m.period);
    expect(flagged.sort()).toEqual(
      unpaid
        .filter((r) => r.period.startsWith(String(year)))
        .map((r) => r.period)
        .sort(),
    );
    expect(body.yearTotals.arrearsAmount).toBe(
      unpaid
        .filter((r) => r.period.startsWith(String(year)))
        .reduce((n, r) => n + r.employerAmount + r.personalAmount, 0),
    );
  });

  it('answers an empty year or an insurance type not held with zeros, not an error', async () => {
    const sessionId = await verifiedSession(hall, wang);
    const empty = ContributionMonthsResponse.parse(
      (await get(hall, `/api/v1/sessions/${sessionId}/contributions/months?insuranceType=employeePension&year=1990`))
        .body,
    );
    expect(empty.months).toEqual([]);
    expect(empty.pageInfo.total).toBe(0);
    expect(empty.yearTotals).toMatchObject({ paidMonths: 0, employerAmount: 0, personalAmount: 0 });
    const notHeld = ContributionYearsResponse.parse(
      (await get(hall, `/api/v1/sessions/${sessionId}/contributions/years?insuranceType=residentPension`)).body,
    );
    expect(notHeld).toMatchObject({ years: [], paidMonths: 0, pageInfo: { total: 0, pageCount: 0 } });
  });

  it('lists the pension payments of 李秀英 newest first, with each year on the page totalled', async () => {
    const sessionId = await verifiedSession(hall, li!);
    const id = await personId(li!.idNumber);
    const rows = (await hall.database.db.select().from(pensionPayments).where(eq(pensionPayments.personId, id))).sort(
      (a, b) => b.period.localeCompare(a.period),
    );
    const body = PensionPaymentsResponse.parse(
      (await get(hall, `/api/v1/sessions/${sessionId}/pension-payments?pageSize=${MAX_PAGE_SIZE}&page=2`)).body,
    );
    expect(body.isRetiree).toBe(true);
    expect(body.pageInfo.total).toBe(rows.length);
    expect(body.payments).toEqual(
      rows
        .slice(MAX_PAGE_SIZE, 2 * MAX_PAGE_SIZE)
        .map((r) => ({ period: r.period, amount: r.amount, paidOn: r.paidOn })),
    );
    for (const t of body.yearTotals) {
      const of = rows.filter((r) => r.period.startsWith(String(t.year)));
      expect(t).toEqual({ year: t.year, months: of.length, amount: of.reduce((n, r) => n + r.amount, 0) });
    }
    const pageYears = new Set(body.payments.map((p) => Number(p.period.slice(0, 4))));
    expect(body.yearTotals.map((t) => t.year).sort()).toEqual([...pageYears].sort());

    const year = Number(rows[0]!.period.slice(0, 4)) - 1;
    const oneYear = PensionPaymentsResponse.parse(
      (await get(hall, `/api/v1/sessions/${sessionId}/pension-payments?year=${year}&pageSize=12`)).body,
    );
    expect(oneYear.payments).toHaveLength(12);
    expect(oneYear.yearTotals).toEqual([
      {
        year,
        months: 12,
        amount: rows.filter((r) => r.period.startsWith(String(year))).reduce((n, r) => n + r.amount, 0),
      },
    ]);
  });

  it('answers an empty list for someone who receives no pension (王建国)', async () => {
    const sessionId = await verifiedSession(hall, wang);
    const body = PensionPaymentsResponse.parse(
      (await get(hall, `/api/v1/sessions/${sessionId}/pension-payments`)).body,
    );
    expect(body).toMatchObject({ isRetiree: false, payments: [], pageInfo: { total: 0 } });
  });

  it('shows the medical account balance and the newest transactions of 王建国, as in the DB', async () => {
    const sessionId = await verifiedSession(hall, wang);
    const id = await personId(wang.idNumber);
    const rows = (
      await hall.database.db
        .select()
        .from(medicalAccountTransactions)
        .where(eq(medicalAccountTransactions.personId, id))
    ).sort((a, b) => b.occurredAt.getTime() - a.occurredAt.getTime() || b.id - a.id);
    expect(rows.length).toBeGreaterThan(4);
    const [account] = await hall.database.db.select().from(medicalAccounts).where(eq(medicalAccounts.personId, id));
    const body = MedicalTransactionsResponse.parse(
      (await get(hall, `/api/v1/sessions/${sessionId}/medical-transactions?pageSize=4`)).body,
    );
    expect(body.account).toEqual({ balance: account!.balance, asOf: account!.asOf });
    expect(body.pageInfo).toEqual({ page: 1, pageSize: 4, total: rows.length, pageCount: Math.ceil(rows.length / 4) });
    expect(body.transactions).toEqual(
      rows.slice(0, 4).map((r) => ({
        occurredAt: r.occurredAt.toISOString(),
        kind: r.kind,
        amount: r.amount,
        balanceAfter: r.balanceAfter,
        description: r.description,
      })),
    );
    expect(body.transactions[0]!.balanceAfter).toBe(account!.balance);
  });

  it("never answers with another person's records: each session sees only its own person", async () => {
    const wangSession = await verifiedSession(hall, wang);
    const liSession = await verifiedSession(hall, li!);
    const wangTx = MedicalTransactionsResponse.parse(
      (await get(hall, `/api/v1/sessions/${wangSession}/medical-transactions`)).body,
    );
    const liTx = MedicalTransactionsResponse.parse(
      (await get(hall, `/api/v1/sessions/${liSession}/medical-transactions`)).body,
    );
    expect(wangTx.account!.balance).not.toBe(liTx.account?.balance);
    const liPayments = PensionPaymentsResponse.parse(
      (await get(hall, `/api/v1/sessions/${wangSession}/pension-payments`)).body,
    );
    expect(liPayments.payments).toEqual([]);
  });
});
