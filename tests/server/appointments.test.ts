// Appointments (预约) as a kiosk, a clerk and a supervisor see them, on a clock the test moves:
// slots and their rules, book / move / cancel, one booking per person, category and day, a full
// slot, check-in early / on time / late, the priority ticket called before walk-ins with a cap,
// no-shows pausing booking, the staff console's bookings and slot rules.
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Appointment,
  AppointmentRule,
  AppointmentRulesView,
  CheckInResponse,
  MyAppointments,
  SlotsResponse,
  StaffAppointmentsView,
} from '../../contracts/appointments';
import { maskName } from '../../contracts/id-number';
import { CallNextResponse, HallDisplayFeed } from '../../contracts/queue';
import { auditLog, noticeOutbox } from '../../server/db/schema';
import { demoPeople } from '../../server/seed/demo-people';
import { backends } from './support/backends';
import { type TestHall, openTestHall } from './support/hall';
import { issue, openSession, staffHeaders, testClock } from './support/queue';

// Monday 4 May 2026, 08:00 in Guangzhou (UTC+8). Demo rule A: weekdays 09:00-17:00, 30-minute
// slots of 4 places, 7 days ahead, cut-off 30 minutes; rule B: 09:00-12:00, 2 places.
const clock = testClock('2026-05-04T00:00:00Z');
const at = (day: string, hhmm: string) => `${day}T${hhmm}:00+08:00`;
const iso = (day: string, hhmm: string) => new Date(at(day, hhmm)).toISOString();
const MON = '2026-05-04';
const TUE = '2026-05-05';

