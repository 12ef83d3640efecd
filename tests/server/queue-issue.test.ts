// Queue tickets as a kiosk and a phone see them: numbers never repeat or skip under concurrent
// terminals and retries, restart at local midnight, and a person holds one active ticket per category.
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TerminalProfile } from '../../contracts/hall-api';
import { HallDisplayFeed, PublicTicketView, QueueCategoriesResponse } from '../../contracts/queue';
import { auditLog, halls, queueTickets } from '../../server/db/schema';
import { demoPeople } from '../../server/seed/demo-people';
import { DEMO_HALL_ID } from '../../server/seed/hall';
import { backends } from './support/backends';
import { type TestHall, openTestHall } from './support/hall';
import { issue, openSession, testClock } from './support/queue';

// 10:00 in Guangzhou (UTC+8) on 3 March 2026.
const clock = testClock('2026-03-03T02:00:00Z');

const [p0, p1, p2, p3] = demoPeople;

const numbersOf = async (hall: TestHall, code: string, day: string) =>
  (
    await hall.database.db
      .select({ n: queueTickets.number })
      .from(queueTickets)
      .where(
        and(
          eq(queueTickets.hallId, DEMO_HALL_ID),
          eq(queueTickets.categoryCode, code),
          eq(queueTickets.serviceDay, day),
        ),
      )
  )
    .map((r) => r.n)
    .sort((x, y) => x - y);

