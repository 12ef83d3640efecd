// Case progress: by receipt number without a card (item, status, steps, due date, overdue, masked
// name and nothing else of the applicant), and the session person's own cases. Overdue is counted in
// the hall's calendar (Asia/Shanghai), so 00:30 in Shanghai is already the next day.
import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseProgress, SessionCasesResponse } from '../../contracts/inquiry';
import { CASE_MISS_LIMIT, caseView, maskName } from '../../server/cases/case-progress';
import { auditLog, cases, persons } from '../../server/db/schema';
import { addDays, todayIn } from '../../server/seed/dates';
import { demoPeople } from '../../server/seed/demo-people';
import { DEMO_HALL_ID } from '../../server/seed/hall';
import { backends } from './support/backends';
import { get, openFor } from './support/citizen';
import { TERMINAL_B, type TestHall, openTestHall } from './support/hall';

const wang = demoPeople[0]!;
const zhang = demoPeople[2]!;

describe('overdue in the hall calendar', () => {
  const row = {
    caseNo: 'SB0012025060100000011',
    itemCode: 'SB001',
    item: '企业职工基本养老保险关系转移接续',
    status: 'processing' as const,
    acceptedAt: new Date('2025-06-01T01:00:00Z'),
    dueDate: '2025-06-15',
    completedAt: null,
    steps: [{ name: '受理', at: '2025-06-01T01:00:00.000Z', by: '周敏' }],
    name: '王建国',
    timeZone: 'Asia/Shanghai',
  };

  it('is not overdue on the due date itself, in Shanghai', () => {
    expect(caseView(row, new Date('2025-06-15T15:59:00Z'))).toMatchObject({ overdue: false, daysOverdue: 0 });
  });

  it('is overdue from 00:00 the next day in Shanghai, while UTC still says the due date', () => {
    expect(caseView(row, new Date('2025-06-15T16:30:00Z'))).toMatchObject({ overdue: true, daysOverdue: 1 });
    expect(caseView(row, new Date('2025-06-20T04:00:00Z'))).toMatchObject({ overdue: true, daysOverdue: 5 });
  });

  it('is never overdue once finished, but says when it finished late', () => {
    const late = { ...row, status: 'completed' as const, completedAt: new Date('2025-06-16T02:00:00Z') };
    expect(caseView(late, new Date('2025-07-01T00:00:00Z'))).toMatchObject({
      overdue: false,
      finishedLate: true,
      daysOverdue: 0,
    });
    const onTime = { ...late, completedAt: new Date('2025-06-15T15:00:00Z') };
    expect(caseView(onTime, new Date('2025-07-01T00:00:00Z'))).toMatchObject({ finishedLate: false });
  });

  it('masks names so one can recognise one’s own receipt and no more', () => {
    expect(maskName('王建国')).toBe('王*国');
    expect(maskName('李娜')).toBe('李*');
    expect(maskName('欧阳娜娜')).toBe('欧**娜');
    expect(maskName('王')).toBe('*');
  });
});

