// The synthetic data generator (pure): deterministic, valid identifiers, consistent balances,
// the named demo people with their roles.
import { describe, expect, it } from 'vitest';
import { idNumberProblem } from '../../contracts/id-number';
import { IdCardFields } from '../../contracts/simulator-api';
import { isValidCreditCode, makeCreditCode } from '../../server/seed/codes';
import { addDays } from '../../server/seed/dates';
import { demoCards, demoPeople } from '../../server/seed/demo-people';
import { accountInterestRates, yearInterest } from '../../server/seed/economics';
import { employerRegion } from '../../server/seed/employers';
import { generateEmployers, generatePeople } from '../../server/seed/generate';
import { createRng } from '../../server/seed/prng';
import type { PersonBundle } from '../../server/seed/types';

const params = { seed: 'generator-test', people: 300, asOf: '2025-06-15' };
const bundles: PersonBundle[] = [...generatePeople(params)];
const pensionTypes = new Set(['employeePension', 'residentPension', 'publicSectorPension']);

describe('seed generator', () => {
  it('gives identical data for the same seed and different data for another', () => {
    const again = [...generatePeople(params)];
    expect(JSON.stringify(again)).toBe(JSON.stringify(bundles));
    expect(generateEmployers(params)).toEqual(generateEmployers(params));
    const other = [...generatePeople({ ...params, seed: 'another' })];
    expect(other.slice(demoPeople.length).map((b) => b.person.idNumber)).not.toEqual(
      bundles.slice(demoPeople.length).map((b) => b.person.idNumber),
    );
  });

  it('has a PRNG of its own that repeats per seed', () => {
    const a = createRng('x');
    const b = createRng('x');
    const seqA = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(seqA);
    expect(seqA.every((v) => v >= 0 && v < 1)).toBe(true);
  });

  it('makes only valid, unique ID numbers whose birth date and sex digit agree with the person', () => {
    const seen = new Set<string>();
    for (const { person } of bundles) {
      expect(idNumberProblem(person.idNumber), person.idNumber).toBeNull();
      expect(person.idNumber.slice(6, 14)).toBe(person.birthDate.replaceAll('-', ''));
      expect(Number(person.idNumber[16]) % 2 === 1 ? '1' : '2').toBe(person.sex);
      expect(seen.has(person.idNumber)).toBe(false);
      seen.add(person.idNumber);
    }
    expect(seen.size).toBe(params.people + demoPeople.length);
  });

  it('makes employers with valid unified social credit codes', () => {
    const employers = generateEmployers(params);
    expect(new Set(employers.map((e) => e.creditCode)).size).toBe(employers.length);
    for (const e of employers) {
      expect(isValidCreditCode(e.creditCode), e.creditCode).toBe(true);
      expect(e.name).toMatch(/有限公司/);
    }
    // A published example code checks out with our check-character computation.
    expect(isValidCreditCode('91350100M000100Y43')).toBe(true);
    expect(makeCreditCode('440106', '12345678')).toHaveLength(18);
  });

  it("credits pension accounts with each year's 记账利率 as the ministries published it", () => {
    // The announced national rates (人社部办公厅、财政部办公厅), checked against the table the seed uses.
    expect([2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024].map((y) => accountInterestRates[y])).toEqual([
      831, 712, 829, 761, 604, 669, 612, 397, 262,
    ]);
    // One year of 100 yuan a month credited in 2016, settled at the end of 2016 and of 2017:
    // 1200 yuan + 1200 × 8.31 % × 1.083 / 2 = 1200 + 53.998 → 125 400 fen; then + 1254 × 7.12 % → 134 328.
    const first = 120_000 + yearInterest(0, 120_000, 831);
    expect(first).toBe(125_400);
    expect(first + yearInterest(first, 0, 712)).toBe(134_328);
  });

  it('keeps each pension account at its credits plus the yearly interest, recomputed independently', () => {
    const asOfYear = Number(params.asOf.slice(0, 4));
    for (const b of bundles) {
      const paid = b.contributions.filter((c) => c.paid && pensionTypes.has(c.insuranceType));
      if (paid.length === 0) {
        expect(b.pensionAccount).toBeNull();
        continue;
      }
      const settleBefore = b.person.retirementDate ? Number(b.person.retirementDate.slice(0, 4)) : asOfYear;
      let balance = 0;
      for (let year = 2000; year <= asOfYear; year++) {
        const credited = paid
          .filter((c) => c.period.startsWith(String(year)))
          .reduce(
            (sum, c) =>
              sum +
              (c.insuranceType === 'residentPension'
                ? c.personalAmount
                : Math.round((c.base * (c.period < '200601' ? 11 : 8)) / 100)),
            0,
          );
        const rate = year < settleBefore ? accountInterestRates[Math.min(year, 2024)]! / 10_000 : 0;
        balance += credited + Math.round(balance * rate + (credited * rate * 1.083) / 2);
      }
      expect(b.pensionAccount!.balance, b.person.name).toBe(balance);
      const personal = paid.reduce((sum, c) => sum + c.personalAmount, 0);
      // Interest and the pre-2006 3 % make it more than the person paid in, never less.
      expect(b.pensionAccount!.balance).toBeGreaterThanOrEqual(personal);
    }
    const worker = bundles.find((b) => b.person.name === '王建国')!;
    const personal = worker.contributions
      .filter((c) => c.paid && c.insuranceType === 'employeePension')
      .reduce((sum, c) => sum + c.personalAmount, 0);
    // Twenty-five years of interest: well above his own payments.
    expect(worker.pensionAccount!.balance / personal).toBeGreaterThan(1.3);
    expect(worker.pensionAccount!.asOfPeriod).toBe('202505');
  });

  it('employs people only at companies of their own city', () => {
    const employers = new Map(generateEmployers(params).map((e) => [e.id!, e]));
    let checked = 0;
    for (const b of bundles) {
      for (const c of b.contributions.filter((x) => x.insuranceType === 'employeePension')) {
        if (c.employerId == null) continue;
        const employer = employers.get(c.employerId)!;
        const region = employerRegion(c.employerId - 1);
        expect(b.person.address.startsWith(region.city), `${b.person.name} ${employer.name}`).toBe(true);
        expect(employer.name.startsWith(region.city.replace(/^.*省/, '').replace(/市$/, ''))).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(500);
    for (const id of [1, 2, 3, 4, 5, 6, 7, 8]) expect(employers.get(id)!.name).toMatch(/^广州/);
  });

  it('gives nobody a case they could not have applied for', () => {
    for (const b of bundles) {
      const retired = b.person.isRetiree;
      const receivesUnemployment = b.enrollments.some(
        (e) => e.insuranceType === 'unemployment' && e.status === 'receiving',
      );
      for (const c of b.cases) {
        if (c.itemCode === 'JY001') expect(receivesUnemployment && !retired, `${b.person.name} ${c.item}`).toBe(true);
        if (c.itemCode === 'SB002') expect(retired).toBe(true);
        if (retired) expect(['SB005', 'SB002', 'YB002', 'SB003']).toContain(c.itemCode);
      }
    }
    expect(bundles.some((b) => b.cases.some((c) => c.itemCode === 'JY001'))).toBe(true);
  });

  it('keeps medical account balances equal to their last running balance, never negative', () => {
    for (const b of bundles.filter((x) => x.medicalAccount)) {
      let balance = 0;
      let last = 0;
      for (const t of b.medicalTransactions) {
        expect((t.occurredAt as Date).getTime()).toBeGreaterThan(last);
        last = (t.occurredAt as Date).getTime();
        balance += t.amount;
        expect(t.balanceAfter).toBe(balance);
        expect(balance).toBeGreaterThanOrEqual(0);
      }
      expect(b.medicalAccount!.balance).toBe(balance);
    }
  });

  it('makes realistic histories: pension 16%/8%, bases rising, some arrears, about 1 in 5 retirees', () => {
    const pension = bundles.flatMap((b) => b.contributions.filter((c) => c.insuranceType === 'employeePension'));
    for (const c of pension.slice(0, 2000)) {
      expect(c.employerAmount).toBe(Math.round(c.base * 0.16));
      expect(c.personalAmount).toBe(Math.round(c.base * 0.08));
    }
    const worker = bundles[0]!.contributions.filter((c) => c.insuranceType === 'employeePension');
    expect(worker.find((c) => c.period === '202401')!.base).toBeGreaterThan(
      worker.find((c) => c.period === '201101')!.base,
    );
    expect(bundles.some((b) => b.contributions.some((c) => !c.paid))).toBe(true);
    const retirees = bundles.filter((b) => b.person.isRetiree).length / bundles.length;
    expect(retirees).toBeGreaterThan(0.12);
    expect(retirees).toBeLessThan(0.3);
    for (const b of bundles.filter((x) => x.person.isRetiree)) {
      expect(b.certifications.length).toBeGreaterThan(0);
      expect(b.pensionPayments.length).toBeGreaterThan(0);
      expect(b.enrollments.find((e) => e.insuranceType === 'employeePension')?.status).toBe('receiving');
    }
    expect(bundles.some((b) => b.cases.some((c) => c.status === 'processing' && c.dueDate < params.asOf))).toBe(true);
  });

  it('prints ID card fields that fit a card for every demo person', () => {
    expect(demoPeople.length).toBeGreaterThanOrEqual(5);
    for (const p of demoPeople) {
      const { role, ...card } = p;
      expect(role).toMatch(/\w/);
      expect(IdCardFields.parse(card)).toEqual(card);
      expect(idNumberProblem(p.idNumber)).toBeNull();
      expect(p.idNumber.slice(6, 14)).toBe(p.birthDate);
      expect(['1', '2']).toContain(p.sex);
    }
    expect(demoCards().map((c) => c.card.idNumber)).toEqual(demoPeople.map((p) => p.idNumber));
  });

  it('gives the demo people the roles they are described with', () => {
    const byName = new Map(bundles.slice(0, demoPeople.length).map((b) => [b.person.name, b]));
    const latestValid = (b: PersonBundle) =>
      b.certifications
        .filter((c) => c.result === 'passed')
        .map((c) => c.validUntil!)
        .sort()
        .at(-1)!;
    const worker = byName.get('王建国')!;
    expect(worker.person.isRetiree).toBe(false);
    expect(worker.contributions.filter((c) => c.insuranceType === 'employeePension' && c.paid).length).toBeGreaterThan(
      240,
    );
    const due = byName.get('李秀英')!;
    expect(due.person.isRetiree).toBe(true);
    expect(latestValid(due) >= params.asOf && latestValid(due) <= addDays(params.asOf, 30)).toBe(true);
    const certified = byName.get('张德明')!;
    expect(latestValid(certified) > addDays(params.asOf, 30)).toBe(true);
    const overdue = byName.get('赵桂兰')!;
    expect(latestValid(overdue) < params.asOf).toBe(true);
    const young = byName.get('陈晓雨')!;
    expect(young.enrollments.map((e) => e.insuranceType).sort()).toEqual(['residentMedical', 'residentPension']);
    expect(young.contributions.some((c) => !c.paid)).toBe(true);
    const unemployed = byName.get('刘志强')!;
    expect(unemployed.enrollments.find((e) => e.insuranceType === 'unemployment')?.status).toBe('receiving');
  });
});
