// The events that write notices, end to end through the hall server: a staff case status change
// (one SMS, visible on the simulator page with the number masked), the daily certification notices
// (once, however often the pass runs), the ticket holder's "3 away", and 回复TD on the simulator page.
import { randomUUID } from 'node:crypto';
import { and, eq, isNotNull, like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../server/app';
import { cases, certifications, noticeOutbox, persons } from '../../server/db/schema';
import { runDailyNotices } from '../../server/notices/daily';
import { noticeAppointment } from '../../server/notices/events';
import { registerSmsSimulatorPage } from '../../server/notices/sim-page';
import { createSmsSimulator } from '../../server/notices/sms-simulator';
import { NoticeWorker } from '../../server/notices/worker';
import { DEMO_HALL_ID } from '../../server/seed/hall';
import { backends } from './support/backends';
import { type TestHall, openTestHall } from './support/hall';
import { staffHeaders, testClock } from './support/queue';

const roomy = { perMinute: 1000, perHour: 1000 };

for (const backend of backends) {
  describe(`notice events on ${backend.name}`, () => {
    let hall: TestHall;
    // Far ahead (2054, the same weekdays as 2026): the outbox writes a notice due from the database's
    // own clock, so a test clock the real date has passed would never find it due.
    const clock = testClock('2054-12-07T02:00:00Z'); // 10:00 in the hall
    let worker: NoticeWorker;
    beforeAll(async () => {
      hall = await openTestHall(backend, { now: clock.now });
      worker = new NoticeWorker({
        db: hall.database.db,
        provider: createSmsSimulator(hall.database.db, { now: clock.now, flowControl: roomy }),
        signName: '天河人社',
        now: clock.now,
      });
      // The simulator page registers on the built app before it is ready, as startHallServer does.
      const base = hall;
      await base.app.close();
      const app = buildServer({ ...base.database, now: clock.now });
      registerSmsSimulatorPage(app, base.database.db);
      await app.ready();
      hall = {
        ...base,
        app,
        inject: ({ as, headers, ...rest }) =>
          app.inject({ ...rest, headers: { ...(as ? (as === 'a' ? base.a : base.b) : {}), ...headers } }),
        close: async () => {
          await app.close();
          await base.database.close();
        },
      };
    }, 180_000);
    afterAll(() => hall?.close());

    it('a finished case writes one SMS with no name or ID number, shown masked on the simulator page', async () => {
      const { db } = hall.database;
      const [open] = await db
        .select({ caseNo: cases.caseNo, phone: persons.phone, name: persons.name, idNumber: persons.idNumber })
        .from(cases)
        .innerJoin(persons, eq(persons.id, cases.personId))
        .where(
          and(
            eq(cases.hallId, DEMO_HALL_ID),
            sql`${cases.status} in ('accepted','processing')`,
            isNotNull(persons.phone),
          ),
        )
        .limit(1);
      const headers = await staffHeaders(hall, 'S001');
      const change = (payload: object) =>
        hall.app.inject({ method: 'POST', url: `/api/v1/staff/cases/${open!.caseNo}/status`, headers, payload });
      const res = await change({ change: 'finished', result: 'completed', resultText: '准予办理' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ status: 'completed' });
      expect((await change({ change: 'finished', result: 'completed', resultText: '准予办理' })).statusCode).toBe(409);
      expect(await worker.runOnce()).toMatchObject({ sent: 1 });
      const page = await hall.app.inject({ method: 'GET', url: '/sim/sms' });
      expect(page.statusCode).toBe(200);
      const masked = `${open!.phone!.slice(0, 3)}****${open!.phone!.slice(-4)}`;
      expect(page.body).toContain(masked);
      expect(page.body).toContain(`【天河人社】您尾号${open!.caseNo.slice(-6)}的办件`);
      expect(page.body).toContain('已办结，结果：准予办理。拒收请回复TD');
      expect(page.body).not.toContain(open!.phone!);
      expect(page.body).not.toContain(open!.name);
      expect(page.body).not.toContain(open!.idNumber);
    });

    it('tells retirees once that certification is due within 30 days or has lapsed, with where to go', async () => {
      const { db } = hall.database;
      const retirees = await db
        .select({ id: persons.id })
        .from(persons)
        .where(and(eq(persons.isRetiree, true), isNotNull(persons.phone)))
        .limit(2);
      expect(retirees).toHaveLength(2);
      const [due, lapsed] = retirees;
      for (const [p, validUntil] of [
        [due!, '2054-12-20'],
        [lapsed!, '2054-12-01'],
      ] as const) {
        await db.insert(certifications).values({
          personId: p.id,
          certifiedAt: new Date('2053-12-01T02:00:00Z'),
          validUntil,
          method: 'window',
          result: 'passed',
        });
      }
      const first = await runDailyNotices(db, { hallId: DEMO_HALL_ID, now: clock.now() });
      expect(first.certificationDue).toBeGreaterThanOrEqual(1);
      expect(first.certificationLapsed).toBeGreaterThanOrEqual(1);
      const again = await runDailyNotices(db, { hallId: DEMO_HALL_ID, now: clock.now() });
      expect(again).toEqual({ certificationDue: 0, certificationLapsed: 0, caseOverdue: 0 });
      const rows = await db
        .select()
        .from(noticeOutbox)
        .where(like(noticeOutbox.dedupeKey, `cert%:${due!.id}:%`));
      expect(rows.map((r) => r.dedupeKey)).toContain(`certDue:${due!.id}:2054-12-20`);
      const row = rows.find((r) => r.dedupeKey === `certDue:${due!.id}:2054-12-20`)!;
      expect(row.params.maskedName).toContain('*');
      expect(row.params.hallName).toBe('天河区人社服务大厅');
      const lapsedRow = await db
        .select()
        .from(noticeOutbox)
        .where(eq(noticeOutbox.dedupeKey, `certLapsed:${lapsed!.id}:2054-12-01`));
      expect(lapsedRow).toHaveLength(1);
    });

    it('writes an appointment confirmation now and its reminder for 18:00 hall time the day before', async () => {
      const { db } = hall.database;
      const slotStart = new Date('2054-12-10T01:30:00Z'); // 09:30 in the hall
      const base = {
        appointmentId: 'APPT-1',
        phone: '13912349999',
        hallId: DEMO_HALL_ID,
        category: '社保业务',
        slotStart,
      };
      await db.transaction(async (tx) => {
        await noticeAppointment(tx, { ...base, kind: 'confirmed' });
        await noticeAppointment(tx, { ...base, kind: 'reminder' });
      });
      const rows = await db.select().from(noticeOutbox).where(like(noticeOutbox.dedupeKey, 'appointment:APPT-1:%'));
      const reminder = rows.find((r) => r.template === 'appointmentReminder')!;
      expect(rows).toHaveLength(2);
      expect(reminder.nextAttemptAt.toISOString()).toBe('2054-12-09T10:00:00.000Z');
      expect(reminder.params).toMatchObject({ hallName: '天河区人社服务大厅', category: '社保业务' });
      expect(reminder.params.slotTime).toContain('09:30');
    });

    it('sends "3 away" once to a ticket holder who left a phone, and 回复TD stops further notices', async () => {
      const { db } = hall.database;
      const staff = await staffHeaders(hall, 'S002');
      const phone = '13912340000';
      const issued = [];
      for (let i = 0; i < 5; i++) {
        const res = await hall.inject({
          as: 'a',
          method: 'POST',
          url: '/api/v1/queue/tickets',
          payload: { categoryCode: 'C', idempotencyKey: randomUUID(), ...(i === 4 ? { phone } : {}) },
        });
        expect(res.statusCode, res.body).toBe(201);
        issued.push(res.json() as { ticketId: string });
      }
      const call = () =>
        hall.app.inject({
          method: 'POST',
          url: '/api/v1/staff/queue/call-next',
          headers: staff,
          payload: { windowNo: 3, categoryCodes: ['C'] },
        });
      expect((await call()).statusCode).toBe(200); // 4 waiting: the holder has 3 ahead
      expect((await call()).statusCode).toBe(200);
      const notices = await db.select().from(noticeOutbox).where(eq(noticeOutbox.event, 'ticketNear'));
      expect(notices).toHaveLength(1);
      expect(notices[0]!.params).toMatchObject({ ahead: '3', hallName: '天河区人社服务大厅' });
      clock.advance(120_000);
      await worker.runOnce();
      const page = await hall.app.inject({ method: 'GET', url: '/sim/sms' });
      expect(page.body).toContain('139****0000');
      expect(page.body).toContain('前面还有3位');
      const id = /data-message="(\d+)"/.exec(page.body)![1];
      const reply = await hall.app.inject({
        method: 'POST',
        url: `/sim/sms/${id}/reply-td`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: '',
      });
      expect(reply.statusCode).toBe(303);
      expect((await hall.app.inject({ method: 'GET', url: '/sim/sms' })).body).toContain('已退订');
    });
  });
}