describe.each(backends)('case progress on $name', (backend) => {
  let hall: TestHall;
  let wangId: number;
  let zhangId: number;
  beforeAll(async () => {
    hall = await openTestHall(backend);
    const id = async (idNumber: string) =>
      (await hall.database.db.select({ id: persons.id }).from(persons).where(eq(persons.idNumber, idNumber)))[0]!.id;
    wangId = await id(wang.idNumber);
    zhangId = await id(zhang.idNumber);
  });
  afterAll(async () => {
    await hall?.close();
  });

  const today = () => todayIn('Asia/Shanghai');

  /** A case still in the back office, due in `days` (negative: past due). */
  async function insertCase(caseNo: string, personId: number, days: number) {
    const dueDate = addDays(today(), days);
    await hall.database.db.insert(cases).values({
      caseNo,
      personId,
      hallId: DEMO_HALL_ID,
      itemCode: 'SB001',
      item: '企业职工基本养老保险关系转移接续',
      status: 'processing',
      acceptedAt: new Date(Date.now() - 10 * 86_400_000),
      dueDate,
      steps: [
        { name: '受理', at: new Date(Date.now() - 10 * 86_400_000).toISOString(), by: '周敏' },
        { name: '审核', at: new Date(Date.now() - 5 * 86_400_000).toISOString(), by: '黄磊', note: '已转原参保地' },
      ],
    });
    return dueDate;
  }

  it('shows a case by its receipt number without a card: progress, due date, masked name only', async () => {
    const [row] = await hall.database.db.select().from(cases).where(eq(cases.personId, wangId));
    expect(row).toBeDefined();
    const res = await get(hall, `/api/v1/cases/${row!.caseNo}`);
    expect(res.status, res.raw).toBe(200);
    const body = CaseProgress.parse(res.body);
    expect(Object.keys(res.body).sort()).toEqual(Object.keys(CaseProgress.shape).sort());
    expect(body).toMatchObject({
      caseNo: row!.caseNo,
      item: row!.item,
      status: row!.status,
      dueDate: row!.dueDate,
      maskedName: '王*国',
      timeZone: 'Asia/Shanghai',
    });
    expect(body.steps.map((s) => [s.name, s.by, Date.parse(s.at)])).toEqual(
      row!.steps.map((s) => [s.name, s.by, Date.parse(s.at)]),
    );
    const finished = row!.status === 'completed' || row!.status === 'rejected';
    expect(body.overdue).toBe(!finished && today() > row!.dueDate);
    for (const secret of [wang.name, wang.idNumber, wang.address, '13800138001']) {
      expect(res.raw).not.toContain(secret);
    }
    const [entry] = await hall.database.db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1);
    expect(entry).toMatchObject({ action: 'case.lookup', result: 'ok', subjectId: row!.caseNo });
    expect(JSON.stringify(entry)).not.toContain(wang.name);
  });

  it('flags an unfinished case past its due date as overdue, and one due later as not', async () => {
    const pastDue = await insertCase('SB0012099010100000019', wangId, -3);
    const dueLater = await insertCase('SB0012099010100000029', wangId, 4);
    const late = CaseProgress.parse((await get(hall, '/api/v1/cases/SB0012099010100000019')).body);
    expect(late).toMatchObject({ dueDate: pastDue, overdue: true, daysOverdue: 3, status: 'processing' });
    expect(late.steps[1]).toMatchObject({ name: '审核', by: '黄磊', note: '已转原参保地' });
    const fine = CaseProgress.parse((await get(hall, '/api/v1/cases/sb0012099010100000029')).body);
    expect(fine).toMatchObject({ dueDate: dueLater, overdue: false, daysOverdue: 0 });
  });

  it("lists the session person's own cases, newest first, paged, and only theirs", async () => {
    const sessionId = await openFor(hall, wang, 'idCard');
    const rows = await hall.database.db
      .select()
      .from(cases)
      .where(eq(cases.personId, wangId))
      .orderBy(desc(cases.acceptedAt), desc(cases.id));
    const first = SessionCasesResponse.parse((await get(hall, `/api/v1/sessions/${sessionId}/cases?pageSize=2`)).body);
    expect(first.pageInfo).toEqual({ page: 1, pageSize: 2, total: rows.length, pageCount: Math.ceil(rows.length / 2) });
    expect(first.cases.map((c) => c.caseNo)).toEqual(rows.slice(0, 2).map((r) => r.caseNo));
    const all = SessionCasesResponse.parse((await get(hall, `/api/v1/sessions/${sessionId}/cases?pageSize=12`)).body);
    expect(all.cases.map((c) => c.caseNo).sort()).toEqual(rows.map((r) => r.caseNo).sort());
    expect(all.cases.every((c) => c.maskedName === '王*国')).toBe(true);
    const one = await get(hall, `/api/v1/sessions/${sessionId}/cases/${rows[0]!.caseNo}`);
    expect(one.status).toBe(200);
    expect(one.body.caseNo).toBe(rows[0]!.caseNo);
  });

  it("answers 404 for another person's case number through a session, revealing nothing", async () => {
    const [theirs] = await hall.database.db.select().from(cases).where(eq(cases.personId, zhangId));
    expect(theirs).toBeDefined();
    const sessionId = await openFor(hall, wang, 'idCard');
    const res = await get(hall, `/api/v1/sessions/${sessionId}/cases/${theirs!.caseNo}`);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ code: 'notFound', message: expect.any(String) });
    expect(res.raw).not.toContain(theirs!.item);
    const other = await get(hall, `/api/v1/sessions/${sessionId}/cases/SB0012099010100000099`);
    expect(other.body).toEqual(res.body);
    const list = SessionCasesResponse.parse((await get(hall, `/api/v1/sessions/${sessionId}/cases`)).body);
    expect(list.cases.map((c) => c.caseNo)).not.toContain(theirs!.caseNo);
  });

  it("keeps another terminal out of a session's cases (404 noSession)", async () => {
    const sessionId = await openFor(hall, wang, 'idCard');
    const [row] = await hall.database.db.select().from(cases).where(eq(cases.personId, wangId));
    for (const url of [`/api/v1/sessions/${sessionId}/cases`, `/api/v1/sessions/${sessionId}/cases/${row!.caseNo}`]) {
      const res = await get(hall, url, 'b');
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('noSession');
    }
  });

  it.each([
    ['an unknown number', 'SB0019999999999999999', 404],
    ['too short', 'SB1', 400],
    ['too long', 'A'.repeat(41), 400],
    ['punctuation', 'SB001-2024', 400],
    ['a SQL quote', "SB001'or'1'='1", 400],
    ['Chinese characters', encodeURIComponent('受理编号123456'), 400],
    ['a percent-encoded NUL', 'SB001%00123', 400],
    ['a very long value', 'A'.repeat(5000), 414],
  ])('answers %s with a clear 4xx, never 5xx', async (_what, caseNo, status) => {
    const res = await get(hall, `/api/v1/cases/${caseNo}`);
    expect(res.status).toBe(status);
    expect(res.body.code).toEqual(status === 404 ? 'notFound' : 'invalidRequest');
  });

  it('pauses lookups on a terminal that tried too many unknown numbers (429), not on the others', async () => {
    const [row] = await hall.database.db.select().from(cases).where(eq(cases.personId, wangId));
    const misses = Array.from({ length: CASE_MISS_LIMIT - 1 }, () => ({
      actorKind: 'terminal' as const,
      actorId: TERMINAL_B,
      terminalId: TERMINAL_B,
      action: 'case.lookup',
      result: 'notFound',
    }));
    await hall.database.db.insert(auditLog).values(misses);
    expect((await get(hall, `/api/v1/cases/${row!.caseNo}`, 'b')).status).toBe(200);
    expect((await get(hall, '/api/v1/cases/SB0019999999999999998', 'b')).status).toBe(404);
    const paused = await get(hall, `/api/v1/cases/${row!.caseNo}`, 'b');
    expect(paused.status).toBe(429);
    expect(paused.body).toEqual({ code: 'rateLimited', message: expect.any(String) });
    expect(paused.raw).not.toContain(row!.item);
    expect((await get(hall, `/api/v1/cases/${row!.caseNo}`, 'a')).status).toBe(200);
  });

  it('needs the terminal credential even without a card', async () => {
    const res = await hall.inject({ method: 'GET', url: '/api/v1/cases/SB0019999999999999999' });
    expect(res.statusCode).toBe(401);
  });
});
