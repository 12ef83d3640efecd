// The e-card code: its shape (contracts, no crypto) and the issuer's signature and lifetime checks.
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { E_CARD_DEFAULT_LIFETIME_MS, parseECardCode } from '../../contracts';
import { createECardIssuer } from '../../server/ecard/e-card-issuer';
import { demoPeople } from '../../server/seed/demo-people';

const person = demoPeople[0]!;

describe('e-card codes', () => {
  it('issues a code whose shape parses, with a 60 s lifetime by default', () => {
    const now = new Date('2026-03-01T08:00:00Z');
    const code = createECardIssuer().issue(person.idNumber, person.name, { now });
    const parsed = parseECardCode(code);
    expect(parsed?.payload).toEqual({
      idNumber: person.idNumber,
      name: person.name,
      issuedAt: '2026-03-01T08:00:00.000Z',
      expiresAt: new Date(now.getTime() + E_CARD_DEFAULT_LIFETIME_MS).toISOString(),
    });
    expect(code).toBe(`${parsed!.signedPart}.${parsed!.signature}`);
    expect(code.startsWith('ESSC1.')).toBe(true);
  });

  it('verifies within the lifetime, and says expired after it', () => {
    const issuer = createECardIssuer();
    const now = new Date('2026-03-01T08:00:00Z');
    const code = issuer.issue(person.idNumber, person.name, { now });
    expect(issuer.verify(code, new Date(now.getTime() + 59_000))).toEqual({
      idNumber: person.idNumber,
      name: person.name,
    });
    expect(() => issuer.verify(code, new Date(now.getTime() + 60_000))).toThrow(
      expect.objectContaining({ code: 'eCardExpired' }),
    );
  });

  it('refuses another key, and a lifetime no real code has', () => {
    const issuer = createECardIssuer();
    const other = createECardIssuer(generateKeyPairSync('ed25519').privateKey);
    const now = new Date();
    expect(() => issuer.verify(other.issue(person.idNumber, person.name))).toThrow(
      expect.objectContaining({ code: 'cardInvalid' }),
    );
    const longLived = issuer.issue(person.idNumber, person.name, { now, lifetimeMs: 24 * 3600_000 });
    expect(() => issuer.verify(longLived, now)).toThrow(expect.objectContaining({ code: 'cardInvalid' }));
    const future = issuer.issue(person.idNumber, person.name, { now: new Date(now.getTime() + 3600_000) });
    expect(() => issuer.verify(future, now)).toThrow(expect.objectContaining({ code: 'cardInvalid' }));
  });

  it('takes its key from ECARD_SIGNING_KEY (PEM) when given', () => {
    const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const a = createECardIssuer(pem);
    const b = createECardIssuer(pem);
    expect(b.verify(a.issue(person.idNumber, person.name))).toMatchObject({ name: person.name });
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey;
    expect(() => createECardIssuer(rsa)).toThrow(/Ed25519/);
  });

  it.each([
    '',
    'ESSC1',
    'ESSC2.e30.' + 'A'.repeat(86),
    'ESSC1.e30.' + 'A'.repeat(86), // {} lacks the fields
    'ESSC1.%%%.' + 'A'.repeat(86),
    'ESSC1.' + 'A'.repeat(5000) + '.' + 'A'.repeat(86),
    'https://example.cn/case/123',
  ])('parses %j as not an e-card code', (text) => {
    expect(parseECardCode(text)).toBeNull();
  });
});
