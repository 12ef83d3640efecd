// The public phone page's routes (预约手机页) and the appointment notices, on a clock the test moves:
// an SMS code only to the registered number (the answer the same either way), wrong / expired codes
// refused, the resend limit, a bearer token scoped to one person and hall and a quarter of an hour,
// book / move / cancel through the kiosk's functions, a cancellation notice once, and reminders
// exactly once per booking and slot (a moved booking a fresh one, a cancelled one none); a move or
// a cancel holds back the booking's older notices not yet sent.
import { randomUUID } from 'node:crypto';
import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PhoneCodeResponse, PhoneHallView, PhoneSessionResponse } from '../../contracts/appointment-phone';
import { Appointment, MyAppointments } from '../../contracts/appointments';
import { writeAppointmentReminders } from '../../server/appointments/reminders';
import { appointments, noticeOutbox, persons } from '../../server/db/schema';
import { normalizeMobile } from '../../server/notices/phone';
import { DEMO_HALL_ID } from '../../server/seed/hall';
import { demoPeople } from '../../server/seed/demo-people';
import { backends } from './support/backends';
import { type TestHall, openTestHall } from './support/hall';
import { openSession, testClock } from './support/queue';

// Monday 4 May 2026, 08:00 in Guangzhou. Demo rule A: weekdays 09:00-17:00, 30-minute slots of 4.
const clock = testClock('2026-05-04T00:00:00Z');
const at = (hhmm: string, day = '2026-05-04') => new Date(`${day}T${hhmm}:00+08:00`).toISOString();
const base = `/api/v1/public/halls/${DEMO_HALL_ID}/appointment-phone`;

