/** Where a person stands in the yearly certification cycle, as of the configured clock. */
import { and, desc, eq, gte, inArray, sql } from 'drizzle-orm';
import type { CertificationStatus } from '../../contracts/certification';
import { certifications, enrollments, faceReferences } from '../db/schema';
import type { Db } from '../db/types';
import { addDays, atHallTime, hallDate } from '../../contracts/hall-time';
import type { CertificationConfig } from './config';

const pensionTypes = ['employeePension', 'residentPension', 'publicSectorPension'] as const;

/** The certification rules as they apply in one hall: its own time zone (`halls.time_zone`) decides "today". */
export type HallCertificationConfig = CertificationConfig & { timeZone: string };

/** The hall-local date of the configured now. */
export function hallToday(config: Pick<HallCertificationConfig, 'now' | 'timeZone'>): string {
  return hallDate(config.timeZone, config.now());
}

/** Failed face attempts of the person since the start of today (hall time). */
export async function failedAttemptsToday(db: Db, personId: number, config: HallCertificationConfig): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(certifications)
    .where(
      and(
        eq(certifications.personId, personId),
        eq(certifications.method, 'face'),
        eq(certifications.result, 'failed'),
        gte(certifications.certifiedAt, atHallTime(hallToday(config), 0, 0, config.timeZone)),
      ),
    );
  return row?.n ?? 0;
}

/** The latest passed certification, if any. */
export async function latestPassed(db: Db, personId: number) {
  const [row] = await db
    .select()
    .from(certifications)
    .where(and(eq(certifications.personId, personId), eq(certifications.result, 'passed')))
    .orderBy(desc(certifications.certifiedAt))
    .limit(1);
  return row ?? null;
}

/** The person's status: pension received, validity, face enrolled, attempts left today. */
export async function certificationStatus(
  db: Db,
  personId: number,
  config: HallCertificationConfig,
): Promise<CertificationStatus> {
  const [receiving] = await db
    .select({ id: enrollments.id })
    .from(enrollments)
    .where(
      and(
        eq(enrollments.personId, personId),
        eq(enrollments.status, 'receiving'),
        inArray(enrollments.insuranceType, [...pensionTypes]),
      ),
    )
    .limit(1);
  const last = await latestPassed(db, personId);
  const [enrolled] = await db
    .select({ personId: faceReferences.personId })
    .from(faceReferences)
    .where(eq(faceReferences.personId, personId));
  const failed = await failedAttemptsToday(db, personId, config);
  const today = hallToday(config);
  const dueDate = last?.validUntil ?? null;
  let standing: CertificationStatus['standing'];
  if (!receiving) standing = 'notReceiving';
  else if (dueDate === null) standing = 'due';
  else if (dueDate < today) standing = 'overdue';
  else if (today < addDays(dueDate, -config.openDaysBeforeDue)) standing = 'certified';
  else standing = 'due';
  return {
    standing,
    dueDate,
    lastCertifiedAt: last ? last.certifiedAt.toISOString() : null,
    faceEnrolled: Boolean(enrolled),
    attemptsLeft: Math.max(0, config.maxAttemptsPerDay - failed),
  };
}