describe.each(backends)('appointments on $name', (backend) => {
  let hall: TestHall;
  let clerk: Record<string, string>;
  let supervisor: Record<string, string>;
  const sessions: string[] = [];
  beforeAll(async () => {
    clock.set(at(MON, '08:00'));
    hall = await openTestHall(backend, { now: clock.now, appointmentNoShowLimit: 2 });
    clerk = await staffHeaders(hall, 'S001');
    supervisor = await staffHeaders(hall, 'S003');
    for (const p of demoPeople) sessions.push(await openSession(hall, 'a', p.idNumber, p.name));
  });
  afterAll(async () => {
    await hall?.close();
  });

  const slots = async (code: string) => {
    const res = await hall.inject({ as: 'a', method: 'GET', url: `/api/v1/appointments/slots?categoryCode=${code}` });
    expect(res.statusCode, res.body).toBe(200);
    return SlotsResponse.parse(res.json());
  };
  const ruleOf = async (code: string) => (await slots(code)).days[0]!.slots[0]!.ruleId;
  const book = (who: number, ruleId: number, startsAt: string, idempotencyKey = randomUUID()) =>
    hall.inject({
      as: 'a',
      method: 'POST',
      url: `/api/v1/sessions/${sessions[who]}/appointments`,
      payload: { ruleId, startsAt, idempotencyKey },
    });
  const mine = async (who: number) =>
    MyAppointments.parse(
      (await hall.inject({ as: 'a', method: 'GET', url: `/api/v1/sessions/${sessions[who]}/appointments` })).json(),
    );
  const checkIn = async (who: number, idempotencyKey = randomUUID()) => {
    const res = await hall.inject({
      as: 'a',
      method: 'POST',
      url: `/api/v1/sessions/${sessions[who]}/appointments/check-in`,
      payload: { idempotencyKey },
    });
    expect(res.statusCode, res.body).toBe(200);
    return CheckInResponse.parse(res.json());
  };
  const callNext = async () => {
    const res = await hall.inject({
      method: 'POST',
      url: '/api/v1/staff/queue/call-next',
      headers: clerk,
      payload: { windowNo: 1, categoryCodes: ['A'] },
    });
    return CallNextResponse.parse(res.json()).ticket?.number ?? null;
  };
  const freeAt = async (code: string, day: string, hhmm: string) =>
    (await slots(code)).days.find((d) => d.day === day)?.slots.find((s) => s.startsAt === iso(day, hhmm))?.free;

  it('lists bookable weekdays within the horizon, from the first slot not yet past its cut-off', async () => {
    const a = await slots('A');
    expect(a).toMatchObject({ categoryName: '社保业务', windowGroup: '1-2号窗口' });
    expect(a.days.map((d) => d.day)).toEqual([
      '2026-05-04',
      '2026-05-05',
      '2026-05-06',
      '2026-05-07',
      '2026-05-08',
      '2026-05-11',
    ]);
    expect(a.days[0]!.slots[0]).toMatchObject({ label: '09:00', free: 4, capacity: 4, startsAt: iso(MON, '09:00') });
    expect(a.days[0]!.slots).toHaveLength(16);
    const c = await hall.inject({ as: 'a', method: 'GET', url: '/api/v1/appointments/slots?categoryCode=C' });
    expect(SlotsResponse.parse(c.json()).days).toEqual([]);
  });

  it('books, answers a retry with the same booking, and allows one booking per category and day', async () => {
    const ruleA = await ruleOf('A');
    const key = randomUUID();
    const first = await book(0, ruleA, iso(MON, '09:30'), key);
    expect(first.statusCode, first.body).toBe(201);
    const booked = Appointment.parse(first.json());
    expect(booked).toMatchObject({ status: 'booked', label: '09:30-10:00', day: MON, categoryName: '社保业务' });
    expect(booked.checkInFrom).toBe(iso(MON, '09:00'));
    expect(booked.checkInUntil).toBe(iso(MON, '09:45'));
    const again = await book(0, ruleA, iso(MON, '09:30'), key);
    expect(Appointment.parse(again.json()).appointmentId).toBe(booked.appointmentId);
    const second = await book(0, ruleA, iso(MON, '11:00'));
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({ code: 'appointmentLimit' });
    const other = await book(0, await ruleOf('B'), iso(MON, '11:00'));
    expect(other.statusCode, other.body).toBe(201);
    expect(await freeAt('A', MON, '09:30')).toBe(3);
    expect((await mine(0)).appointments.map((x) => x.label)).toEqual(['09:30-10:00', '11:00-11:30']);
    // One confirmation per booking in the outbox (the retry wrote none), with no personal data.
    const notices = await hall.database.db
      .select()
      .from(noticeOutbox)
      .where(eq(noticeOutbox.event, 'appointmentBooked'));
    expect(notices.map((n) => [n.template, n.params])).toEqual([
      ['appointmentConfirmed', { hallName: expect.any(String), category: '社保业务', slotTime: '5月4日 09:30' }],
      ['appointmentConfirmed', { hallName: expect.any(String), category: '医保业务', slotTime: '5月4日 11:00' }],
    ]);
  });

  it('moves a booking (its old place is free again) and cancels one (twice is fine)', async () => {
    const [a, b] = (await mine(0)).appointments;
    const moved = await hall.inject({
      as: 'a',
      method: 'POST',
      url: `/api/v1/sessions/${sessions[0]}/appointments/${a!.appointmentId}/move`,
      payload: { ruleId: await ruleOf('A'), startsAt: iso(MON, '10:00') },
    });
    expect(Appointment.parse(moved.json())).toMatchObject({ label: '10:00-10:30', status: 'booked' });
    expect(await freeAt('A', MON, '09:30')).toBe(4);
    expect(await freeAt('A', MON, '10:00')).toBe(3);
    const cancelUrl = `/api/v1/sessions/${sessions[0]}/appointments/${b!.appointmentId}/cancel`;
    for (let i = 0; i < 2; i++) {
      const res = await hall.inject({ as: 'a', method: 'POST', url: cancelUrl });
      expect(Appointment.parse(res.json()).status).toBe('cancelled');
    }
    expect(await freeAt('B', MON, '11:00')).toBe(2);
    // Another person cannot touch it.
    const foreign = await hall.inject({
      as: 'a',
      method: 'POST',
      url: `/api/v1/sessions/${sessions[1]}/appointments/${a!.appointmentId}/cancel`,
    });
    expect(foreign.statusCode).toBe(404);
  });

  it('refuses a full slot, a slot past its cut-off or beyond the horizon, and a holiday', async () => {
    const ruleB = await ruleOf('B');
    expect((await book(1, ruleB, iso(MON, '10:30'))).statusCode).toBe(201);
    expect((await book(2, ruleB, iso(MON, '10:30'))).statusCode).toBe(201);
    const full = await book(3, ruleB, iso(MON, '10:30'));
    expect(full.statusCode).toBe(409);
    expect(full.json()).toMatchObject({ code: 'slotFull' });
    clock.set(at(MON, '08:40'));
    const cut = await book(3, ruleB, iso(MON, '09:00'));
    expect(cut.json()).toMatchObject({ code: 'slotClosed' });
    expect((await book(3, ruleB, iso('2026-05-12', '09:00'))).json()).toMatchObject({ code: 'slotClosed' });
    expect((await book(3, ruleB, iso(MON, '09:10'))).json()).toMatchObject({ code: 'notFound' });
    const holiday = { day: '2026-05-06', name: '调休', closed: true };
    const byClerk = await hall.inject({
      method: 'POST',
      url: '/api/v1/staff/appointment-holidays',
      headers: clerk,
      payload: holiday,
    });
    expect(byClerk.statusCode).toBe(403);
    const set = await hall.inject({
      method: 'POST',
      url: '/api/v1/staff/appointment-holidays',
      headers: supervisor,
      payload: holiday,
    });
    expect(AppointmentRulesView.parse(set.json()).holidays).toEqual([{ day: '2026-05-06', name: '调休' }]);
    expect((await slots('B')).days.map((d) => d.day)).not.toContain('2026-05-06');
    expect((await book(3, ruleB, iso('2026-05-06', '09:00'))).json()).toMatchObject({ code: 'slotClosed' });
  });

  it('checks in by the clock: too early is told when to come, on time gets a priority ticket, once', async () => {
    clock.set(at(MON, '09:20'));
    const early = await checkIn(0);
    expect(early).toMatchObject({ outcome: 'early' });
    expect(early.outcome === 'early' && early.appointment.checkInFrom).toBe(iso(MON, '09:30'));
    await issue(hall, 'b', 'A');
    await issue(hall, 'b', 'A');
    clock.set(at(MON, '09:35'));
    const key = randomUUID();
    const done = await checkIn(0, key);
    expect(done.outcome).toBe('ticket');
    if (done.outcome !== 'ticket') return;
    expect(done.ticket).toMatchObject({ number: 'YA001', categoryCode: 'A', peopleAhead: 0, forPerson: true });
    expect(done.appointment.status).toBe('checkedIn');
    const retry = await checkIn(0, randomUUID());
    expect(retry.outcome === 'ticket' && retry.ticket.number).toBe('YA001');
    // A walk-in taken now has the booked ticket and the two earlier walk-ins ahead.
    expect((await issue(hall, 'b', 'A')).ticket).toMatchObject({ number: 'A003' });
  });

  it('tells a late arrival the booking has passed and closes it (not a no-show)', async () => {
    clock.set(at(MON, '10:20'));
    expect((await book(1, await ruleOf('A'), iso(MON, '11:00'))).statusCode).toBe(201);
    clock.set(at(MON, '11:20'));
    const late = await checkIn(1);
    expect(late).toMatchObject({ outcome: 'late', appointment: { status: 'cancelled', label: '11:00-11:30' } });
    expect(await checkIn(1)).toEqual({ outcome: 'none' });
  });

  it('calls booked tickets before walk-ins, but a walk-in after three booked ones in a row', async () => {
    const ruleA = await ruleOf('A');
    for (const who of [2, 3, 4, 5]) expect((await book(who, ruleA, iso(MON, '12:30'))).statusCode).toBe(201);
    clock.set(at(MON, '12:10'));
    const numbers: string[] = [];
    for (const who of [2, 3, 4, 5]) {
      const r = await checkIn(who);
      if (r.outcome === 'ticket') numbers.push(r.ticket.number);
    }
    expect(numbers).toEqual(['YA002', 'YA003', 'YA004', 'YA005']);
    const order: (string | null)[] = [];
    for (let i = 0; i < 9; i++) {
      clock.advance(60_000);
      order.push(await callNext());
      if (i === 0) {
        // The hall display calls a booked ticket like any other.
        const feed = HallDisplayFeed.parse(
          (await hall.inject({ method: 'GET', url: '/api/v1/public/halls/demo-hall/display' })).json(),
        );
        expect(feed.calls).toEqual([expect.objectContaining({ number: 'YA001', windowNo: 1 })]);
      }
    }
    expect(order).toEqual(['YA001', 'YA002', 'YA003', 'A001', 'YA004', 'YA005', 'A002', 'A003', null]);
  });

  it("shows the clerk the day's bookings with masked names and ticket numbers", async () => {
    const res = await hall.inject({ method: 'GET', url: '/api/v1/staff/appointments', headers: clerk });
    const view = StaffAppointmentsView.parse(res.json());
    expect(view.day).toBe(MON);
    const first = view.appointments.find((a) => a.ticketNumber === 'YA001')!;
    expect(first).toMatchObject({
      label: '10:00-10:30',
      status: 'checkedIn',
      maskedName: maskName('王建国'),
      bookedVia: 'kiosk',
    });
    expect(view.appointments.filter((a) => a.status === 'checkedIn')).toHaveLength(5);
    expect(res.body).not.toContain('王建国');
    expect(res.body).not.toContain(demoPeople[0]!.idNumber);
  });

  it('records no-shows and pauses booking past the configured count', async () => {
    clock.set(at(MON, '13:00'));
    expect((await book(6, await ruleOf('A'), iso(TUE, '09:00'))).statusCode).toBe(201);
    expect((await book(6, await ruleOf('B'), iso(TUE, '09:00'))).statusCode).toBe(201);
    clock.set(at(TUE, '10:00'));
    sessions[6] = await openSession(hall, 'a', demoPeople[6]!.idNumber, demoPeople[6]!.name);
    const me = await mine(6);
    expect(me).toEqual({ appointments: [], blockedUntil: '2026-06-04' });
    const refused = await book(6, await ruleOf('A'), iso(TUE, '14:00'));
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'bookingBlocked' });
    const res = await hall.inject({ method: 'GET', url: `/api/v1/staff/appointments?day=${TUE}`, headers: clerk });
    expect(StaffAppointmentsView.parse(res.json()).appointments.map((a) => a.status)).toEqual(['noShow', 'noShow']);
  });

  /** Category C's slot rule at window 5: three places a slot, no cut-off; the rest as given. */
  const ruleC = (times: {
    weekdays: string;
    opensAt: string;
    closesAt: string;
    slotMinutes: number;
    horizonDays: number;
  }) => ({
    categoryCode: 'C',
    windowGroup: '5号窗口',
    ...times,
    capacity: 3,
    cutoffMinutes: 0,
    active: true,
  });

  it('lets a supervisor (not a clerk) set a slot rule, audited, and the kiosk sees its slots', async () => {
    const rule = ruleC({ weekdays: '135', opensAt: '14:00', closesAt: '16:00', slotMinutes: 60, horizonDays: 3 });
    const url = '/api/v1/staff/appointment-rules';
    expect((await hall.inject({ method: 'PUT', url, headers: clerk, payload: rule })).statusCode).toBe(403);
    const bad = await hall.inject({ method: 'PUT', url, headers: supervisor, payload: { ...rule, closesAt: '13:00' } });
    expect(bad.statusCode).toBe(400);
    const saved = await hall.inject({ method: 'PUT', url, headers: supervisor, payload: rule });
    expect(AppointmentRule.parse(saved.json())).toMatchObject({ categoryCode: 'C', capacity: 3 });
    const c = await slots('C');
    expect(c.days.map((d) => [d.day, d.slots.map((s) => s.label)])).toEqual([['2026-05-08', ['14:00', '15:00']]]);
    const audits = await hall.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'appointment.rule'), eq(auditLog.actorId, 'S003')));
    expect(audits).toHaveLength(1);
    const listed = AppointmentRulesView.parse((await hall.inject({ method: 'GET', url, headers: clerk })).json());
    expect(listed.rules.map((r) => r.categoryCode)).toEqual(['A', 'B', 'C']);
  });

  it('checks in across midnight: a 00:00 booking from 23:49, and a 23:50 booking until 00:05', async () => {
    // A rule open all day, every day, in 5-minute slots: the last slot of a day starts at 23:50.
    const rule = ruleC({ weekdays: '1234567', opensAt: '00:00', closesAt: '23:59', slotMinutes: 5, horizonDays: 1 });
    const url = '/api/v1/staff/appointment-rules';
    expect((await hall.inject({ method: 'PUT', url, headers: supervisor, payload: rule })).statusCode).toBe(200);
    const THU = '2026-05-07';
    const FRI = '2026-05-08';
    clock.set(at(THU, '23:40'));
    const allDay = await ruleOf('C');
    expect((await book(2, allDay, iso(THU, '23:50'))).statusCode).toBe(201);
    expect((await book(3, allDay, iso(FRI, '00:00'))).statusCode).toBe(201);
    // 23:49 on Thursday: Friday's 00:00 booking opened for check-in at 23:30.
    clock.set(at(THU, '23:49'));
    const tonight = await checkIn(3);
    expect(tonight.outcome).toBe('ticket');
    if (tonight.outcome !== 'ticket') return;
    expect(tonight.ticket.number).toMatch(/^YC\d{3}$/);
    expect(tonight.appointment).toMatchObject({ status: 'checkedIn', day: FRI });
    // The clerk's list of today shows it beside Thursday's own bookings, with its ticket.
    const listed = await hall.inject({ method: 'GET', url: '/api/v1/staff/appointments', headers: clerk });
    const today = StaffAppointmentsView.parse(listed.json());
    expect(today.day).toBe(THU);
    expect(today.appointments.map((a) => [a.label, a.ticketNumber])).toEqual([
      ['23:50-23:55', null],
      ['00:00-00:05', tonight.ticket.number],
    ]);
    // 00:04 on Friday: Thursday's 23:50 booking is still inside its window (until 00:05).
    clock.set(at(FRI, '00:04'));
    const late = await checkIn(2);
    expect(late.outcome).toBe('ticket');
    expect(late.outcome === 'ticket' && late.appointment).toMatchObject({ status: 'checkedIn', day: THU });
    // Asked again, each gets the same ticket, not a second one.
    const again = await checkIn(3);
    expect(again.outcome === 'ticket' && again.ticket.number).toBe(tonight.ticket.number);
  });
});
