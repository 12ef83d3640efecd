/**
 * The phone page's sign-in (预约手机页): an SMS code to the number registered for an ID number, then
 * a short-lived token naming the person and the hall. The token is stateless (an HMAC over
 * `personId.hallId.expiry` with the notice hash key, so every server instance accepts it); it lives
 * in the page's memory only and expires after `PHONE_SESSION_MIN` minutes.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import {
  PHONE_SESSION_MIN,
  type PhoneCodeRequest,
  type PhoneCodeResponse,
  type PhoneHallView,
  type PhoneSessionRequest,
  type PhoneSessionResponse,
} from '../../contracts/appointment-phone';
import { KioskError } from '../../contracts/errors';
import { maskIdNumber, maskName } from '../../contracts/id-number';
import { appointmentRules, halls, persons, serviceCategories } from '../db/schema';
import type { Db } from '../db/types';
import { maskPhone, noticeHashKey, normalizeMobile } from '../notices/phone';
import { issueSmsCode, verifySmsCode } from '../notices/sms-codes';
import type { Booker } from './book';

/** A hall as the phone page needs it. */
async function hallOf(db: Db, hallId: string) {
  const [hall] = await db
    .select({ id: halls.id, name: halls.name, phone: halls.phone, timeZone: halls.timeZone })
    .from(halls)
    .where(eq(halls.id, hallId));
  if (!hall) throw new KioskError('notFound', 'no such hall');
  return hall;
}

/** The hall's time zone; 404 `notFound` for an unknown hall. */
export async function hallTimeZone(db: Db, hallId: string): Promise<string> {
  return (await hallOf(db, hallId)).timeZone;
}

/** The hall's name, hotline and the categories with an active slot rule. */
export async function phoneHallView(db: Db, hallId: string): Promise<PhoneHallView> {
  const hall = await hallOf(db, hallId);
  const rows = await db
    .selectDistinct({ categoryCode: serviceCategories.code, categoryName: serviceCategories.name })
    .from(appointmentRules)
    .innerJoin(
      serviceCategories,
      and(
        eq(serviceCategories.hallId, appointmentRules.hallId),
        eq(serviceCategories.code, appointmentRules.categoryCode),
      ),
    )
    .where(and(eq(appointmentRules.hallId, hallId), eq(appointmentRules.active, true)))
    .orderBy(serviceCategories.code);
  return { hallName: hall.name, hallPhone: hall.phone, categories: rows };
}

/** The person whose registered mobile is `phone`, or undefined (unknown ID, no or another number). */
async function personWithPhone(db: Db, idNumber: string, phone: string) {
  const [person] = await db
    .select({ id: persons.id, name: persons.name, phone: persons.phone })
    .from(persons)
    .where(eq(persons.idNumber, idNumber.toUpperCase()));
  if (!person?.phone || normalizeMobile(person.phone) !== phone) return undefined;
  return person;
}

const purposeOf = (personId: number) => `appointment:${personId}`;

/** Sends a code when the number is the person's; answers the same either way. */
export async function requestPhoneCode(
  db: Db,
  hallId: string,
  request: PhoneCodeRequest,
  now: Date,
): Promise<PhoneCodeResponse> {
  await hallOf(db, hallId);
  const phone = normalizeMobile(request.phone);
  if (!phone) throw new KioskError('invalidRequest', 'phone: not a mainland mobile number');
  const person = await personWithPhone(db, request.idNumber, phone);
  if (!person) return { maskedPhone: maskPhone(phone), resendAt: new Date(now.getTime() + 60_000).toISOString() };
  const issued = await issueSmsCode(db, { phone, purpose: purposeOf(person.id), personId: person.id, hallId, now });
  return { maskedPhone: issued.maskedPhone, resendAt: issued.resendAt };
}

/** Verifies the code; a right one opens a phone session for that person in that hall. */
export async function openPhoneSession(
  db: Db,
  hallId: string,
  request: PhoneSessionRequest,
  now: Date,
): Promise<PhoneSessionResponse> {
  await hallOf(db, hallId);
  const phone = normalizeMobile(request.phone);
  const person = phone ? await personWithPhone(db, request.idNumber, phone) : undefined;
  if (!phone || !person) return { outcome: 'refused', reason: 'noCode' };
  const checked = await verifySmsCode(db, { phone, purpose: purposeOf(person.id), code: request.code, now });
  if (!checked.ok) return { outcome: 'refused', reason: checked.reason };
  const expires = now.getTime() + PHONE_SESSION_MIN * 60_000;
  return {
    outcome: 'session',
    token: signToken(person.id, hallId, expires),
    expiresAt: new Date(expires).toISOString(),
    maskedName: maskName(person.name),
    maskedIdNumber: maskIdNumber(request.idNumber.toUpperCase()),
    maskedPhone: maskPhone(phone),
  };
}

/** The booker a bearer token names in this hall; 401 `unauthorized` when missing, forged or expired. */
export async function phoneBooker(
  db: Db,
  hallId: string,
  authorization: string | undefined,
  now: Date,
): Promise<Booker> {
  const token = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
  const claims = token ? readToken(token) : null;
  if (!claims || claims.hallId !== hallId || claims.expires <= now.getTime()) {
    throw new KioskError('unauthorized', 'phone session missing or expired');
  }
  const [hall] = await db.select({ timeZone: halls.timeZone }).from(halls).where(eq(halls.id, hallId));
  if (!hall) throw new KioskError('unauthorized', 'phone session of an unknown hall');
  return { personId: claims.personId, hallId, timeZone: hall.timeZone, via: 'phone', terminalId: null };
}

function mac(payload: string): string {
  return createHmac('sha256', noticeHashKey()).update(`phoneSession:${payload}`).digest('base64url');
}

function signToken(personId: number, hallId: string, expires: number): string {
  const payload = Buffer.from(JSON.stringify([personId, hallId, expires])).toString('base64url');
  return `${payload}.${mac(payload)}`;
}

function readToken(token: string): { personId: number; hallId: string; expires: number } | null {
  const [payload, signature] = token.split('.');
  if (!payload || !signature) return null;
  const expected = Buffer.from(mac(payload));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const [personId, hallId, expires] = JSON.parse(Buffer.from(payload, 'base64url').toString()) as unknown[];
    if (typeof personId !== 'number' || typeof hallId !== 'string' || typeof expires !== 'number') return null;
    return { personId, hallId, expires };
  } catch {
    return null;
  }
}
