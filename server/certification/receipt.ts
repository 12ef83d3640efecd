/** What a certification receipt shows, and the public check its QR code leads to. */
import { eq } from 'drizzle-orm';
import type { CertificationCheck, CertificationReceiptData } from '../../contracts/certification';
import { KioskError } from '../../contracts/errors';
import { maskIdNumber, maskName } from '../../contracts/id-number';
import { DEFAULT_HALL_TIME_ZONE } from '../../contracts/hall-time';
import { certifications, halls, persons, terminals } from '../db/schema';
import type { Db } from '../db/types';
import type { CertificationConfig } from './config';
import { hallToday, latestPassed } from './status';

/** The receipt of the person's latest passed certification (a fresh one or a reprint). */
export async function certificationReceipt(
  db: Db,
  personId: number,
  hall: { hallName: string; hallTimeZone: string },
  publicBaseUrl: string,
): Promise<CertificationReceiptData> {
  const last = await latestPassed(db, personId);
  if (!last || !last.validUntil) throw new KioskError('notFound', 'no passed certification');
  const [person] = await db
    .select({ name: persons.name, idNumber: persons.idNumber })
    .from(persons)
    .where(eq(persons.id, personId));
  if (!person) throw new KioskError('personNotFound', 'no such person');
  return {
    certificationId: last.id,
    maskedName: maskName(person.name),
    maskedIdNumber: maskIdNumber(person.idNumber),
    certifiedAt: last.certifiedAt.toISOString(),
    terminalId: last.terminalId,
    method: last.method,
    nextDueDate: last.validUntil,
    hallName: hall.hallName,
    hallTimeZone: hall.hallTimeZone,
    verificationUrl: new URL(`/verify/certifications/${last.id}`, publicBaseUrl).toString(),
  };
}

/** Anyone holding the receipt may check it: masked name and dates only. */
export async function checkCertification(
  db: Db,
  certificationId: string,
  config: CertificationConfig,
): Promise<CertificationCheck> {
  const [row] = await db
    .select({
      result: certifications.result,
      certifiedAt: certifications.certifiedAt,
      validUntil: certifications.validUntil,
      name: persons.name,
      timeZone: halls.timeZone,
    })
    .from(certifications)
    .innerJoin(persons, eq(persons.id, certifications.personId))
    .leftJoin(terminals, eq(terminals.id, certifications.terminalId))
    .leftJoin(halls, eq(halls.id, terminals.hallId))
    .where(eq(certifications.id, certificationId));
  if (!row || row.result !== 'passed') throw new KioskError('notFound', 'no such certification');
  return {
    valid:
      row.validUntil !== null &&
      row.validUntil >= hallToday({ ...config, timeZone: row.timeZone ?? DEFAULT_HALL_TIME_ZONE }),
    maskedName: maskName(row.name),
    certifiedAt: row.certifiedAt.toISOString(),
    validUntil: row.validUntil,
  };
}
