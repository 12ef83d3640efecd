// Verification codes: any single mistyped character is caught by the check character; forgiving input.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  IssueStatementRequest,
  VERIFICATION_CODE_PATTERN,
  normalizeVerificationCode,
  verificationCodeFromBytes,
} from '../../contracts/statements';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

describe('verification codes', () => {
  it('are well formed and survive lower case, spaces and O/I/L typed for 0/1', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 15, maxLength: 15 }), (bytes) => {
        const code = verificationCodeFromBytes(bytes);
        expect(code).toMatch(VERIFICATION_CODE_PATTERN);
        expect(normalizeVerificationCode(code)).toBe(code);
        const typed = code.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o').replace(/1/g, 'l');
        expect(normalizeVerificationCode(typed)).toBe(code);
      }),
    );
  });

  it('reject any single changed character (except swapping 0 and Z, 31 apart)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 15, maxLength: 15 }),
        fc.integer({ min: 0, max: 15 }),
        fc.integer({ min: 1, max: 31 }),
        (bytes, position, shift) => {
          const chars = verificationCodeFromBytes(bytes).replace(/-/g, '').split('');
          const before = ALPHABET.indexOf(chars[position]!);
          const after = (before + shift) % 32;
          fc.pre(Math.abs(after - before) !== 31);
          chars[position] = ALPHABET[after]!;
          expect(normalizeVerificationCode(chars.join(''))).toBeNull();
        },
      ),
    );
  });
});

describe('issue request', () => {
  it('accepts a year or a span of at most 360 months with distinct types, and nothing else', () => {
    const requestId = crypto.randomUUID();
    expect(IssueStatementRequest.safeParse({ kind: 'rightsStatement', year: 2024, requestId }).success).toBe(true);
    const span = { kind: 'insuranceCertificate', insuranceTypes: ['employeePension'], requestId };
    expect(IssueStatementRequest.safeParse({ ...span, from: '199501', to: '202412' }).success).toBe(true);
    expect(IssueStatementRequest.safeParse({ ...span, from: '199412', to: '202412' }).success).toBe(false);
    expect(IssueStatementRequest.safeParse({ ...span, from: '202412', to: '202411' }).success).toBe(false);
  });
});
