/**
 * What a person can pay, priced from the policy tables (region, year). The kiosk never computes
 * money: every amount an order holds comes from here.
 */
import { and, eq, lt, gte, sql } from 'drizzle-orm';
import { KioskError } from '../../contracts/errors';
import { maskIdNumber, maskName } from '../../contracts/id-number';
import type { ArrearsOption, FamilyMemberCheck, OrderItemRequest, PaymentOptions } from '../../contracts/payment';
import {
  contributions,
  enrollments,
  paymentClaims,
  persons,
  residentPensionGrades,
  residentPolicyYears,
} from '../db/schema';
import type { Db } from '../db/types';
import type { PaymentConfig } from './config';

/** One priced line, ready for the ledger. */
export interface PricedItem {
  kind: 'residentPension' | 'residentMedical' | 'arrears';
  beneficiaryId: number;
  beneficiary: { maskedName: string; maskedIdNumber: string };
  insuranceType: 'residentPension' | 'residentMedical';
  year: number;
  fromPeriod: string;
  toPeriod: string;
  gradeId: string | null;
  amount: number;
  subsidy: number;
}

interface Person {
  id: number;
  idNumber: string;
  name: string;
}

export interface PolicyContext {
  person: Person;
  /** The hall date today (YYYY-MM-DD). */
  today: string;
}

async function personById(db: Db, id: number): Promise<Person> {
  const [p] = await db
    .select({ id: persons.id, idNumber: persons.idNumber, name: persons.name })
    .from(persons)
    .where(eq(persons.id, id));
  if (!p) throw new KioskError('personNotFound', 'no such person');
  return p;
}

export { personById };

async function policyYear(db: Db, regionCode: string, year: number) {
  const [row] = await db
    .select()
    .from(residentPolicyYears)
    .where(and(eq(residentPolicyYears.regionCode, regionCode), eq(residentPolicyYears.year, year)));
  return row ?? null;
}

async function enrolled(db: Db, personId: number, type: 'residentPension' | 'residentMedical'): Promise<boolean> {
  const rows = await db
    .select({ id: enrollments.id })
    .from(enrollments)
    .where(
      and(eq(enrollments.personId, personId), eq(enrollments.insuranceType, type), eq(enrollments.status, 'active')),
    );
  return rows.length > 0;
}

/** Whether a year of a resident insurance is paid (all twelve months) or held by a live order. */
async function yearTaken(
  db: Db,
  personId: number,
  type: 'residentPension' | 'residentMedical',
  year: number,
): Promise<boolean> {
  const claims = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(paymentClaims)
    .where(
      and(
        eq(paymentClaims.beneficiaryId, personId),
        eq(paymentClaims.insuranceType, type),
        eq(paymentClaims.year, year),
      ),
    );
  if (claims[0]!.n > 0) return true;
  const [paid] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(contributions)
    .where(
      and(
        eq(contributions.personId, personId),
        eq(contributions.insuranceType, type),
        gte(contributions.period, `${year}01`),
        lt(contributions.period, `${year + 1}01`),
        eq(contributions.paid, true),
      ),
    );
  return paid!.n >= 12;
}

const masked = (p: Person) => ({ maskedName: maskName(p.name), maskedIdNumber: maskIdNumber(p.idNumber) });

/** Unpaid resident pension years before this one, still payable (补缴), with what they cost. */
async function pensionArrears(
  db: Db,
  person: Person,
  year: number,
  yearsBack: number,
  payableUntil: string,
): Promise<ArrearsOption[]> {
  const rows = await db
    .select({
      year: sql<number>`substr(${contributions.period}, 1, 4)::int`,
      amount: sql<number>`sum(${contributions.personalAmount})::int`,
      months: sql<number>`count(*)::int`,
      from: sql<string>`min(${contributions.period})`,
      to: sql<string>`max(${contributions.period})`,
    })
    .from(contributions)
    .where(
      and(
        eq(contributions.personId, person.id),
        eq(contributions.insuranceType, 'residentPension'),
        eq(contributions.paid, false),
        gte(contributions.period, `${year - yearsBack}01`),
        lt(contributions.period, `${year}01`),
      ),
    )
    .groupBy(sql`1`)
    .orderBy(sql`1`);
  const claimed = await db
    .select({ year: paymentClaims.year })
    .from(paymentClaims)
    .where(and(eq(paymentClaims.beneficiaryId, person.id), eq(paymentClaims.insuranceType, 'residentPension')));
  const taken = new Set(claimed.map((c) => c.year));
  return rows
    .filter((r) => !taken.has(r.year))
    .map((r) => ({
      arrearsId: `residentPension:${r.year}`,
      insuranceType: 'residentPension' as const,
      year: r.year,
      from: r.from,
      to: r.to,
      months: r.months,
      amount: r.amount,
      payableUntil,
    }));
}

