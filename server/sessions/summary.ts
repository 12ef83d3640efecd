/** The insurance summary of a person, computed from enrollments, contributions, accounts and payments. */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { InsuranceSummary, InsuranceType } from '../../contracts/domain';
import {
  contributions,
  employers,
  enrollments,
  medicalAccounts,
  pensionAccounts,
  pensionPayments,
  persons,
} from '../db/schema';
import type { Db } from '../db/types';

/** Pension insurance types; their paid months make up contribution years. */
export const pensionInsuranceTypes: readonly InsuranceType[] = [
  'employeePension',
  'residentPension',
  'publicSectorPension',
];

/** Summary of the person with this internal id. */
export async function insuranceSummary(db: Db, personId: number): Promise<InsuranceSummary> {
  const [enrolled, months, pensionMonths, pension, medical, person, latestPayment] = await Promise.all([
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
        paid: sql<number>`count(*) filter (where ${contributions.paid})::int`,
        arrears: sql<number>`count(*) filter (where not ${contributions.paid})::int`,
        lastPeriod: sql<string | null>`max(${contributions.period})`,
      })
      .from(contributions)
      .where(eq(contributions.personId, personId))
      .groupBy(contributions.insuranceType),
    db
      .select({ months: sql<number>`count(distinct ${contributions.period})::int` })
      .from(contributions)
      .where(
        and(
          eq(contributions.personId, personId),
          eq(contributions.paid, true),
          inArray(contributions.insuranceType, [...pensionInsuranceTypes]),
        ),
      ),
    db.select().from(pensionAccounts).where(eq(pensionAccounts.personId, personId)),
    db.select().from(medicalAccounts).where(eq(medicalAccounts.personId, personId)),
    db.select({ isRetiree: persons.isRetiree }).from(persons).where(eq(persons.id, personId)),
    db
      .select({ amount: pensionPayments.amount })
      .from(pensionPayments)
      .where(eq(pensionPayments.personId, personId))
      .orderBy(desc(pensionPayments.period))
      .limit(1),
  ]);
  const byType = new Map(months.map((m) => [m.insuranceType, m]));
  return {
    enrollments: enrolled.map((e) => ({
      ...e,
      paidMonths: Number(byType.get(e.insuranceType)?.paid ?? 0),
      arrearsMonths: Number(byType.get(e.insuranceType)?.arrears ?? 0),
      lastPeriod: byType.get(e.insuranceType)?.lastPeriod ?? null,
    })),
    pensionPaidMonths: Number(pensionMonths[0]?.months ?? 0),
    pensionAccount: pension[0] ? { balance: pension[0].balance, asOf: pension[0].asOfPeriod } : null,
    medicalAccount: medical[0] ? { balance: medical[0].balance, asOf: medical[0].asOf } : null,
    monthlyPension: person[0]?.isRetiree && latestPayment[0] ? latestPayment[0].amount : null,
  };
}