describe.each(backends)('appointment phone page on $name', (backend) => {
  let hall: TestHall;
  let ruleA: number;
  const phones: string[] = [];
  beforeAll(async () => {
    clock.set(at('08:00'));
    hall = await openTestHall(backend, { now: clock.now });
    for (const p of demoPeople.slice(0, 3)) {
      const [row] = await hall.database.db
        .select({ phone: persons.phone })
        .from(persons)
        .where(eq(persons.idNumber, p.idNumber));
      phones.push(normalizeMobile(row!.phone!)!);
    }
    const hallView = PhoneHallView.parse((await hall.inject({ method: 'GET', url: base })).json());
    expect(hallView.categories.map((c) => c.categoryCode)).toEqual(['A', 'B']);
    const slots = (await hall.inject({ method: 'GET', url: `${base}/slots?categoryCode=A` })).json();
    ruleA = slots.days[0].slots[0].ruleId;
  });
  afterAll(async () => {
    await hall?.close();
  });

  const codeRows = async () => hall.database.db.select().from(noticeOutbox).where(eq(noticeOutbox.template, 'smsCode'));
  const askCode = (who: number, phone = phones[who]!) =>
    hall.inject({ method: 'POST', url: `${base}/code`, payload: { idNumber: demoPeople[who]!.idNumber, phone } });
  const lastCode = async () => {
    const rows = await codeRows();
    return rows.sort((x, y) => x.createdAt.getTime() - y.createdAt.getTime()).at(-1)!.params.code!;
  };
  const verify = async (who: number, code: string) => {
    const res = await hall.inject({
      method: 'POST',
      url: `${base}/session`,
      payload: { idNumber: demoPeople[who]!.idNumber, phone: phones[who], code },
    });
    expect(res.statusCode, res.body).toBe(200);
    return PhoneSessionResponse.parse(res.json());
  };
  const signIn = async (who: number) => {
    clock.advance(61_000);
    expect((await askCode(who)).statusCode).toBe(200);
    const session = await verify(who, await lastCode());
    if (session.outcome !== 'session') throw new Error(`refused: ${session.reason}`);
    return { authorization: `Bearer ${session.token}` };
  };
  const call = (headers: Record<string, string>, method: 'GET' | 'POST', url: string, payload?: object) =>
    hall.inject({ method, url: `${base}${url}`, headers, ...(payload ? { payload } : {}) });

  it('sends a code only to the registered number, answering the same either way, and limits resends', async () => {
    const otherNumber = phones[0] === '13912345678' ? '13912345679' : '13912345678';
    const wrongNumber = await askCode(0, otherNumber);
    expect(wrongNumber.statusCode, wrongNumber.body).toBe(200);
    expect(PhoneCodeResponse.parse(wrongNumber.json()).maskedPhone).toMatch(/^139\*{4}\d{4}$/);
    expect(await codeRows()).toHaveLength(0);

    const sent = await askCode(0);
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json().maskedPhone).toBe(`${phones[0]!.slice(0, 3)}****${phones[0]!.slice(-4)}`);
    expect(sent.body).not.toContain(phones[0]);
    const rows = await codeRows();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.params.code).toMatch(/^\d{6}$/);

    const again = await askCode(0);
    expect(again.statusCode).toBe(429);
    expect(again.json()).toMatchObject({ code: 'rateLimited' });
    expect(await codeRows()).toHaveLength(1);
  });

  it('refuses a wrong code and an expired one, then opens a masked session with the right one', async () => {
    const code = await lastCode();
    const wrong = code === '000000' ? '111111' : '000000';
    expect(await verify(0, wrong)).toEqual({ outcome: 'refused', reason: 'wrong' });
    clock.advance(6 * 60_000);
    expect(await verify(0, code)).toEqual({ outcome: 'refused', reason: 'expired' });

    expect((await askCode(0)).statusCode).toBe(200);
    const fresh = await lastCode();
    expect(await verify(1, fresh)).toMatchObject({ outcome: 'refused' });
    const session = await verify(0, fresh);
    expect(session).toMatchObject({
      outcome: 'session',
      maskedName: '王**',
      maskedPhone: expect.stringContaining('****'),
    });
    if (session.outcome !== 'session') return;
    expect(session.maskedIdNumber).not.toBe(demoPeople[0]!.idNumber);
    expect(session.maskedIdNumber).toMatch(/\*{6,}/);
    expect(JSON.stringify(session)).not.toContain(demoPeople[0]!.idNumber);
    // Used once: the same code again is refused (the newest unused code is the expired one).
    expect(await verify(0, fresh)).toMatchObject({ outcome: 'refused' });
  });

  it('refuses a missing, forged or expired token', async () => {
    expect((await call({}, 'GET', '/appointments')).statusCode).toBe(401);
    const auth = await signIn(0);
    const [payload, mac] = auth.authorization.slice(7).split('.');
    const forgedPayload = Buffer.from(JSON.stringify([2, DEMO_HALL_ID, Date.now() + 1e9])).toString('base64url');
    const forged = await call({ authorization: `Bearer ${forgedPayload}.${mac}` }, 'GET', '/appointments');
    expect(forged.statusCode).toBe(401);
    expect(forged.json()).toMatchObject({ code: 'unauthorized' });
    expect(payload).toBeTruthy();
    expect((await call(auth, 'GET', '/appointments')).statusCode).toBe(200);
    clock.advance(16 * 60_000);
    expect((await call(auth, 'GET', '/appointments')).statusCode).toBe(401);
  });

  it('books, moves and cancels through the kiosk functions, scoped to the person; one cancellation notice', async () => {
    const mine = await signIn(0);
    const theirs = await signIn(1);
    const booked = await call(mine, 'POST', '/appointments', {
      ruleId: ruleA,
      startsAt: at('10:00'),
      idempotencyKey: randomUUID(),
    });
    expect(booked.statusCode, booked.body).toBe(201);
    const appt = Appointment.parse(booked.json());
    const [row] = await hall.database.db.select().from(appointments).where(eq(appointments.id, appt.appointmentId));
    expect(row).toMatchObject({ bookedVia: 'phone', terminalId: null });
    // The kiosk sees the same booking.
    const kioskSession = await openSession(hall, 'a', demoPeople[0]!.idNumber, demoPeople[0]!.name);
    const atKiosk = MyAppointments.parse(
      (await hall.inject({ as: 'a', method: 'GET', url: `/api/v1/sessions/${kioskSession}/appointments` })).json(),
    );
    expect(atKiosk.appointments.map((a) => a.appointmentId)).toEqual([appt.appointmentId]);

    // Another person's token cannot see, move or cancel it.
    const theirList = MyAppointments.parse((await call(theirs, 'GET', '/appointments')).json());
    expect(theirList.appointments).toEqual([]);
    const steal = await call(theirs, 'POST', `/appointments/${appt.appointmentId}/cancel`);
    expect(steal.statusCode).toBe(404);

    const moved = await call(mine, 'POST', `/appointments/${appt.appointmentId}/move`, {
      ruleId: ruleA,
      startsAt: at('11:00'),
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ label: '11:00-11:30', status: 'booked' });

    for (let i = 0; i < 2; i++) {
      const cancelled = await call(mine, 'POST', `/appointments/${appt.appointmentId}/cancel`);
      expect(cancelled.statusCode, cancelled.body).toBe(200);
      expect(cancelled.json()).toMatchObject({ status: 'cancelled' });
    }
    const notices = await hall.database.db
      .select()
      .from(noticeOutbox)
      .where(like(noticeOutbox.dedupeKey, `appt:${appt.appointmentId}:%`));
    expect(notices.map((n) => n.template).sort()).toEqual([
      'appointmentCancelled',
      'appointmentConfirmed',
      'appointmentConfirmed',
    ]);
    // Nothing was sent yet (no worker here): the move and the cancel held back the older texts.
    expect(notices.filter((n) => n.status === 'pending').map((n) => n.template)).toEqual(['appointmentCancelled']);
    const cancelNotice = notices.find((n) => n.template === 'appointmentCancelled')!;
    expect(cancelNotice.params).toMatchObject({ slotTime: '5月4日 11:00', category: expect.any(String) });
    expect(JSON.stringify(cancelNotice.params)).not.toMatch(/王建国|\d{11}/);
  });

  it('writes one reminder per booking and slot: a moved booking a fresh one, a cancelled one none', async () => {
    const first = await signIn(2);
    const second = await signIn(1);
    const book = async (auth: Record<string, string>, hhmm: string) => {
      const res = await call(auth, 'POST', '/appointments', {
        ruleId: ruleA,
        startsAt: at(hhmm, '2026-05-05'),
        idempotencyKey: randomUUID(),
      });
      expect(res.statusCode, res.body).toBe(201);
      return Appointment.parse(res.json()).appointmentId;
    };
    const kept = await book(first, '09:00');
    const dropped = await book(second, '09:30');
    const reminders = async (id: string) =>
      hall.database.db
        .select()
        .from(noticeOutbox)
        .where(and(eq(noticeOutbox.template, 'appointmentReminder'), like(noticeOutbox.dedupeKey, `appt:${id}:%`)));

    // More than 24 hours before: nothing yet.
    expect(await writeAppointmentReminders(hall.database.db, { now: clock.now() })).toBe(0);
    expect((await call(second, 'POST', `/appointments/${dropped}/cancel`)).statusCode).toBe(200);

    const dayBefore = new Date(at('10:00'));
    expect(await writeAppointmentReminders(hall.database.db, { now: dayBefore })).toBe(1);
    expect(await writeAppointmentReminders(hall.database.db, { now: dayBefore })).toBe(0);
    expect(await reminders(kept)).toHaveLength(1);
    expect(await reminders(dropped)).toHaveLength(0);

    const moved = await call(first, 'POST', `/appointments/${kept}/move`, {
      ruleId: ruleA,
      startsAt: at('10:00', '2026-05-05'),
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(await writeAppointmentReminders(hall.database.db, { now: dayBefore })).toBe(1);
    const both = await reminders(kept);
    expect(both.map((r) => [r.params.slotTime, r.status]).sort()).toEqual([
      ['5月5日 09:00', 'suppressed'],
      ['5月5日 10:00', 'pending'],
    ]);
    expect(await reminders(dropped)).toHaveLength(0);
  });
});
