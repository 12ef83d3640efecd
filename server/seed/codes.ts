/** Identifiers with check characters: ID numbers (GB 11643) and unified social credit codes (GB 32100). */
import { idNumberCheckChar } from '../../contracts/id-number';

/** An 18-character ID number from region code, birth date (`YYYYMMDD`) and 3-digit sequence. */
export function makeIdNumber(regionCode: string, birthDate: string, sequence: number): string {
  const first17 = `${regionCode}${birthDate}${String(sequence).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

const CREDIT_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

/** The GB 11714 check character of an 8-digit organisation code body. */
function orgCodeCheck(body: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(body[i]) * ORG_WEIGHTS[i]!;
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** The GB 32100 check character of the first 17 characters of a credit code. */
export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CHARS.indexOf(first17[i]!);
    if (v < 0) throw new RangeError('not a credit code character');
    sum += v * CREDIT_WEIGHTS[i]!;
  }
  return CREDIT_CHARS[(31 - (sum % 31)) % 31]!;
}

/** A unified social credit code for an enterprise (`91`) registered in the region, from an 8-digit body. */
export function makeCreditCode(regionCode: string, body8: string): string {
  const first17 = `91${regionCode}${body8}${orgCodeCheck(body8)}`;
  return first17 + creditCodeCheckChar(first17);
}

/** True when the code has 18 valid characters and a correct check character. */
export function isValidCreditCode(code: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) return false;
  return creditCodeCheckChar(code.slice(0, 17)) === code[17];
}
