// Sessions: open with a demo person, summary equal to SQL over the seeded rows, close, expiry,
// another terminal's session, and the rows this leaves in kiosk_sessions and audit_log.
import { and, desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InsuranceSummary } from '../../contracts/domain';
import { OpenSessionResponse } from '../../contracts/hall-api';
import { auditLog, kioskSessions, persons, terminals } from '../../server/db/schema';
import { makeIdNumber } from '../../server/seed/codes';
import { demoPeople } from '../../server/seed/demo-people';
import { backends } from './support/backends';
import { TERMINAL_A, type TestHall, openTestHall } from './support/hall';

const employee = demoPeople[0]!;
const retiree = demoPeople[2]!;

function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

describe.each(backends)('sessions on $name', (backend) => {
  let hall: TestHall;
  beforeAll(async () => {
    hall = await openTestHall(backend);
  });
  afterAll(async () => {
    await hall?.close();
  });

  async function open(person = employee, as: 'a' | 'b' = 'a') {
    const res = await hall.inject({
      as,
      method: 'POST',
      url: '/api/v1/sessions',
      payload: { identifiedBy: 'idCard', idNumber: person.idNumber, name: person.name },
    });
    expect(res.statusCode, res.body).toBe(201);
    return OpenSessionResponse.parse(res.json());
  }

  it('opens a session for a demo person and shows them masked', async () => {
    const opened = await open();
    expect(opened.person).toEqual({
      name: '王建国',
      maskedIdNumber: '4401**********035X',
      sex: 'male',
      isRetiree: false,
    });
    const expiresIn = Date.parse(opened.expiresAt) - Date.now();
    expect(expiresIn).toBeGreaterThan(9 * 60_000);
    expect(expiresIn).toBeLessThanOrEqual(10 * 60_000 + 1000);
    const [row] = await hall.database.db.select().from(kioskSessions).where(eq(kioskSessions.id, opened.sessionId));
    expect(row).toMatchObject({ terminalId: TERMINAL_A, personId: 1, identifiedBy: 'idCard', closedAt: null });
    const [entry] = await hall.database.db.select().from(auditLog).where(eq(auditLog.subjectId, opened.sessionId));
    expect(entry).toMatchObject({
      action: 'session.open',
      result: 'ok',
      terminalId: TERMINAL_A,
      actorKind: 'terminal',
    });
    expect(JSON.stringify(entry)).not.toContain(employee.idNumber);
    expect(JSON.stringify(entry)).not.toContain(employee.name);
  });

  it.each([
    ['an unknown ID number', { idNumber: makeIdNumber('110105', '19900101', 123), name: '王建国' }],
    ['a name that does not match', { idNumber: employee.idNumber, name: '王建' }],
  ])('answers personNotFound for %s, and audits it without personal data', async (_what, person) => {
    const before = await hall.database.db.select({ n: sql<number>`count(*)::int` }).from(kioskSessions);
    const res = await hall.inject({
      as: 'a',
      method: 'POST',
      url: '/api/v1/sessions',
      payload: { identifiedBy: 'idCard', ...person },
    });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'personNotFound' });
    const after = await hall.database.db.select({ n: sql<number>`count(*)::int` }).from(kioskSessions);
    expect(after[0]!.n).toBe(before[0]!.n);
    const [entry] = await hall.database.db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1);
    expect(entry).toMatchObject({ action: 'session.open', result: 'personNotFound', terminalId: TERMINAL_A });
    expect(JSON.stringify(entry)).not.toContain(person.idNumber);
  });

  it('computes the summary from the seeded rows (as SQL over them says)', async () => {
    for (const person of [employee, retiree, demoPeople[3]!, demoPeople[6]!]) {
      const { sessionId } = await open(person);
      const res = await hall.inject({ as: 'a', method: 'GET', url: `/api/v1/sessions/${sessionId}/summary` });
      expect(res.statusCode, res.body).toBe(200);
      const summary = InsuranceSummary.parse(res.json());
      const db = hall.database.db;
      const [p] = await db.select().from(persons).where(eq(persons.idNumber, person.idNumber));
      const expected = rowsOf<{
        insurance_type: string;
        status: string;
        paid: number;
        arrears: number;
        employer: string | null;
      }>(
        await db.execute(sql`
          select e.insurance_type, e.status, em.name as employer,
            (select count(*) from contributions c where c.person_id = e.person_id and c.insurance_type = e.insurance_type and c.paid)::int as paid,
            (select count(*) from contributions c where c.person_id = e.person_id and c.insurance_type = e.insurance_type and not c.paid)::int as arrears
          from enrollments e left join employers em on em.id = e.employer_id
          where e.person_id = ${p!.id} order by e.insurance_type`),
      );
      const got = [...summary.enrollments].sort((x, y) => (x.insuranceType < y.insuranceType ? -1 : 1));
      expect(got.map((e) => [e.insuranceType, e.status, e.paidMonths, e.arrearsMonths, e.employerName])).toEqual(
        expected
          .map((e) => [e.insurance_type, e.status, e.paid, e.arrears, e.employer])
          .sort((x, y) => ((x[0] as string) < (y[0] as string) ? -1 : 1)),
      );
      const [pension] = rowsOf<{ months: number; balance: string | number | null; personal: string | number | null }>(
        await db.execute(sql`
          select (select count(distinct period) from contributions where person_id = ${p!.id} and paid
                    and insurance_type in ('employeePension', 'residentPension', 'publicSectorPension'))::int as months,
                 (select balance from pension_accounts where person_id = ${p!.id}) as balance,
                 (select sum(personal_amount) from contributions where person_id = ${p!.id} and paid
                    and insurance_type in ('employeePension', 'residentPension', 'publicSectorPension')) as personal`),
      );
      expect(summary.pensionPaidMonths).toBe(pension!.months);
      expect(summary.pensionAccount?.balance ?? null).toBe(pension!.balance === null ? null : Number(pension!.balance));
      // The account holds what the person paid in plus the yearly interest credited on it (记账利率;
      // the seed's own check of the figures is in seed-generator.test.ts), never less than paid in.
      if (pension!.personal !== null) {
        expect(summary.pensionAccount!.balance).toBeGreaterThanOrEqual(Number(pension!.personal));
      }
      const [medical] = rowsOf<{ balance: string | number | null; last: string | number | null }>(
        await db.execute(sql`
          select (select balance from medical_accounts where person_id = ${p!.id}) as balance,
                 (select balance_after from medical_account_transactions where person_id = ${p!.id} order by occurred_at desc, id desc limit 1) as last`),
      );
      expect(summary.medicalAccount?.balance ?? null).toBe(medical!.balance === null ? null : Number(medical!.balance));
      expect(summary.medicalAccount?.balance ?? null).toBe(medical!.last === null ? null : Number(medical!.last));
      const [payment] = rowsOf<{ amount: number | null }>(
        await db.execute(
          sql`select (select amount from pension_payments where person_id = ${p!.id} order by period desc limit 1) as amount`,
        ),
      );
      expect(summary.monthlyPension).toBe(p!.isRetiree ? payment!.amount : null);
    }
  });

  it('shows the roles of the demo people in their summaries', async () => {
    const summaryOf = async (i: number) => {
      const { sessionId } = await open(demoPeople[i]!);
      return InsuranceSummary.parse(
        (await hall.inject({ as: 'a', method: 'GET', url: `/api/v1/sessions/${sessionId}/summary` })).json(),
      );
    };
    const worker = await summaryOf(0);
    expect(worker.pensionPaidMonths).toBeGreaterThan(180);
    expect(worker.enrollments.find((e) => e.insuranceType === 'employeePension')?.status).toBe('active');
    const certified = await summaryOf(2);
    expect(certified.monthlyPension).toBeGreaterThan(0);
    expect(certified.enrollments.find((e) => e.insuranceType === 'employeePension')?.status).toBe('receiving');
    const young = await summaryOf(3);
    expect(young.enrollments.find((e) => e.insuranceType === 'residentPension')?.arrearsMonths).toBeGreaterThan(0);
    const unemployed = await summaryOf(4);
    expect(unemployed.enrollments.find((e) => e.insuranceType === 'unemployment')?.status).toBe('receiving');
    const owed = await summaryOf(6);
    expect(owed.enrollments.find((e) => e.insuranceType === 'employeePension')?.arrearsMonths).toBe(3);
  });

  it('refreshes the idle timer on each request and keeps another terminal out (404, no data)', async () => {
    const { sessionId } = await open();
    await hall.database.db.execute(
      sql`update kiosk_sessions set last_activity_at = now() - interval '5 minutes' where id = ${sessionId}`,
    );
    const other = await hall.inject({ as: 'b', method: 'GET', url: `/api/v1/sessions/${sessionId}/summary` });
    expect(other.statusCode).toBe(404);
    expect(other.json()).toEqual({ code: 'noSession', message: expect.any(String) });
    expect(other.body).not.toContain('enrollments');
    const closeByOther = await hall.inject({ as: 'b', method: 'DELETE', url: `/api/v1/sessions/${sessionId}` });
    expect(closeByOther.statusCode).toBe(404);
    const [stale] = await hall.database.db.select().from(kioskSessions).where(eq(kioskSessions.id, sessionId));
    expect(Date.now() - stale!.lastActivityAt.getTime()).toBeGreaterThan(4 * 60_000);
    expect(stale!.closedAt).toBeNull();
    const own = await hall.inject({ as: 'a', method: 'GET', url: `/api/v1/sessions/${sessionId}/summary` });
    expect(own.statusCode).toBe(200);
    const [fresh] = await hall.database.db.select().from(kioskSessions).where(eq(kioskSessions.id, sessionId));
    expect(Date.now() - fresh!.lastActivityAt.getTime()).toBeLessThan(60_000);
  });

  it('answers noSession for a session id that does not exist', async () => {
    const res = await hall.inject({
      as: 'a',
      method: 'GET',
      url: '/api/v1/sessions/6f1c1a52-3c5e-4d0a-9a57-1f6e1c1e2d3b/summary',
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('noSession');
  });

  it('closes a session idempotently; a closed session is sessionExpired', async () => {
    const { sessionId } = await open();
    const first = await hall.inject({ as: 'a', method: 'DELETE', url: `/api/v1/sessions/${sessionId}` });
    expect(first.statusCode).toBe(204);
    expect(first.body).toBe('');
    const again = await hall.inject({ as: 'a', method: 'DELETE', url: `/api/v1/sessions/${sessionId}` });
    expect(again.statusCode).toBe(204);
    const [row] = await hall.database.db.select().from(kioskSessions).where(eq(kioskSessions.id, sessionId));
    expect(row!.closedAt).toBeInstanceOf(Date);
    expect(row!.closeReason).toBe('closed');
    const closes = await hall.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectId, sessionId), eq(auditLog.action, 'session.close')));
    expect(closes).toHaveLength(1);
    const res = await hall.inject({ as: 'a', method: 'GET', url: `/api/v1/sessions/${sessionId}/summary` });
    expect(res.statusCode).toBe(410);
    expect(res.json().code).toBe('sessionExpired');
  });

  it('expires an idle session on the server and closes it as of when it went idle', async () => {
    const { sessionId } = await open();
    await hall.database.db.execute(
      sql`update kiosk_sessions set last_activity_at = now() - interval '11 minutes' where id = ${sessionId}`,
    );
    const res = await hall.inject({ as: 'a', method: 'GET', url: `/api/v1/sessions/${sessionId}/summary` });
    expect(res.statusCode).toBe(410);
    expect(res.json()).toEqual({ code: 'sessionExpired', message: expect.any(String) });
    const [row] = await hall.database.db.select().from(kioskSessions).where(eq(kioskSessions.id, sessionId));
    expect(row!.closeReason).toBe('expired');
    expect(Date.now() - row!.closedAt!.getTime()).toBeGreaterThan(50_000);
    const expiries = await hall.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectId, sessionId), eq(auditLog.action, 'session.expire')));
    expect(expiries).toHaveLength(1);
  });

  it('records closing an already idle session as its expiry', async () => {
    const { sessionId } = await open();
    await hall.database.db.execute(
      sql`update kiosk_sessions set last_activity_at = now() - interval '30 minutes' where id = ${sessionId}`,
    );
    const res = await hall.inject({ as: 'a', method: 'DELETE', url: `/api/v1/sessions/${sessionId}` });
    expect(res.statusCode).toBe(204);
    const [row] = await hall.database.db.select().from(kioskSessions).where(eq(kioskSessions.id, sessionId));
    expect(row!.closeReason).toBe('expired');
    expect(Date.now() - row!.closedAt!.getTime()).toBeGreaterThan(15 * 60_000);
  });

  it('refuses to open a session on a terminal that is out of service', async () => {
    await hall.database.db.update(terminals).set({ inService: false }).where(eq(terminals.id, TERMINAL_A));
    try {
      const res = await hall.inject({
        as: 'a',
        method: 'POST',
        url: '/api/v1/sessions',
        payload: { identifiedBy: 'idCard', idNumber: employee.idNumber, name: employee.name },
      });
      expect(res.statusCode).toBe(503);
      expect(res.json().code).toBe('outOfService');
      const profile = await hall.inject({ as: 'a', method: 'GET', url: '/api/v1/terminal' });
      expect(profile.json()).toMatchObject({ terminalId: TERMINAL_A, inService: false });
    } finally {
      await hall.database.db.update(terminals).set({ inService: true }).where(eq(terminals.id, TERMINAL_A));
    }
  });
});
