// Statements: issuing for a session, idempotent retries, reprint by re-fetch, the rows they leave,
// sessions that may not issue, and bad input answered 4xx (never 5xx, never another person's data).
import { execFileSync } from 'node:child_process';
import { createHash, createPublicKey, verify } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, between, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpenSessionResponse } from '../../contracts/hall-api';
import { StatementContent, StatementIssued, StatementKey, StatementPreview } from '../../contracts/statements';
import { auditLog, contributions, employers, kioskSessions, pensionAccounts, statements } from '../../server/db/schema';
import { demoPeople } from '../../server/seed/demo-people';
import { trimToRecords } from '../../server/statements/content';
import { backends } from './support/backends';
import { TERMINAL_A, type TestHall, openTestHall } from './support/hall';

const worker = demoPeople[0]!;
const other = demoPeople[1]!; // 李秀英, a retiree
const uuid = () => crypto.randomUUID();

/** The page count poppler's pdfinfo reads from the PDF itself (not our renderer's own count). */
function pdfPages(pdfBase64: string): number {
  const dir = mkdtempSync(path.join(tmpdir(), 'stmt-pages-'));
  try {
    const file = path.join(dir, 'statement.pdf');
    writeFileSync(file, Buffer.from(pdfBase64, 'base64'));
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    return Number(/^Pages:\s+(\d+)/m.exec(info)![1]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe.each(backends)('statements on $name', (backend) => {
  let hall: TestHall;
  beforeAll(async () => {
    hall = await openTestHall(backend);
  });
  afterAll(async () => {
    await hall?.close();
  });

  /** A social security card session that passed its PIN (printing needs the second factor). */
  async function open(person = worker, as: 'a' | 'b' = 'a', pin = true) {
    const res = await hall.inject({
      as,
      method: 'POST',
      url: '/api/v1/sessions',
      payload: { identifiedBy: 'ssCard', idNumber: person.idNumber, name: person.name },
    });
    expect(res.statusCode, res.body).toBe(201);
    const opened = OpenSessionResponse.parse(res.json());
    if (pin) {
      const verified = await hall.inject({
        as,
        method: 'POST',
        url: `/api/v1/sessions/${opened.sessionId}/second-factor`,
        payload: { method: 'ssCardPin' },
      });
      expect(verified.statusCode, verified.body).toBe(200);
    }
    return opened;
  }

  it('refuses to issue before the second factor, and issues nothing', async () => {
    const { sessionId } = await open(worker, 'a', false);
    const before = await countStatements();
    const res = await issue(sessionId, { kind: 'rightsStatement', year: 2024, requestId: uuid() });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'secondFactorRequired' });
    expect(await countStatements()).toBe(before);
  });

  const issue = (sessionId: string, payload: unknown, as: 'a' | 'b' = 'a') =>
    hall.inject({ as, method: 'POST', url: `/api/v1/sessions/${sessionId}/statements`, payload: payload as object });

  const countStatements = async () =>
    (await hall.database.db.select({ n: sql<number>`count(*)::int` }).from(statements))[0]!.n;

  it("issues a year's rights statement: a signed PDF and one row naming person, terminal and session", async () => {
    const { sessionId } = await open();
    const requestId = uuid();
    const res = await issue(sessionId, { kind: 'rightsStatement', year: 2024, requestId });
    expect(res.statusCode, res.body).toBe(201);
    const issued = StatementIssued.parse(res.json());
    expect(issued).toMatchObject({ kind: 'rightsStatement', coverage: '2024年度', alreadyIssued: false });
    const pdf = Buffer.from(issued.pdfBase64, 'base64');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(createHash('sha256').update(pdf).digest('hex')).toBe(issued.pdfSha256);

    const [row] = await hall.database.db.select().from(statements).where(eq(statements.id, issued.statementId));
    expect(row).toMatchObject({
      personId: 1,
      terminalId: TERMINAL_A,
      sessionId,
      requestId,
      verificationCode: issued.verificationCode,
      pageCount: issued.pageCount,
    });
    expect(Buffer.from(row!.pdf).equals(pdf)).toBe(true);
    expect(row!.contentHash).toBe(createHash('sha256').update(row!.signedContent).digest('hex'));

    // The signed content says what the database says: personal pension contributions paid in 2024.
    const content = StatementContent.parse(JSON.parse(row!.signedContent));
    const [sum] = await hall.database.db
      .select({
        personal: sql<number>`coalesce(sum(${contributions.personalAmount}) filter (where ${contributions.paid}), 0)::int`,
        paid: sql<number>`count(*) filter (where ${contributions.paid})::int`,
      })
      .from(contributions)
      .where(
        and(
          eq(contributions.personId, 1),
          eq(contributions.insuranceType, 'employeePension'),
          between(contributions.period, '202401', '202412'),
        ),
      );
    const pension = content.totals.find((t) => t.insuranceType === 'employeePension')!;
    expect(pension.personalTotal).toBe(sum!.personal);
    expect(pension.paidMonths).toBe(sum!.paid);
    expect(content.rows.map((r) => r.period)[0]).toBe('202401');
    expect(content.rows).toHaveLength(12);
    expect(content.person).toEqual({ name: worker.name, maskedIdNumber: '4401**********035X' });
    expect(row!.signedContent).not.toContain(worker.idNumber);

    // It verifies offline with the published key.
    const key = StatementKey.parse((await hall.inject({ method: 'GET', url: '/.well-known/statement-key' })).json());
    expect(row!.keyId).toBe(key.keyId);
    const ok = verify(
      null,
      Buffer.from(row!.signedContent),
      createPublicKey(key.publicKeyPem),
      Buffer.from(row!.signature, 'base64'),
    );
    expect(ok).toBe(true);

    const [entry] = await hall.database.db.select().from(auditLog).where(eq(auditLog.subjectId, issued.statementId));
    expect(entry).toMatchObject({ action: 'statement.issue', result: 'ok', terminalId: TERMINAL_A });
    expect(JSON.stringify(entry)).not.toContain(worker.name);
  });

  it("a past year's statement counts pension months paid up to that year's end, not later ones", async () => {
    const { sessionId } = await open();
    const res = await issue(sessionId, { kind: 'rightsStatement', year: 2022, requestId: uuid() });
    expect(res.statusCode, res.body).toBe(201);
    const issued = StatementIssued.parse(res.json());
    const [row] = await hall.database.db.select().from(statements).where(eq(statements.id, issued.statementId));
    const content = StatementContent.parse(JSON.parse(row!.signedContent));
    const count = async (to: string) => {
      const [r] = await hall.database.db
        .select({ months: sql<number>`count(distinct ${contributions.period})::int` })
        .from(contributions)
        .where(
          and(
            eq(contributions.personId, 1),
            eq(contributions.paid, true),
            between(contributions.period, '190001', to),
            sql`${contributions.insuranceType} in ('employeePension', 'residentPension', 'publicSectorPension')`,
          ),
        );
      return r!.months;
    };
    expect(content.pensionPaidMonthsTotal).toBe(await count('202212'));
    // The worker kept paying after 2022, so the lifetime figure would have been larger.
    expect(await count('299912')).toBeGreaterThan(content.pensionPaidMonthsTotal);
  });

  const contentOf = async (res: { statusCode: number; body: string; json(): unknown }) => {
    expect(res.statusCode, res.body).toBe(201);
    const issued = StatementIssued.parse(res.json());
    const [row] = await hall.database.db.select().from(statements).where(eq(statements.id, issued.statementId));
    return StatementContent.parse(JSON.parse(row!.signedContent));
  };

  it("a past year's statement gives the pension account at that year's end; this year's ends with the last record", async () => {
    const { sessionId } = await open();
    const [account] = await hall.database.db
      .select({ balance: pensionAccounts.balance, asOf: pensionAccounts.asOfPeriod })
      .from(pensionAccounts)
      .where(eq(pensionAccounts.personId, 1));
    const past = await contentOf(await issue(sessionId, { kind: 'rightsStatement', year: 2022, requestId: uuid() }));
    expect(past.pensionAccount!.asOfPeriod).toBe('202212');
    // The worker kept paying after 2022: the account at the end of 2022 held less than today.
    expect(past.pensionAccount!.balance).toBeGreaterThan(0);
    expect(past.pensionAccount!.balance).toBeLessThan(account!.balance);
    const earlier = await contentOf(await issue(sessionId, { kind: 'rightsStatement', year: 2021, requestId: uuid() }));
    expect(earlier.pensionAccount!.balance).toBeLessThan(past.pensionAccount!.balance);
  });

  it("ends this year's statement with the last record and a certificate with its first and last", () => {
    expect(trimToRecords('rightsStatement', { from: '202601', to: '202612' }, ['202611', '202603'], '202612')).toEqual({
      from: '202601',
      to: '202611',
    });
    // A past year keeps its twelve months: the months after a person stopped paying show as a gap.
    expect(trimToRecords('rightsStatement', { from: '202501', to: '202512' }, ['202505'], '202612')).toEqual({
      from: '202501',
      to: '202512',
    });
    expect(trimToRecords('rightsStatement', { from: '202601', to: '202612' }, [], '202612')).toEqual({
      from: '202601',
      to: '202612',
    });
    expect(
      trimToRecords('insuranceCertificate', { from: '200001', to: '202612' }, ['201908', '202611'], '202612'),
    ).toEqual({ from: '201908', to: '202611' });
  });

  it('a certificate names the employers that paid, with their months, and spans its first to last record', async () => {
    const { sessionId } = await open();
    const content = await contentOf(
      await issue(sessionId, {
        kind: 'insuranceCertificate',
        from: '200001',
        to: '202611',
        insuranceTypes: ['employeePension'],
        requestId: uuid(),
      }),
    );
    const named = await hall.database.db
      .selectDistinct({ name: employers.name })
      .from(contributions)
      .innerJoin(employers, eq(employers.id, contributions.employerId))
      .where(eq(contributions.personId, 1));
    expect(named.length).toBeGreaterThan(0);
    expect(new Set(content.employers!.map((e) => e.name))).toEqual(new Set(named.map((n) => n.name)));
    for (const e of content.employers!) {
      expect(e.from <= e.to).toBe(true);
      expect(e.from >= content.coverage.from && e.to <= content.coverage.to).toBe(true);
    }
    expect(content.coverage.from).toBe(content.rows[0]!.period);
    expect(content.coverage.to).toBe(content.rows.at(-1)!.period);
  });

  it('returns the same statement for the same requestId, and re-fetches it for a reprint without issuing again', async () => {
    const { sessionId } = await open();
    const requestId = uuid();
    const body = {
      kind: 'insuranceCertificate',
      from: '202301',
      to: '202412',
      insuranceTypes: ['employeePension'],
      requestId,
    };
    const first = StatementIssued.parse((await issue(sessionId, body)).json());
    const before = await countStatements();
    const again = await issue(sessionId, body);
    expect(again.statusCode).toBe(200);
    const second = StatementIssued.parse(again.json());
    expect(second).toEqual({ ...first, alreadyIssued: true });

    const refetch = await hall.inject({
      as: 'a',
      method: 'GET',
      url: `/api/v1/sessions/${sessionId}/statements/${first.statementId}`,
    });
    expect(refetch.statusCode).toBe(200);
    expect(StatementIssued.parse(refetch.json()).pdfBase64).toBe(first.pdfBase64);
    expect(await countStatements()).toBe(before);

    // The same requestId for a different statement is refused, not silently answered with the first.
    const changed = await issue(sessionId, { ...body, to: '202406' });
    expect(changed.statusCode).toBe(400);
    expect(await countStatements()).toBe(before);
  });

  it('issues once when the same request arrives twice at the same moment', async () => {
    const { sessionId } = await open();
    const body = { kind: 'rightsStatement', year: 2022, requestId: uuid() };
    const before = await countStatements();
    const [a, b] = await Promise.all([issue(sessionId, body), issue(sessionId, body)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 201]);
    expect(StatementIssued.parse(a.json()).statementId).toBe(StatementIssued.parse(b.json()).statementId);
    expect(await countStatements()).toBe(before + 1);
  });

  it("lists in a certificate only the months with a record (a retiree's later years are not pages of dashes)", async () => {
    const { sessionId } = await open(other);
    const res = await issue(sessionId, {
      kind: 'insuranceCertificate',
      from: '201001',
      to: '202412',
      insuranceTypes: ['employeePension', 'employeeMedical'],
      requestId: uuid(),
    });
    expect(res.statusCode, res.body).toBe(201);
    const issued = StatementIssued.parse(res.json());
    const [row] = await hall.database.db.select().from(statements).where(eq(statements.id, issued.statementId));
    const content = StatementContent.parse(JSON.parse(row!.signedContent));
    const [months] = await hall.database.db
      .select({ n: sql<number>`count(distinct ${contributions.period})::int` })
      .from(contributions)
      .where(
        and(
          eq(contributions.personId, row!.personId),
          sql`${contributions.insuranceType} in ('employeePension', 'employeeMedical')`,
          between(contributions.period, '201001', '202412'),
        ),
      );
    expect(months!.n).toBeGreaterThan(0);
    expect(months!.n).toBeLessThan(180);
    expect(content.rows).toHaveLength(months!.n);
    expect(content.rows.every((r) => r.cells.some((c) => c.state !== 'none'))).toBe(true);
  });

  it("never hands out another person's statement", async () => {
    const mine = await open();
    const issued = StatementIssued.parse(
      (await issue(mine.sessionId, { kind: 'rightsStatement', year: 2023, requestId: uuid() })).json(),
    );
    const theirs = await open(other);
    const res = await hall.inject({
      as: 'a',
      method: 'GET',
      url: `/api/v1/sessions/${theirs.sessionId}/statements/${issued.statementId}`,
    });
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain(worker.name);
    expect(res.body).not.toContain('pdfBase64');
  });

  it("refuses another terminal's session, a closed one and an idle-expired one", async () => {
    const { sessionId } = await open();
    const body = () => ({ kind: 'rightsStatement', year: 2024, requestId: uuid() });
    const before = await countStatements();
    const fromB = await issue(sessionId, body(), 'b');
    expect(fromB.statusCode).toBe(404);
    expect(fromB.json()).toMatchObject({ code: 'noSession' });

    const idle = await open();
    await hall.database.db
      .update(kioskSessions)
      .set({ lastActivityAt: sql`now() - interval '1 hour'` })
      .where(eq(kioskSessions.id, idle.sessionId));
    const expired = await issue(idle.sessionId, body());
    expect(expired.statusCode).toBe(410);
    expect(expired.json()).toMatchObject({ code: 'sessionExpired' });

    await hall.inject({ as: 'a', method: 'DELETE', url: `/api/v1/sessions/${sessionId}` });
    const closed = await issue(sessionId, body());
    expect(closed.statusCode).toBe(410);
    expect(await countStatements()).toBe(before);
  });

  it.each([
    ['a year before records', { kind: 'rightsStatement', year: 1980 }],
    ['a year as text', { kind: 'rightsStatement', year: '2024' }],
    ['a year not yet begun', { kind: 'rightsStatement', year: 2099 }],
    ['an unknown kind', { kind: 'payslip', year: 2024 }],
    ['an extra field', { kind: 'rightsStatement', year: 2024, idNumber: worker.idNumber }],
    ['from after to', { kind: 'insuranceCertificate', from: '202412', to: '202401', insuranceTypes: ['maternity'] }],
    ['month 13', { kind: 'insuranceCertificate', from: '202413', to: '202501', insuranceTypes: ['maternity'] }],
    [
      'a span into the future',
      { kind: 'insuranceCertificate', from: '202401', to: '209912', insuranceTypes: ['maternity'] },
    ],
    ['over 30 years', { kind: 'insuranceCertificate', from: '199001', to: '202412', insuranceTypes: ['maternity'] }],
    ['no insurance type', { kind: 'insuranceCertificate', from: '202401', to: '202412', insuranceTypes: [] }],
    ['a made-up type', { kind: 'insuranceCertificate', from: '202401', to: '202412', insuranceTypes: ['pets'] }],
    [
      'a repeated type',
      { kind: 'insuranceCertificate', from: '202401', to: '202412', insuranceTypes: ['unemployment', 'unemployment'] },
    ],
  ])('answers 400 for %s and issues nothing', async (_what, payload) => {
    const { sessionId } = await open();
    const before = await countStatements();
    const res = await issue(sessionId, { ...payload, requestId: uuid() });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({ code: 'invalidRequest' });
    expect(res.body).not.toContain(worker.idNumber);
    expect(await countStatements()).toBe(before);
  });

  it('answers 4xx for a missing requestId, a malformed session or statement id, and a non-JSON body', async () => {
    const { sessionId } = await open();
    expect((await issue(sessionId, { kind: 'rightsStatement', year: 2024 })).statusCode).toBe(400);
    expect((await issue(sessionId, { kind: 'rightsStatement', year: 2024, requestId: 'again' })).statusCode).toBe(400);
    expect((await issue('not-a-uuid', { kind: 'rightsStatement', year: 2024, requestId: uuid() })).statusCode).toBe(
      400,
    );
    const badId = await hall.inject({ as: 'a', method: 'GET', url: `/api/v1/sessions/${sessionId}/statements/x` });
    expect(badId.statusCode).toBe(400);
    const unknownId = await hall.inject({
      as: 'a',
      method: 'GET',
      url: `/api/v1/sessions/${sessionId}/statements/${uuid()}`,
    });
    expect(unknownId.statusCode).toBe(404);
    const text = await hall.inject({
      as: 'a',
      method: 'POST',
      url: `/api/v1/sessions/${sessionId}/statements`,
      headers: { 'content-type': 'application/json' },
      payload: '{"kind":',
    });
    expect(text.statusCode).toBe(400);
    const noAuth = await hall.inject({
      method: 'POST',
      url: `/api/v1/sessions/${sessionId}/statements`,
      payload: { kind: 'rightsStatement', year: 2024, requestId: uuid() },
    });
    expect(noAuth.statusCode).toBe(401);
  });

  it('issues a ten-year certificate over several pages', async () => {
    const { sessionId } = await open();
    const res = await issue(sessionId, {
      kind: 'insuranceCertificate',
      from: '201501',
      to: '202412',
      insuranceTypes: ['employeePension', 'employeeMedical', 'unemployment'],
      requestId: uuid(),
    });
    expect(res.statusCode, res.body).toBe(201);
    const issued = StatementIssued.parse(res.json());
    expect(issued.coverage).toBe('2015年01月至2024年12月');
    expect(issued.pageCount).toBeGreaterThanOrEqual(4);
  });

  it('counts the pages before issuing: the count and the shorter choice are the page counts of the PDFs that print', async () => {
    const { sessionId } = await open();
    const preview = (payload: object) =>
      hall.inject({ as: 'a', method: 'POST', url: `/api/v1/sessions/${sessionId}/statements/preview`, payload });
    const ask = {
      kind: 'insuranceCertificate',
      from: '201501',
      to: '202412',
      insuranceTypes: ['employeePension', 'employeeMedical', 'unemployment'],
    } as const;
    const before = await countStatements();
    const res = await preview(ask);
    expect(res.statusCode, res.body).toBe(200);
    const counted = StatementPreview.parse(res.json());
    expect(counted).toMatchObject({ coverage: '2015年01月至2024年12月', ask });
    expect(counted.pageCount).toBeGreaterThan(2);
    // The shorter choice is the last year of what would print, counted the same way.
    expect(counted.shorter).toMatchObject({ coverage: '2024年01月至2024年12月', ask: { ...ask, from: '202401' } });
    expect(await countStatements()).toBe(before); // counting issued, signed and recorded nothing

    const long = StatementIssued.parse((await issue(sessionId, { ...ask, requestId: uuid() })).json());
    expect(pdfPages(long.pdfBase64)).toBe(counted.pageCount);
    expect(long.pageCount).toBe(counted.pageCount);
    const short = StatementIssued.parse(
      (await issue(sessionId, { ...counted.shorter!.ask, requestId: uuid() })).json(),
    );
    expect(pdfPages(short.pdfBase64)).toBe(counted.shorter!.pageCount);
    expect(short.coverage).toBe('2024年01月至2024年12月');

    // A year's rights statement has no shorter choice; its count is its PDF's too.
    const year = StatementPreview.parse((await preview({ kind: 'rightsStatement', year: 2024 })).json());
    expect(year.shorter).toBeNull();
    const printed = StatementIssued.parse(
      (await issue(sessionId, { kind: 'rightsStatement', year: 2024, requestId: uuid() })).json(),
    );
    expect(pdfPages(printed.pdfBase64)).toBe(year.pageCount);
  });

  it('counts pages only after the second factor, and refuses a request id or a bad span', async () => {
    const { sessionId } = await open(worker, 'a', false);
    const url = `/api/v1/sessions/${sessionId}/statements/preview`;
    const refused = await hall.inject({
      as: 'a',
      method: 'POST',
      url,
      payload: { kind: 'rightsStatement', year: 2024 },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'secondFactorRequired' });
    const verified = (await open()).sessionId;
    const bad = (payload: object) =>
      hall.inject({ as: 'a', method: 'POST', url: `/api/v1/sessions/${verified}/statements/preview`, payload });
    expect((await bad({ kind: 'rightsStatement', year: 2024, requestId: uuid() })).statusCode).toBe(400);
    const backwards = {
      kind: 'insuranceCertificate',
      from: '202412',
      to: '201501',
      insuranceTypes: ['employeePension'],
    };
    expect((await bad(backwards)).statusCode).toBe(400);
  });
});