/** Everything the person can pay now. */
export async function paymentOptions(db: Db, config: PaymentConfig, ctx: PolicyContext): Promise<PaymentOptions> {
  const region = ctx.person.idNumber.slice(0, 6);
  const year = Number(ctx.today.slice(0, 4));
  const policy = await policyYear(db, region, year);
  let residentPension: PaymentOptions['residentPension'] = null;
  let residentMedical: PaymentOptions['residentMedical'] = null;
  let arrears: ArrearsOption[] = [];
  if (policy) {
    if (
      ctx.today <= policy.pensionDeadline &&
      (await enrolled(db, ctx.person.id, 'residentPension')) &&
      !(await yearTaken(db, ctx.person.id, 'residentPension', year))
    ) {
      const grades = await db
        .select()
        .from(residentPensionGrades)
        .where(and(eq(residentPensionGrades.regionCode, region), eq(residentPensionGrades.year, year)))
        .orderBy(residentPensionGrades.amount);
      const [last] = await db
        .select({ amount: sql<number>`sum(${contributions.personalAmount})::int` })
        .from(contributions)
        .where(
          and(
            eq(contributions.personId, ctx.person.id),
            eq(contributions.insuranceType, 'residentPension'),
            gte(contributions.period, `${year - 1}01`),
            lt(contributions.period, `${year}01`),
          ),
        );
      if (grades.length > 0)
        residentPension = {
          year,
          grades: grades.map((g) => ({ gradeId: g.gradeId, amount: g.amount, subsidy: g.subsidy })),
          deadline: policy.pensionDeadline,
          lastGradeId: grades.find((g) => g.amount === last?.amount)?.gradeId ?? null,
        };
    }
    if (ctx.today <= policy.medicalDeadline) {
      const self =
        (await enrolled(db, ctx.person.id, 'residentMedical')) &&
        !(await yearTaken(db, ctx.person.id, 'residentMedical', year));
      residentMedical = {
        year,
        amountPerPerson: policy.medicalAmount,
        deadline: policy.medicalDeadline,
        selfPayable: self,
        maxFamilyMembers: config.maxFamilyMembers,
      };
    }
    if (await enrolled(db, ctx.person.id, 'residentPension'))
      arrears = await pensionArrears(db, ctx.person, year, policy.arrearsYearsBack, policy.pensionDeadline);
  }
  return {
    region: { code: region, name: policy ? region : region },
    residentPension,
    residentMedical,
    arrears,
    maxOrderAmount: config.maxOrderAmount,
    methods: config.provider ? ['micropay', 'native'] : [],
  };
}

/** Checks a family member typed by ID number (resident medical). */
export async function checkFamilyMember(
  db: Db,
  config: PaymentConfig,
  ctx: PolicyContext,
  idNumber: string,
  year: number,
): Promise<{ check: FamilyMemberCheck; member: Person | null }> {
  const thisYear = Number(ctx.today.slice(0, 4));
  const payer = ctx.person;
  const region = idNumber.slice(0, 6);
  const policy = year === thisYear ? await policyYear(db, region, year) : null;
  if (!policy || ctx.today > policy.medicalDeadline)
    throw new KioskError('notPayable', 'no resident medical year open for that region');
  const [member] = await db
    .select({ id: persons.id, idNumber: persons.idNumber, name: persons.name })
    .from(persons)
    .where(eq(persons.idNumber, idNumber));
  const base = { maskedIdNumber: maskIdNumber(idNumber), amount: policy.medicalAmount };
  if (!member || !(await enrolled(db, member.id, 'residentMedical')))
    return {
      check: { ...base, maskedName: member ? maskName(member.name) : '', payable: false, reason: 'notEnrolled' },
      member: null,
    };
  const notAllowed =
    member.id === payer.id || (config.familySameCity && member.idNumber.slice(0, 4) !== payer.idNumber.slice(0, 4));
  if (notAllowed)
    return {
      check: { ...base, maskedName: maskName(member.name), payable: false, reason: 'notAllowed' },
      member: null,
    };
  if (await yearTaken(db, member.id, 'residentMedical', year))
    return {
      check: { ...base, maskedName: maskName(member.name), payable: false, reason: 'alreadyPaid' },
      member: null,
    };
  return { check: { ...base, maskedName: maskName(member.name), payable: true, reason: null }, member };
}

