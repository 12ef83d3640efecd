// 失业保险金 (unemployment benefit): the rules on fixed dates, then 刘志强's answer against his own
// rows on both backends: months by 《失业保险条例》第十七条, Guangzhou's 90 % of the minimum wage,
// paid on the 15th, behind the second factor.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnemploymentBenefitResponse } from '../../contracts/inquiry';
import { addMonths } from '../../contracts/period';
import { contributions, persons } from '../../server/db/schema';
import { benefitPlan, benefitStandard, entitledMonthsFor } from '../../server/inquiry/unemployment-benefit';
import { demoPeople } from '../../server/seed/demo-people';
import { backends } from './support/backends';
import { get, openFor, verifiedSession } from './support/citizen';
import { type TestHall, openTestHall } from './support/hall';

const byName = (name: string) => demoPeople.find((p) => p.name === name)!;

describe('unemployment benefit rules', () => {
  it('gives 12, 18 or 24 months by contribution years, none under one year', () => {
    expect([11, 12, 59, 60, 119, 120, 300].map(entitledMonthsFor)).toEqual([0, 12, 12, 18, 18, 24, 24]);
  });

  it('pays 90 % of the Guangzhou minimum wage in force that month, and nothing it cannot know elsewhere', () => {
    expect(benefitStandard('广州市天河区', '202502')).toBe(207_000); // 2 300 yuan × 90 %
    expect(benefitStandard('广州市天河区', '202503')).toBe(225_000); // 2 500 yuan × 90 %
    expect(benefitStandard('北京市朝阳区', '202503')).toBeNull();
  });

  it('counts the months paid by the 15th, the remaining ones, and the amount of each month', () => {
    const plan = benefitPlan({
      region: '广州市荔湾区',
      contributionMonths: 70,
      lastContribution: '202412',
      today: '2025-04-14',
    });
    expect(plan).toMatchObject({
      receiving: true,
      paidHere: true,
      payingRegion: '广州市',
      entitledMonths: 18,
      fromPeriod: '202501',
      toPeriod: '202606',
      paidMonths: 3, // January, February, March; April's is paid tomorrow
      remainingMonths: 15,
      monthlyAmount: 225_000,
      totalPaid: 207_000 * 2 + 225_000,
    });
    expect(plan.payments.map((p) => [p.period, p.amount, p.paidOn])).toEqual([
      ['202503', 225_000, '2025-03-15'],
      ['202502', 207_000, '2025-02-15'],
      ['202501', 207_000, '2025-01-15'],
    ]);
    // Long after the last month: every month paid, none left, never more than the entitlement.
    const done = benefitPlan({
      region: '广州市荔湾区',
      contributionMonths: 70,
      lastContribution: '202412',
      today: '2027-01-20',
    });
    expect([done.paidMonths, done.remainingMonths, done.payments.length]).toEqual([18, 0, 18]);
  });

  it('sends a person insured in another city to that city, with no amounts', () => {
    const plan = benefitPlan({
      region: '北京市朝阳区',
      contributionMonths: 200,
      lastContribution: '202412',
      today: '2025-04-20',
    });
    expect(plan).toMatchObject({
      receiving: true,
      paidHere: false,
      payingRegion: '北京市',
      payments: [],
      monthlyAmount: null,
    });
  });
});

describe.each(backends)('unemployment benefit route on $name', (backend) => {
  let hall: TestHall;
  beforeAll(async () => {
    hall = await openTestHall(backend);
  });
  afterAll(async () => {
    await hall?.close();
  });

  it('tells 刘志强 his months, monthly amount and months left, as his contribution rows say', async () => {
    const liu = byName('刘志强');
    const sessionId = await verifiedSession(hall, liu);
    const res = await get(hall, `/api/v1/sessions/${sessionId}/unemployment-benefit`);
    expect(res.status).toBe(200);
    const body = UnemploymentBenefitResponse.parse(res.body);

    const [{ id }] = (await hall.database.db
      .select({ id: persons.id })
      .from(persons)
      .where(eq(persons.idNumber, liu.idNumber))) as [{ id: number }];
    const paid = (
      await hall.database.db
        .select()
        .from(contributions)
        .where(and(eq(contributions.personId, id), eq(contributions.insuranceType, 'unemployment')))
    ).filter((c) => c.paid);
    const last = paid
      .map((c) => c.period)
      .sort()
      .at(-1)!;
    expect(paid.length).toBeGreaterThanOrEqual(120); // over ten years insured
    expect(body).toMatchObject({
      receiving: true,
      paidHere: true,
      payingRegion: '广州市',
      contributionMonths: paid.length,
      entitledMonths: 24,
      fromPeriod: addMonths(last, 1),
      toPeriod: addMonths(last, 24),
    });
    expect(body.paidMonths + body.remainingMonths).toBe(24);
    expect(body.payments).toHaveLength(body.paidMonths);
    expect(body.paidMonths).toBeGreaterThan(0);
    for (const p of body.payments) {
      expect(p.amount).toBe(p.period >= '202503' ? 225_000 : 207_000);
      expect(p.paidOn).toBe(`${p.period.slice(0, 4)}-${p.period.slice(4)}-15`);
    }
    expect(body.totalPaid).toBe(body.payments.reduce((s, p) => s + p.amount, 0));
    expect(body.payments[body.payments.length - 1]!.period).toBe(body.fromPeriod);
  });

  it('needs the second factor, and says plainly that 王建国 receives none', async () => {
    const cardOnly = await openFor(hall, byName('刘志强'), 'ssCard');
    const refused = await get(hall, `/api/v1/sessions/${cardOnly}/unemployment-benefit`);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('secondFactorRequired');
    const wang = await verifiedSession(hall, byName('王建国'));
    const body = UnemploymentBenefitResponse.parse(
      (await get(hall, `/api/v1/sessions/${wang}/unemployment-benefit`)).body,
    );
    expect(body).toMatchObject({ receiving: false, paidMonths: 0, payments: [] });
  });
});
