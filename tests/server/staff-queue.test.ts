// The staff console's queue: call next to a window, recall, skip, serve; the display and the
// phone see the calls; two windows calling at once never get the same ticket.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CallNextResponse,
  HallDisplayFeed,
  PublicTicketView,
  StaffQueueView,
  StaffTicket,
} from '../../contracts/queue';
import { auditLog } from '../../server/db/schema';
import { backends } from './support/backends';
import { type TestHall, openTestHall } from './support/hall';
import { issue, staffHeaders, testClock } from './support/queue';

const clock = testClock('2026-05-06T01:30:00Z');

describe.each(backends)('staff queue on $name', (backend) => {
  let hall: TestHall;
  let clerk: Record<string, string>;
  let other: Record<string, string>;
  beforeAll(async () => {
    clock.set('2026-05-06T01:30:00Z');
    hall = await openTestHall(backend, { now: clock.now });
    clerk = await staffHeaders(hall, 'S001');
    other = await staffHeaders(hall, 'S002');
  });
  afterAll(async () => {
    await hall?.close();
  });

  const callNext = async (headers: Record<string, string>, windowNo: number, categoryCodes: string[]) => {
    const res = await hall.inject({
      method: 'POST',
      url: '/api/v1/staff/queue/call-next',
      headers,
      payload: { windowNo, categoryCodes },
    });
    expect(res.statusCode, res.body).toBe(200);
    return CallNextResponse.parse(res.json()).ticket;
  };
  const act = (ticketId: string, action: string, headers = clerk) =>
    hall.inject({ method: 'POST', url: `/api/v1/staff/tickets/${ticketId}/${action}`, headers });
  const display = async () =>
    HallDisplayFeed.parse((await hall.inject({ method: 'GET', url: '/api/v1/public/halls/demo-hall/display' })).json());

  it('calls the oldest waiting ticket to the window, and the display and the phone show it', async () => {
    const first = (await issue(hall, 'a', 'A')).ticket!;
    clock.advance(60_000);
    await issue(hall, 'b', 'B');
    const called = await callNext(clerk, 3, ['A', 'B']);
    expect(called).toMatchObject({ number: 'A001', status: 'called', windowNo: 3 });
    const feed = await display();
    expect(feed.calls).toEqual([expect.objectContaining({ number: 'A001', windowNo: 3, recallCount: 0 })]);
    expect(JSON.stringify(feed)).not.toMatch(/S001|KIOSK/);
    const phone = PublicTicketView.parse(
      (await hall.inject({ method: 'GET', url: `/api/v1/public/tickets/${first.ticketId}` })).json(),
    );
    expect(phone).toMatchObject({ status: 'called', windowNo: 3, nowServing: 'A001', peopleAhead: 0 });
  });

  it('recalls (the display counts it), serves, and refuses what does not fit with 409', async () => {
    const queue = StaffQueueView.parse(
      (await hall.inject({ method: 'GET', url: '/api/v1/staff/queue', headers: clerk })).json(),
    );
    const called = queue.called[0]!;
    const recalled = StaffTicket.parse((await act(called.ticketId, 'recall')).json());
    expect(recalled.recallCount).toBe(1);
    expect((await display()).calls[0]).toMatchObject({ number: 'A001', recallCount: 1 });
    const waiting = queue.waiting[0]!;
    expect(waiting.number).toBe('B001');
    const early = await act(waiting.ticketId, 'serve');
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'conflict' });
    const served = await act(called.ticketId, 'serve');
    expect(StaffTicket.parse(served.json())).toMatchObject({ status: 'served' });
    // A retried click changes nothing and is fine.
    expect((await act(called.ticketId, 'serve')).statusCode).toBe(200);
    expect((await act(called.ticketId, 'recall')).statusCode).toBe(409);
    expect((await display()).calls).toEqual([]);
    const audit = await hall.database.db.select().from(auditLog).where(eq(auditLog.subjectId, called.ticketId));
    expect(audit.map((a) => `${a.action}:${a.result}:${a.actorId}`)).toEqual(
      expect.arrayContaining([
        'queue.callNext:ok:S001',
        'queue.recall:ok:S001',
        'queue.serve:ok:S001',
        'queue.recall:conflict:S001',
      ]),
    );
  });

  it('skips a waiting ticket; the phone says so', async () => {
    const { ticket } = await issue(hall, 'a', 'C');
    const skipped = StaffTicket.parse((await act(ticket!.ticketId, 'skip')).json());
    expect(skipped.status).toBe('skipped');
    const phone = PublicTicketView.parse(
      (await hall.inject({ method: 'GET', url: `/api/v1/public/tickets/${ticket!.ticketId}` })).json(),
    );
    expect(phone).toMatchObject({ status: 'skipped', peopleAhead: 0 });
  });

  it('marks the window’s previous call served when it calls the next', async () => {
    await issue(hall, 'a', 'A');
    await issue(hall, 'a', 'A');
    const one = await callNext(clerk, 5, ['A']);
    const two = await callNext(clerk, 5, ['A']);
    expect(two!.number).not.toBe(one!.number);
    const queue = StaffQueueView.parse(
      (await hall.inject({ method: 'GET', url: '/api/v1/staff/queue', headers: clerk })).json(),
    );
    expect(queue.called.map((t) => t.number)).toEqual([two!.number]);
    expect(queue.finished.find((t) => t.ticketId === one!.ticketId)).toMatchObject({ status: 'served' });
  });

  it('gives two windows calling at the same moment different tickets, and null when nobody waits', async () => {
    for (let i = 0; i < 10; i++) await issue(hall, i % 2 ? 'a' : 'b', 'B');
    const calls = await Promise.all(
      Array.from({ length: 12 }, (_, i) => callNext(i % 2 ? clerk : other, 10 + i, ['B'])),
    );
    const numbers = calls.filter((t) => t !== null).map((t) => t!.number);
    // B001 was waiting from the first test, plus ten more: eleven tickets for twelve windows.
    expect(numbers).toHaveLength(11);
    expect(new Set(numbers).size).toBe(11);
    expect(calls.filter((t) => t === null)).toHaveLength(1);
  });

  it('shows the queue only with a staff token', async () => {
    expect((await hall.inject({ method: 'GET', url: '/api/v1/staff/queue' })).statusCode).toBe(401);
    expect(
      (await hall.inject({ method: 'GET', url: '/api/v1/staff/queue', headers: { authorization: 'Bearer nope' } }))
        .statusCode,
    ).toBe(401);
  });

  it.each([
    ['window 0', { windowNo: 0, categoryCodes: ['A'] }],
    ['no categories', { windowNo: 1, categoryCodes: [] }],
    ['a bad category', { windowNo: 1, categoryCodes: ['AA'] }],
    ['a string window', { windowNo: '1', categoryCodes: ['A'] }],
  ])('refuses call-next with %s: 400', async (_label, payload) => {
    const res = await hall.inject({ method: 'POST', url: '/api/v1/staff/queue/call-next', headers: clerk, payload });
    expect(res.statusCode).toBe(400);
  });

  it('tells a new ticket exactly how many wait before it after calls and skips out of order, and the wait at the served pace', async () => {
    // Five tickets at once (they reach the database as one batch), each with its own audit row.
    const five = await Promise.all([1, 2, 3, 4, 5].map((i) => issue(hall, i % 2 ? 'a' : 'b', 'C')));
    const numbers = five.map((r) => r.ticket!.number).sort();
    // C001 was issued and skipped above.
    expect(numbers).toEqual(['C002', 'C003', 'C004', 'C005', 'C006']);
    const byNumber = new Map(five.map((r) => [r.ticket!.number, r.ticket!]));
    const audited = await hall.database.db.select().from(auditLog).where(eq(auditLog.action, 'queue.issue'));
    for (const t of byNumber.values()) {
      expect(audited.filter((a) => a.subjectId === t.ticketId)).toEqual([
        expect.objectContaining({
          result: 'ok',
          terminalId: expect.stringMatching(/^KIOSK-/),
          detail: { categoryCode: 'C', number: Number(t.number.slice(1)), forPerson: false },
        }),
      ]);
    }

    expect((await act(byNumber.get('C004')!.ticketId, 'skip')).statusCode).toBe(200);
    expect(await callNext(clerk, 7, ['C'])).toMatchObject({ number: 'C002' });
    clock.advance(10 * 60_000);
    expect((await act(byNumber.get('C002')!.ticketId, 'serve')).statusCode).toBe(200);

    // Waiting before C007: C003, C005, C006. C002 took 10 minutes at one window.
    const sixth = (await issue(hall, 'a', 'C')).ticket!;
    expect(sixth).toMatchObject({ number: 'C007', peopleAhead: 3, estimatedWaitMin: 30 });
    const phone = PublicTicketView.parse(
      (await hall.inject({ method: 'GET', url: `/api/v1/public/tickets/${sixth.ticketId}` })).json(),
    );
    expect(phone).toMatchObject({ peopleAhead: 3, estimatedWaitMin: 30 });
  });

  it('answers 400 for a malformed ticket id and 404 for an unknown one', async () => {
    expect((await act('nope', 'serve')).statusCode).toBe(400);
    expect((await act('8d5e3c1a-6a43-4a1e-9a55-0c1f1d2b3c4d', 'serve')).statusCode).toBe(404);
  });
});
