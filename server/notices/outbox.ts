/**
 * The notification outbox: a notice is written in the same transaction as the change that causes
 * it, and sent later by the worker (worker.ts). `dedupeKey` makes writing the same event twice
 * harmless: the first row wins.
 */
import { eq, sql } from 'drizzle-orm';
import { contactPhones, noticeOutbox } from '../db/schema';
import type { Db } from '../db/types';
import { normalizeMobile, phoneHash } from './phone';
import { type NoticeTemplate, checkParams } from './templates';

/** What a change asks to be told. */
export interface NoticeRequest {
  /** What happened, e.g. `caseStatus`, `certificationDue`, `appointmentBooked`. */
  event: string;
  /** The person to tell: their registered phone (`persons.phone`) is read when the notice is sent. */
  personId?: number;
  /** A number left for this notice (ticket, phone page); wins over the person's registered phone. */
  phone?: string;
  /** A number already stored (`storeContactPhone`), e.g. the one left with a ticket. */
  contactPhoneId?: number;
  /** Whose quiet hours apply (the hall's time zone); default zone when absent. */
  hallId?: string;
  /** One row per key, ever: e.g. `case:SB2026…:completed`, `certDue:42:2027-01-31`. */
  dedupeKey: string;
  template: NoticeTemplate;
  params: Record<string, string>;
  /** Send even in quiet hours and to opted-out numbers (only one-time codes). */
  urgent?: boolean;
  /** Not before this instant (e.g. a reminder the day before). */
  notBefore?: Date;
}

/** The outbox row's id, and whether this call wrote it (false: the key was already there). */
export interface EnqueuedNotice {
  id: string;
  created: boolean;
}

/**
 * Writes one outbox row inside the caller's transaction (`tx` is a Drizzle transaction or the
 * database). Throws on a parameter that looks like personal data or a phone that is not a mobile
 * number, so the caller's change rolls back rather than sending something wrong.
 */
export async function enqueueNotice(tx: Db, request: NoticeRequest): Promise<EnqueuedNotice> {
  checkParams(request.template, request.params);
  if (request.personId === undefined && request.phone === undefined && request.contactPhoneId === undefined) {
    throw new Error(`notice ${request.event}: neither a person nor a phone`);
  }
  const contactPhoneId =
    request.phone === undefined ? (request.contactPhoneId ?? null) : await storeContactPhone(tx, request.phone);
  const inserted = await tx
    .insert(noticeOutbox)
    .values({
      dedupeKey: request.dedupeKey,
      event: request.event,
      template: request.template,
      params: request.params,
      personId: request.personId ?? null,
      contactPhoneId,
      hallId: request.hallId ?? null,
      urgent: request.urgent ?? false,
      ...(request.notBefore ? { nextAttemptAt: request.notBefore } : {}),
    })
    .onConflictDoNothing({ target: noticeOutbox.dedupeKey })
    .returning({ id: noticeOutbox.id });
  if (inserted[0]) return { id: inserted[0].id, created: true };
  const [existing] = await tx
    .select({ id: noticeOutbox.id })
    .from(noticeOutbox)
    .where(eq(noticeOutbox.dedupeKey, request.dedupeKey));
  return { id: existing!.id, created: false };
}

/** Stores a number once (by its hash) and answers its id. Throws on a number that is not a mobile. */
export async function storeContactPhone(tx: Db, phone: string): Promise<number> {
  const normal = normalizeMobile(phone);
  if (!normal) throw new Error('not a mainland mobile number');
  const hash = phoneHash(normal);
  const rows = await tx
    .insert(contactPhones)
    .values({ phoneHash: hash, phone: normal })
    .onConflictDoUpdate({ target: contactPhones.phoneHash, set: { phoneHash: sql`excluded.phone_hash` } })
    .returning({ id: contactPhones.id });
  return rows[0]!.id;
}