/** Prices the items of an order (throws notPayable / alreadyPaid / payerCheckFailed). */
export async function priceItems(
  db: Db,
  config: PaymentConfig,
  ctx: PolicyContext,
  items: readonly OrderItemRequest[],
): Promise<PricedItem[]> {
  const options = await paymentOptions(db, config, ctx);
  const priced: PricedItem[] = [];
  const seen = new Set<string>();
  let family = 0;
  for (const item of items) {
    let line: PricedItem;
    if (item.kind === 'residentPension') {
      const o = options.residentPension;
      if (!o || o.year !== item.year) throw new KioskError('notPayable', 'no resident pension year open');
      const grade = o.grades.find((g) => g.gradeId === item.gradeId);
      if (!grade) throw new KioskError('notPayable', 'unknown grade');
      line = yearLine(
        'residentPension',
        ctx.person,
        'residentPension',
        item.year,
        grade.amount,
        grade.subsidy,
        grade.gradeId,
      );
    } else if (item.kind === 'residentMedical') {
      const o = options.residentMedical;
      if (!o || o.year !== item.year) throw new KioskError('notPayable', 'no resident medical year open');
      if (!item.idNumber || item.idNumber === ctx.person.idNumber) {
        if (!o.selfPayable) throw new KioskError('alreadyPaid', 'resident medical of this year is paid or in an order');
        line = yearLine('residentMedical', ctx.person, 'residentMedical', item.year, o.amountPerPerson, 0, null);
      } else {
        if (++family > config.maxFamilyMembers) throw new KioskError('payerCheckFailed', 'too many family members');
        const { check, member } = await checkFamilyMember(db, config, ctx, item.idNumber, item.year);
        if (!member)
          throw new KioskError(
            check.reason === 'alreadyPaid' ? 'alreadyPaid' : 'payerCheckFailed',
            `family member: ${check.reason}`,
          );
        line = yearLine('residentMedical', member, 'residentMedical', item.year, o.amountPerPerson, 0, null);
      }
    } else {
      const a = options.arrears.find((x) => x.arrearsId === item.arrearsId);
      if (!a) throw new KioskError('notPayable', 'no such arrears payable');
      line = {
        kind: 'arrears',
        beneficiaryId: ctx.person.id,
        beneficiary: masked(ctx.person),
        insuranceType: 'residentPension',
        year: a.year!,
        fromPeriod: a.from,
        toPeriod: a.to,
        gradeId: null,
        amount: a.amount,
        subsidy: 0,
      };
    }
    const key = `${line.beneficiaryId}:${line.insuranceType}:${line.year}`;
    if (seen.has(key)) throw new KioskError('invalidRequest', 'the same item twice');
    seen.add(key);
    priced.push(line);
  }
  return priced;
}

function yearLine(
  kind: PricedItem['kind'],
  p: Person,
  type: PricedItem['insuranceType'],
  year: number,
  amount: number,
  subsidy: number,
  gradeId: string | null,
): PricedItem {
  return {
    kind,
    beneficiaryId: p.id,
    beneficiary: masked(p),
    insuranceType: type,
    year,
    fromPeriod: `${year}01`,
    toPeriod: `${year}12`,
    gradeId,
    amount,
    subsidy,
  };
}

export { monthlyShares } from './shares';
