/**
 * Phone numbers are personal data: normalised once, compared by a keyed hash, shown masked, never
 * logged. The hash key is `NOTICE_HASH_KEY` (one value for all server instances of a hall system);
 * the embedded default uses a fixed development key.
 */
import { createHmac } from 'node:crypto';

const DEV_KEY = 'hrss-kiosk-dev-notice-key';

/** The key of every hash in server/notices (phones, codes). */
export function noticeHashKey(): string {
  return process.env.NOTICE_HASH_KEY ?? DEV_KEY;
}

/** A mainland mobile number: 11 digits starting 1[3-9]. */
export const MOBILE_PATTERN = /^1[3-9]\d{9}$/;

/** `+86 138-0013-8000` → `13800138000`; null when it is not a mainland mobile number. */
export function normalizeMobile(input: string): string | null {
  let digits = input.replace(/[\s-]/g, '');
  if (digits.startsWith('+86')) digits = digits.slice(3);
  else if (digits.startsWith('0086')) digits = digits.slice(4);
  return MOBILE_PATTERN.test(digits) ? digits : null;
}

/** The keyed hash under which a number is looked up, rate limited and opted out. */
export function phoneHash(phone: string, key: string = noticeHashKey()): string {
  return createHmac('sha256', key).update(`phone:${phone}`).digest('hex');
}

/** `13800138000` → `138****8000`, the only form a screen or page shows. */
export function maskPhone(phone: string): string {
  if (phone.length < 7) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`;
}
