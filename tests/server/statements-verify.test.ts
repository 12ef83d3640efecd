// Public verification of statements: a genuine code, a tampered code, an unknown code, a record
// altered in the database (forged signature, changed content), a restart over the same database,
// and the offline check with the published key (scripts/verify-statement.ts).
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpenSessionResponse } from '../../contracts/hall-api';
import {
  StatementIssued,
  StatementKey,
  VerificationResult,
  normalizeVerificationCode,
  verificationCheckChar,
} from '../../contracts/statements';
import { buildServer } from '../../server/app';
import { statements } from '../../server/db/schema';
import { demoPeople } from '../../server/seed/demo-people';
import { backends } from './support/backends';
import { type TestHall, openTestHall } from './support/hall';

const worker = demoPeople[0]!;

/** The code with one character changed (the check character then fails). */
function tamper(code: string): string {
  const i = 2;
  const c = code[i] === '7' ? '8' : '7';
  return code.slice(0, i) + c + code.slice(i + 1);
}

/** A well-formed code (right check character) that was never issued. */
function neverIssued(): string {
  const body = 'ZZZZZZZZZZZZZZ0';
  return (body + verificationCheckChar(body)).match(/.{4}/g)!.join('-');
}

describe.each(backends)('statement verification on $name', (backend) => {
  let hall: TestHall;
  let issued: StatementIssued;
  beforeAll(async () => {
    hall = await openTestHall(backend);
    const opened = OpenSessionResponse.parse(
      (
        await hall.inject({
          as: 'a',
          method: 'POST',
          url: '/api/v1/sessions',
          payload: { identifiedBy: 'ssCard', idNumber: worker.idNumber, name: worker.name },
        })
      ).json(),
    );
    // Printing needs the second factor: the card's PIN, checked on the terminal and reported.
    await hall.inject({
      as: 'a',
      method: 'POST',
      url: `/api/v1/sessions/${opened.sessionId}/second-factor`,
      payload: { method: 'ssCardPin' },
    });
    const res = await hall.inject({
      as: 'a',
      method: 'POST',
      url: `/api/v1/sessions/${opened.sessionId}/statements`,
      payload: { kind: 'rightsStatement', year: 2024, requestId: crypto.randomUUID() },
    });
    expect(res.statusCode, res.body).toBe(201);
    issued = StatementIssued.parse(res.json());
  });
  afterAll(async () => {
    await hall?.close();
  });

  const check = async (code: string) => {
    const res = await hall.inject({ method: 'GET', url: `/api/v1/verify/${encodeURIComponent(code)}` });
    expect(res.statusCode, res.body).toBe(200);
    return { result: VerificationResult.parse(res.json()), body: res.body };
  };

  it('says a genuine code is genuine and shows the content with the ID number masked, without a terminal credential', async () => {
    const { result, body } = await check(issued.verificationCode);
    expect(result.genuine).toBe(true);
    if (!result.genuine) return;
    expect(result.content).toMatchObject({
      statementId: issued.statementId,
      kind: 'rightsStatement',
      person: { name: worker.name, maskedIdNumber: '4401**********035X' },
      pdfSha256: issued.pdfSha256,
      pageCount: issued.pageCount,
    });
    expect(body).not.toContain(worker.idNumber);
    // Typed the way people type: lower case, spaces instead of dashes.
    const typed = issued.verificationCode.toLowerCase().replace(/-/g, ' ');
    expect((await check(typed)).result.genuine).toBe(true);
  });

  it('says a tampered code and a never-issued code are not genuine', async () => {
    const tampered = tamper(issued.verificationCode);
    expect(normalizeVerificationCode(tampered)).toBeNull();
    expect((await check(tampered)).result).toEqual({ genuine: false, reason: 'malformedCode' });
    expect((await check(neverIssued())).result).toEqual({ genuine: false, reason: 'unknownCode' });
    expect((await check('hello')).result).toEqual({ genuine: false, reason: 'malformedCode' });
    const tooLong = await hall.inject({ method: 'GET', url: `/api/v1/verify/${'A'.repeat(41)}` });
    expect(tooLong.statusCode).toBe(400);
  });

  it('says a record with a forged signature or altered content is not genuine', async () => {
    const { db } = hall.database;
    const [row] = await db.select().from(statements).where(eq(statements.id, issued.statementId));
    const forger = generateKeyPairSync('ed25519').privateKey;
    const forged = sign(null, Buffer.from(row!.signedContent), forger).toString('base64');
    await db.update(statements).set({ signature: forged }).where(eq(statements.id, issued.statementId));
    expect((await check(issued.verificationCode)).result).toEqual({ genuine: false, reason: 'badSignature' });

    const richer = row!.signedContent.replace(
      /"personalTotal":(\d+)/,
      (_m, n: string) => `"personalTotal":${Number(n) + 100000}`,
    );
    expect(richer).not.toBe(row!.signedContent);
    await db
      .update(statements)
      .set({ signature: row!.signature, signedContent: richer })
      .where(eq(statements.id, issued.statementId));
    expect((await check(issued.verificationCode)).result).toEqual({ genuine: false, reason: 'badSignature' });

    await db.update(statements).set({ signedContent: row!.signedContent }).where(eq(statements.id, issued.statementId));
    expect((await check(issued.verificationCode)).result.genuine).toBe(true);
  });

  it('still verifies after a restart over the same database (the generated key is kept)', async () => {
    const key1 = StatementKey.parse((await hall.inject({ method: 'GET', url: '/.well-known/statement-key' })).json());
    const restarted = buildServer({ ...hall.database });
    await restarted.ready();
    try {
      const res = await restarted.inject({ method: 'GET', url: `/api/v1/verify/${issued.verificationCode}` });
      expect(VerificationResult.parse(res.json()).genuine).toBe(true);
      const key2 = StatementKey.parse(
        (await restarted.inject({ method: 'GET', url: '/.well-known/statement-key' })).json(),
      );
      expect(key2).toEqual(key1);
    } finally {
      await restarted.close();
    }
  });

  it('verifies offline with the published key, and refuses altered content (scripts/verify-statement.ts)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'statement-'));
    const key = StatementKey.parse((await hall.inject({ method: 'GET', url: '/.well-known/statement-key' })).json());
    const { result } = await check(issued.verificationCode);
    writeFileSync(join(dir, 'key.pem'), key.publicKeyPem);
    writeFileSync(join(dir, 'result.json'), JSON.stringify(result));
    const run = (file: string, pdf: string[] = []) => {
      try {
        return {
          out: execFileSync(
            'node_modules/.bin/tsx',
            ['scripts/verify-statement.ts', join(dir, file), join(dir, 'key.pem'), ...pdf],
            {
              encoding: 'utf8',
            },
          ),
          code: 0,
        };
      } catch (error) {
        const e = error as { stdout: string; status: number };
        return { out: e.stdout, code: e.status };
      }
    };
    writeFileSync(join(dir, 'statement.pdf'), Buffer.from(issued.pdfBase64, 'base64'));
    const good = run('result.json', [join(dir, 'statement.pdf')]);
    expect(good.code).toBe(0);
    expect(good.out).toContain('GENUINE');
    expect(good.out).toContain('pdf       matches');
    expect(good.out).toContain(issued.verificationCode);
    writeFileSync(join(dir, 'other.pdf'), Buffer.concat([Buffer.from(issued.pdfBase64, 'base64'), Buffer.from('\n')]));
    expect(run('result.json', [join(dir, 'other.pdf')]).code).toBe(1);

    if (!result.genuine) throw new Error('expected genuine');
    const altered = { ...result, signedContent: result.signedContent.replace(worker.name, '李四') };
    writeFileSync(join(dir, 'altered.json'), JSON.stringify(altered));
    const bad = run('altered.json');
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('NOT GENUINE');
  });

  it('keeps verification codes out of the request log', async () => {
    let text = '';
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        text += chunk.toString();
        done();
      },
    });
    const logged = buildServer({ ...hall.database, logger: { level: 'info', stream } });
    await logged.ready();
    try {
      await logged.inject({ method: 'GET', url: `/api/v1/verify/${issued.verificationCode}` });
      await logged.inject({ method: 'GET', url: `/verify?code=${issued.verificationCode}` });
    } finally {
      await logged.close();
    }
    expect(text).toContain('/api/v1/verify/[code]');
    expect(text).toContain('/verify?code=[code]');
    expect(text).not.toContain(issued.verificationCode);
    expect(text).not.toContain(worker.name);
  });

  it('shows the verification page with the result for a code in the link', async () => {
    const page = await hall.inject({ method: 'GET', url: `/verify?code=${issued.verificationCode}` });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('真实有效');
    expect(page.body).toContain(worker.name);
    expect(page.body).not.toContain(worker.idNumber);
    const bad = await hall.inject({ method: 'GET', url: `/verify?code=${tamper(issued.verificationCode)}` });
    expect(bad.body).toContain('不是本系统出具');
    const xss = await hall.inject({ method: 'GET', url: `/verify?code=${encodeURIComponent('<script>x</script>')}` });
    expect(xss.body).not.toContain('<script>x');
    const empty = await hall.inject({ method: 'GET', url: '/verify' });
    expect(empty.body).toContain('核验码');
    expect(empty.body).not.toContain('真实有效');
  });
});