describe.each(backends)('queue tickets on $name', (backend) => {
  let hall: TestHall;
  beforeAll(async () => {
    clock.set('2026-03-03T02:00:00Z');
    hall = await openTestHall(backend, { now: clock.now, publicBaseUrl: 'https://hall.example.cn' });
  });
  afterAll(async () => {
    await hall?.close();
  });

  it('prints A001 first, with the hall, the wait and a follow URL, and no personal data', async () => {
    const { res, ticket } = await issue(hall, 'a', 'A');
    expect(res.statusCode, res.body).toBe(201);
    expect(ticket).toMatchObject({
      number: 'A001',
      categoryCode: 'A',
      categoryName: '社保业务',
      serviceDay: '2026-03-03',
      issuedAt: '2026-03-03T02:00:00.000Z',
      peopleAhead: 0,
      estimatedWaitMin: 0,
      hallAddress: '广州市天河区天河北路 233 号',
      hallTimeZone: 'Asia/Shanghai',
      forPerson: false,
    });
    expect(ticket!.followUrl).toBe(`https://hall.example.cn/q/${ticket!.ticketId}`);
    const second = await issue(hall, 'b', 'A');
    expect(second.ticket).toMatchObject({ number: 'A002', peopleAhead: 1, estimatedWaitMin: 5 });
    const audit = await hall.database.db.select().from(auditLog).where(eq(auditLog.subjectId, ticket!.ticketId));
    expect(audit).toEqual([
      expect.objectContaining({ action: 'queue.issue', result: 'ok', terminalId: 'KIOSK-A', actorKind: 'terminal' }),
    ]);
  });

  it('lists categories with the people waiting and the estimated wait', async () => {
    const res = await hall.inject({ as: 'a', method: 'GET', url: '/api/v1/queue/categories' });
    expect(res.statusCode).toBe(200);
    const body = QueueCategoriesResponse.parse(res.json());
    expect(body.serviceDay).toBe('2026-03-03');
    expect(body.categories.map((c) => [c.code, c.waiting, c.estimatedWaitMin])).toEqual([
      ['A', 2, 10],
      ['B', 0, 0],
      ['C', 0, 0],
    ]);
  });

  // PGlite runs one statement at a time (in WASM), so it gets fewer requests; PostgreSQL gets the full 1,000.
  const burst = backend.name === 'postgres' ? 1000 : 300;
  it(`gives ${burst} concurrent requests from two terminals ${burst} distinct consecutive numbers`, async () => {
    const before = await numbersOf(hall, 'C', '2026-03-03');
    expect(before).toEqual([]);
    const results = await Promise.all(
      Array.from({ length: burst }, (_, i) => issue(hall, i % 2 === 0 ? 'a' : 'b', 'C')),
    );
    expect(results.filter((r) => r.res.statusCode !== 201).map((r) => r.res.body)).toEqual([]);
    const printed = results.map((r) => r.ticket!.number);
    expect(new Set(printed).size).toBe(burst);
    expect(await numbersOf(hall, 'C', '2026-03-03')).toEqual(Array.from({ length: burst }, (_, i) => i + 1));
    const sorted = printed.sort((x, y) => Number(x.slice(1)) - Number(y.slice(1)));
    expect(sorted[0]).toBe('C001');
    expect(sorted.at(-1)).toBe(burst === 1000 ? 'C1000' : `C${burst}`);
  }, 180_000);

  it('answers a retried key with the same ticket, even when the retries race', async () => {
    const key = randomUUID();
    const first = await issue(hall, 'a', 'B', { idempotencyKey: key });
    const again = await issue(hall, 'a', 'B', { idempotencyKey: key });
    expect(again.ticket).toEqual(first.ticket);

    const racing = randomUUID();
    const all = await Promise.all(Array.from({ length: 20 }, () => issue(hall, 'b', 'B', { idempotencyKey: racing })));
    expect(all.map((r) => r.res.statusCode)).toEqual(Array(20).fill(201));
    expect(new Set(all.map((r) => r.ticket!.ticketId)).size).toBe(1);
    // One ticket for the racing key, right after the first: nothing skipped.
    expect(await numbersOf(hall, 'B', '2026-03-03')).toEqual([1, 2]);
    // The same key from another terminal is another request.
    const other = await issue(hall, 'a', 'B', { idempotencyKey: racing });
    expect(other.ticket!.number).toBe('B003');
  });

  it('refuses a key reused for another category with 409 and issues nothing', async () => {
    const key = randomUUID();
    await issue(hall, 'a', 'B', { idempotencyKey: key });
    const before = await numbersOf(hall, 'A', '2026-03-03');
    const { res } = await issue(hall, 'a', 'A', { idempotencyKey: key });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'conflict' });
    expect(await numbersOf(hall, 'A', '2026-03-03')).toEqual(before);
  });

  it('restarts numbers at midnight in the hall time zone, not UTC', async () => {
    // 23:59 in Guangzhou is 15:59 UTC: still 3 March.
    clock.set('2026-03-03T15:59:00Z');
    const late = await issue(hall, 'a', 'A');
    expect(late.ticket).toMatchObject({ serviceDay: '2026-03-03', number: 'A003' });
    // 00:01 on 4 March in Guangzhou, still 3 March in UTC.
    clock.set('2026-03-03T16:01:00Z');
    const early = await issue(hall, 'a', 'A');
    expect(early.ticket).toMatchObject({ serviceDay: '2026-03-04', number: 'A001', peopleAhead: 0 });
    const cats = QueueCategoriesResponse.parse(
      (await hall.inject({ as: 'a', method: 'GET', url: '/api/v1/queue/categories' })).json(),
    );
    expect(cats.categories.find((c) => c.code === 'A')!.waiting).toBe(1);
    expect(cats.categories.find((c) => c.code === 'C')!.waiting).toBe(0);
  });

  it('ties a ticket to the session person and holds them to one active ticket per category', async () => {
    const sessionId = await openSession(hall, 'a', p0!.idNumber, p0!.name);
    const mine = await issue(hall, 'a', 'B', { sessionId });
    expect(mine.res.statusCode).toBe(201);
    expect(mine.ticket!.forPerson).toBe(true);
    const [row] = await hall.database.db.select().from(queueTickets).where(eq(queueTickets.id, mine.ticket!.ticketId));
    expect(row!.personId).not.toBeNull();

    const before = await numbersOf(hall, 'B', '2026-03-04');
    const refused = await issue(hall, 'a', 'B', { sessionId });
    expect(refused.res.statusCode).toBe(409);
    expect(refused.res.json()).toMatchObject({ code: 'ticketLimit' });
    // The refusal consumed no number.
    expect(await numbersOf(hall, 'B', '2026-03-04')).toEqual(before);
    // Another category is fine; so is an anonymous ticket of the same one.
    expect((await issue(hall, 'a', 'C', { sessionId })).res.statusCode).toBe(201);
    expect((await issue(hall, 'a', 'B')).res.statusCode).toBe(201);
    // Once served, the person may take a new one.
    await hall.database.db
      .update(queueTickets)
      .set({ status: 'served' })
      .where(eq(queueTickets.id, mine.ticket!.ticketId));
    const next = await issue(hall, 'a', 'B', { sessionId });
    expect(next.ticket!.number).toBe('B003');
    const audit = await hall.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'queue.issue'), eq(auditLog.result, 'ticketLimit')));
    expect(audit.length).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(audit)).not.toContain(p0!.name);
  });

  it('holds the limit when one person races from two requests', async () => {
    const sessionId = await openSession(hall, 'b', p1!.idNumber, p1!.name);
    const all = await Promise.all(Array.from({ length: 10 }, () => issue(hall, 'b', 'A', { sessionId })));
    expect(all.filter((r) => r.res.statusCode === 201)).toHaveLength(1);
    expect(all.filter((r) => r.res.statusCode === 409)).toHaveLength(9);
  });

  it("refuses another terminal's session", async () => {
    const sessionId = await openSession(hall, 'a', p2!.idNumber, p2!.name);
    const { res } = await issue(hall, 'b', 'A', { sessionId });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'noSession' });
  });

  it('shows a phone the ticket and its progress without any personal data', async () => {
    const sessionId = await openSession(hall, 'a', p3!.idNumber, p3!.name);
    const { ticket } = await issue(hall, 'a', 'C', { sessionId });
    const res = await hall.inject({ method: 'GET', url: `/api/v1/public/tickets/${ticket!.ticketId}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const view = PublicTicketView.parse(res.json());
    expect(view).toMatchObject({ number: ticket!.number, status: 'waiting', categoryName: '就业服务', windowNo: null });
    expect(Object.keys(res.json()).sort()).toEqual(
      [
        'asOf',
        'calledAt',
        'categoryCode',
        'categoryName',
        'estimatedWaitMin',
        'hallName',
        'issuedAt',
        'nowServing',
        'number',
        'peopleAhead',
        'serviceDay',
        'status',
        'windowNo',
      ].sort(),
    );
    expect(res.body).not.toContain(p3!.name);
    expect(res.body).not.toContain(p3!.idNumber.slice(0, 6));
    expect(res.body).not.toContain('KIOSK');
    const unknown = await hall.inject({ method: 'GET', url: `/api/v1/public/tickets/${randomUUID()}` });
    expect(unknown.statusCode).toBe(404);
  });

  it('feeds the hall display without auth and without personal data', async () => {
    const res = await hall.inject({ method: 'GET', url: `/api/v1/public/halls/${DEMO_HALL_ID}/display` });
    expect(res.statusCode).toBe(200);
    const feed = HallDisplayFeed.parse(res.json());
    expect(feed.serviceDay).toBe('2026-03-04');
    expect(feed.calls).toEqual([]);
    expect(feed.waiting.map((w) => w.code)).toEqual(['A', 'B', 'C']);
    expect((await hall.inject({ method: 'GET', url: '/api/v1/public/halls/nope/display' })).statusCode).toBe(404);
  });

  it.each([
    ['no credential', undefined, { categoryCode: 'A', idempotencyKey: 'abcdefgh1' }, 401],
    ['an unknown category', 'a', { categoryCode: 'Z', idempotencyKey: 'abcdefgh2' }, 404],
    ['a lowercase category', 'a', { categoryCode: 'a', idempotencyKey: 'abcdefgh3' }, 400],
    ['no key', 'a', { categoryCode: 'A' }, 400],
    ['a short key', 'a', { categoryCode: 'A', idempotencyKey: 'x' }, 400],
    ['extra fields', 'a', { categoryCode: 'A', idempotencyKey: 'abcdefgh4', idNumber: '44010619780516035X' }, 400],
    ['a bad session id', 'a', { categoryCode: 'A', idempotencyKey: 'abcdefgh5', sessionId: 'nope' }, 400],
    ['an unknown session', 'a', { categoryCode: 'A', idempotencyKey: 'abcdefgh6', sessionId: randomUUID() }, 404],
    ['not JSON', 'a', 'hello', 415],
  ] as const)('refuses %s with a 4xx and issues nothing', async (_label, as, payload, status) => {
    const before = await hall.database.db.select({ id: queueTickets.id }).from(queueTickets);
    const res = await hall.inject({
      as: as as 'a' | undefined,
      method: 'POST',
      url: '/api/v1/queue/tickets',
      payload: payload as object,
    });
    expect(res.statusCode).toBe(status);
    expect(res.json()).toHaveProperty('code');
    expect(await hall.database.db.select({ id: queueTickets.id }).from(queueTickets)).toHaveLength(before.length);
  });

  it("keeps the service day of the hall's own time zone (halls.time_zone), told to the terminal too", async () => {
    const { db } = hall.database;
    await db.update(halls).set({ timeZone: 'Asia/Urumqi' }).where(eq(halls.id, DEMO_HALL_ID));
    try {
      // 01:00 on 5 March in Beijing, but 23:00 on 4 March in Urumqi (UTC+6).
      clock.set('2026-03-04T17:00:00Z');
      const profile = TerminalProfile.parse(
        (await hall.inject({ as: 'a', method: 'GET', url: '/api/v1/terminal' })).json(),
      );
      expect(profile.hallTimeZone).toBe('Asia/Urumqi');
      const late = await issue(hall, 'a', 'A');
      expect(late.ticket).toMatchObject({ serviceDay: '2026-03-04', hallTimeZone: 'Asia/Urumqi' });
    } finally {
      await db.update(halls).set({ timeZone: 'Asia/Shanghai' }).where(eq(halls.id, DEMO_HALL_ID));
    }
  });

  it('refuses malformed public ids with 400', async () => {
    expect((await hall.inject({ method: 'GET', url: '/api/v1/public/tickets/1%27%20or%201=1' })).statusCode).toBe(400);
    expect(
      (await hall.inject({ method: 'GET', url: `/api/v1/public/halls/${'x'.repeat(100)}/display` })).statusCode,
    ).toBe(400);
  });
});
