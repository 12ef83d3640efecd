// The electronic social security card: a signed code opens a session for its holder exactly as an
// ID card does; expired, tampered, foreign-key and garbage codes are refused with a 4xx and audited
// without the code or the person.
import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpenSessionResponse } from '../../contracts/hall-api';
import { auditLog, kioskSessions } from '../../server/db/schema';
import { createECardIssuer } from '../../server/ecard/e-card-issuer';
import { makeIdNumber } from '../../server/seed/codes';
import { demoPeople } from '../../server/seed/demo-people';
import { backends } from './support/backends';
import { TERMINAL_A, type TestHall, openTestHall } from './support/hall';

const person = demoPeople[0]!;

describe.each(backends)('e-card sessions on $name', (backend) => {
  const issuer = createECardIssuer();
  let hall: TestHall;
  beforeAll(async () => {
    hall = await openTestHall(backend, { eCardIssuer: issuer });
  });
  afterAll(async () => {
    await hall?.close();
  });

  const post = (code: unknown) =>
    hall.inject({ as: 'a', method: 'POST', url: '/api/v1/sessions', payload: { identifiedBy: 'eSsCard', code } });

  async function lastAudit() {
    const [entry] = await hall.database.db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1);
    return entry!;
  }

  it('opens a session for the holder of a valid code, recorded as eSsCard', async () => {
    const code = issuer.issue(person.idNumber, person.name);
    const res = await post(code);
    expect(res.statusCode, res.body).toBe(201);
    const opened = OpenSessionResponse.parse(res.json());
    expect(opened.person).toMatchObject({ name: person.name, maskedIdNumber: '4401**********035X' });
    const [row] = await hall.database.db.select().from(kioskSessions).where(eq(kioskSessions.id, opened.sessionId));
    expect(row).toMatchObject({ terminalId: TERMINAL_A, identifiedBy: 'eSsCard', closedAt: null });
    const entry = await lastAudit();
    expect(entry).toMatchObject({ action: 'session.open', result: 'ok', subjectId: opened.sessionId });
    for (const secret of [person.idNumber, person.name, code]) expect(JSON.stringify(entry)).not.toContain(secret);
  });

  it('refuses an expired code with eCardExpired, and audits it without the code', async () => {
    const code = issuer.issue(person.idNumber, person.name, { now: new Date(Date.now() - 120_000) });
    const res = await post(code);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'eCardExpired' });
    const entry = await lastAudit();
    expect(entry).toMatchObject({ action: 'session.open', result: 'eCardExpired', terminalId: TERMINAL_A });
    for (const secret of [person.idNumber, person.name, code]) expect(JSON.stringify(entry)).not.toContain(secret);
  });

  it('refuses a code whose payload was changed by one character', async () => {
    const code = issuer.issue(person.idNumber, person.name);
    const [prefix, payload, signature] = code.split('.') as [string, string, string];
    // Change one character in the middle of the payload (base64url keeps it well-formed).
    const i = Math.floor(payload.length / 2);
    const tampered = `${prefix}.${payload.slice(0, i)}${payload[i] === 'A' ? 'B' : 'A'}${payload.slice(i + 1)}.${signature}`;
    expect(tampered).not.toBe(code);
    const res = await post(tampered);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'cardInvalid' });
  });

  it('refuses a code for another person forged with a different key', async () => {
    const other = createECardIssuer().issue(person.idNumber, person.name);
    const res = await post(other);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'cardInvalid' });
    expect(await lastAudit()).toMatchObject({ action: 'session.open', result: 'cardInvalid' });
  });

  it('refuses a genuine code for someone not in the records with personNotFound', async () => {
    const res = await post(issuer.issue(makeIdNumber('110105', '19900101', 123), '查无此人'));
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'personNotFound' });
  });

  const signedPart = () => issuer.issue(person.idNumber, person.name).split('.').slice(0, 2).join('.');
  it.each([
    ['an empty string', ''],
    ['plain text', 'hello'],
    ['a receipt barcode', 'CASE-2025-000123'],
    ['the prefix only', 'ESSC1.'],
    ['no signature', () => signedPart()],
    ['a short signature', () => `${signedPart()}.AAAA`],
    ['a signature of the right length but zero', () => `${signedPart()}.${'A'.repeat(86)}`],
    ['a payload that is not JSON', `ESSC1.${Buffer.from('not json').toString('base64url')}.${'A'.repeat(86)}`],
    ['a payload missing fields', `ESSC1.${Buffer.from('{"name":"x"}').toString('base64url')}.${'A'.repeat(86)}`],
    ['an over-long code', `ESSC1.${'A'.repeat(3000)}.${'A'.repeat(86)}`],
    ['a number', 12345],
    ['null', null],
    ['characters outside base64url', 'ESSC1.!!!!.????'],
  ])('answers 4xx, never 5xx, for %s', async (_what, value) => {
    const res = await post(typeof value === 'function' ? value() : value);
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expect(['cardInvalid', 'invalidRequest']).toContain(res.json().code);
  });

  it('refuses an e-card request that also carries an ID number and name', async () => {
    const res = await hall.inject({
      as: 'a',
      method: 'POST',
      url: '/api/v1/sessions',
      payload: { identifiedBy: 'eSsCard', code: issuer.issue(person.idNumber, person.name), idNumber: person.idNumber },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'invalidRequest' });
  });
});
