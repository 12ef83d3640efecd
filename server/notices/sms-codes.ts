/**
 * One-time SMS codes (短信验证码) for the phone page: issued to a number, sent through the outbox
 * (urgent: no quiet hours), kept only as a keyed hash, valid a few minutes, a few tries, used once.
 * Issuing is rate limited per number from the table itself, so every server instance agrees.
 */
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { and, count, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import { KioskError } from '../../contracts/errors';
import { smsCodes } from '../db/schema';
import type { Db } from '../db/types';
import { enqueueNotice } from './outbox';
import { maskPhone, noticeHashKey, normalizeMobile, phoneHash } from './phone';

/** How codes behave; the defaults follow common practice for domestic SMS logins. */
export interface SmsCodePolicy {
  ttlMs: number;
  maxAttempts: number;
  /** Minimum time between two codes to one number and purpose. */
  resendAfterMs: number;
  /** Codes per number (any purpose) per hour. */
  perHour: number;
}

export const defaultSmsCodePolicy: SmsCodePolicy = {
  ttlMs: 5 * 60_000,
  maxAttempts: 5,
  resendAfterMs: 60_000,
  perHour: 5,
};

/** What to issue a code for. */
export interface IssueSmsCodeRequest {
  phone: string;
  /** What the code unlocks, e.g. `appointment`; a code verifies only for its purpose. */
  purpose: string;
  personId?: number;
  hallId?: string;
  now?: Date;
  policy?: Partial<SmsCodePolicy>;
}

/** An issued code: never the code itself, only where it went and until when it works. */
export interface IssuedSmsCode {
  codeId: string;
  maskedPhone: string;
  expiresAt: string;
  /** When the next code to this number may be asked for. */
  resendAt: string;
}

/** Why a code did not verify. */
export type SmsCodeFailure = 'wrong' | 'expired' | 'tooManyTries' | 'noCode';

/** Issues a code and writes its SMS to the outbox. Throws `invalidRequest` or `rateLimited` (429). */
export async function issueSmsCode(db: Db, request: IssueSmsCodeRequest): Promise<IssuedSmsCode> {
  const policy = { ...defaultSmsCodePolicy, ...request.policy };
  const now = request.now ?? new Date();
  const phone = normalizeMobile(request.phone);
  if (!phone) throw new KioskError('invalidRequest', 'phone: not a mainland mobile number');
  const hash = phoneHash(phone);
  return db.transaction(async (tx) => {
    // One issuer per number at a time, so two quick taps cannot both pass the limits.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`smsCode:${hash}`}))`);
    const [recent] = await tx
      .select({ n: count() })
      .from(smsCodes)
      .where(and(eq(smsCodes.phoneHash, hash), gt(smsCodes.createdAt, new Date(now.getTime() - 3_600_000))));
    const [last] = await tx
      .select({ createdAt: smsCodes.createdAt })
      .from(smsCodes)
      .where(and(eq(smsCodes.phoneHash, hash), eq(smsCodes.purpose, request.purpose)))
      .orderBy(desc(smsCodes.createdAt))
      .limit(1);
    if (last && now.getTime() - last.createdAt.getTime() < policy.resendAfterMs) {
      throw new KioskError('rateLimited', 'a code was sent to this number less than a minute ago');
    }
    if (Number(recent!.n) >= policy.perHour) {
      throw new KioskError('rateLimited', 'too many codes to this number in the last hour');
    }
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const expiresAt = new Date(now.getTime() + policy.ttlMs);
    const [row] = await tx
      .insert(smsCodes)
      .values({ phoneHash: hash, purpose: request.purpose, codeHash: '', createdAt: now, expiresAt })
      .returning({ id: smsCodes.id });
    await tx
      .update(smsCodes)
      .set({ codeHash: codeHash(row!.id, code) })
      .where(eq(smsCodes.id, row!.id));
    await enqueueNotice(tx, {
      event: 'smsCode',
      phone,
      ...(request.personId !== undefined ? { personId: request.personId } : {}),
      ...(request.hallId !== undefined ? { hallId: request.hallId } : {}),
      dedupeKey: `smsCode:${row!.id}`,
      template: 'smsCode',
      params: { code, minutes: String(Math.round(policy.ttlMs / 60_000)) },
      urgent: true,
    });
    return {
      codeId: row!.id,
      maskedPhone: maskPhone(phone),
      expiresAt: expiresAt.toISOString(),
      resendAt: new Date(now.getTime() + policy.resendAfterMs).toISOString(),
    };
  });
}

/** Checks a code against the newest unused one of that number and purpose; a right code is used up. */
export async function verifySmsCode(
  db: Db,
  request: { phone: string; purpose: string; code: string; now?: Date; policy?: Partial<SmsCodePolicy> },
): Promise<{ ok: true } | { ok: false; reason: SmsCodeFailure }> {
  const policy = { ...defaultSmsCodePolicy, ...request.policy };
  const now = request.now ?? new Date();
  const phone = normalizeMobile(request.phone);
  if (!phone) return { ok: false, reason: 'noCode' };
  const hash = phoneHash(phone);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(smsCodes)
      .where(and(eq(smsCodes.phoneHash, hash), eq(smsCodes.purpose, request.purpose), isNull(smsCodes.usedAt)))
      .orderBy(desc(smsCodes.createdAt))
      .limit(1)
      .for('update');
    if (!row) return { ok: false, reason: 'noCode' } as const;
    if (row.expiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'expired' } as const;
    if (row.attempts >= policy.maxAttempts) return { ok: false, reason: 'tooManyTries' } as const;
    const given = Buffer.from(codeHash(row.id, request.code.trim()), 'hex');
    if (!timingSafeEqual(given, Buffer.from(row.codeHash, 'hex'))) {
      await tx
        .update(smsCodes)
        .set({ attempts: sql`${smsCodes.attempts} + 1` })
        .where(eq(smsCodes.id, row.id));
      return { ok: false, reason: row.attempts + 1 >= policy.maxAttempts ? 'tooManyTries' : 'wrong' } as const;
    }
    await tx.update(smsCodes).set({ usedAt: now }).where(eq(smsCodes.id, row.id));
    return { ok: true } as const;
  });
}

function codeHash(codeId: string, code: string): string {
  return createHmac('sha256', noticeHashKey()).update(`code:${codeId}:${code}`).digest('hex');
}
