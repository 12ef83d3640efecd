/** Resident ID numbers (公民身份号码): 18 characters, GB 11643 check digit (ISO 7064 MOD 11-2). */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/** The check character for the first 17 digits of an ID number. */
export function idNumberCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('first17 must be 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/** Why an ID number is not valid, or null when it is. */
export function idNumberProblem(value: string): 'format' | 'birthDate' | 'checkDigit' | null {
  if (!/^\d{17}[\dX]$/.test(value)) return 'format';
  const y = Number(value.slice(6, 10));
  const m = Number(value.slice(10, 12));
  const d = Number(value.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return 'birthDate';
  }
  return idNumberCheckChar(value.slice(0, 17)) === value[17] ? null : 'checkDigit';
}

/** True when the value is an 18-character ID number with a valid birth date and check digit. */
export function isValidIdNumber(value: string): boolean {
  return idNumberProblem(value) === null;
}

/** An ID number as shown on a screen or a receipt: first 4 and last 4 kept, the rest starred. */
export function maskIdNumber(value: string): string {
  if (value.length <= 8) return '*'.repeat(value.length);
  return value.slice(0, 4) + '*'.repeat(value.length - 8) + value.slice(-4);
}

/** A name as shown where others may see it: the family name kept, the rest starred (张*, 欧阳**). */
export function maskName(name: string): string {
  const chars = Array.from(name);
  if (chars.length <= 1) return name;
  return chars[0] + '*'.repeat(chars.length - 1);
}
