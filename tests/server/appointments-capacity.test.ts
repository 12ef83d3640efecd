// A slot is never overbooked, however many terminals and server instances book at once: N people
// (APPOINTMENT_CONCURRENCY, default 200) book one slot through four connection pools (four server
// instances); exactly `capacity` get it, the rest hear slotFull. One person booking many slots of a
// day at once ends with one booking. Cancels racing bookings keep the counter equal to the rows.
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KioskError } from '../../contracts/errors';
import { type Booker, book, cancel } from '../../server/appointments/book';
import type { AppointmentOptions } from '../../server/appointments/options';
import { appointmentRules, appointmentSlots, appointments, persons } from '../../server/db/schema';
import { openDatabase } from '../../server/db/open';
import type { Database } from '../../server/db/types';
import { DEMO_HALL_ID } from '../../server/seed/hall';
import { backends } from './support/backends';

/** Bookings at once on PostgreSQL; PGlite (one connection, so no real concurrency) takes fewer. */
const N_POSTGRES = Number(process.env.APPOINTMENT_CONCURRENCY ?? 200);
const N_PGLITE = Math.min(N_POSTGRES, 40);
const ZONE = 'Asia/Shanghai';
// Monday 4 May 2026, 08:00 hall time; the slot is 10:00.
const options: AppointmentOptions = {
  now: () => new Date('2026-05-04T00:00:00Z'),
  sessionIdleMs: 60_000,
  noShowLimit: 3,
  noShowWindowDays: 90,
  noShowPauseDays: 30,
};
const SLOT = '2026-05-04T02:00:00.000Z';

const outcome = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: unknown) => (e instanceof KioskError ? e.code : String(e)),
  );

describe.each(backends)('slot capacity under concurrency on $name', (backend) => {
  const N = backend.name === 'postgres' ? N_POSTGRES : N_PGLITE;
  const CAPACITY = Math.max(1, Math.floor(N / 8));
  let main: Database;
  const instances: Database[] = [];
  let ruleId: number;
  let people: number[];
  beforeAll(async () => {
    main = await backend.open();
    instances.push(main);
    const url = (main as { url?: string }).url;
    if (url) for (let i = 0; i < 3; i++) instances.push(await openDatabase({ url, migrate: false, poolSize: 10 }));
    const [rule] = await main.db
      .update(appointmentRules)
      .set({ capacity: CAPACITY })
      .where(and(eq(appointmentRules.hallId, DEMO_HALL_ID), eq(appointmentRules.categoryCode, 'A')))
      .returning();
    ruleId = rule!.id;
    await main.db.execute(
      sql`insert into persons (id_number, name, sex, birth_date, nation_code, address)
          select '9' || lpad(g::text, 17, '0'), '测试' || g, '1', date '1970-01-01', '01', '广州'
          from generate_series(1, ${N}) g`,
    );
    const rows = await main.db
      .select({ id: persons.id })
      .from(persons)
      .where(sql`${persons.idNumber} like '9%'`);
    people = rows.map((r) => r.id);
  }, 120_000);
  afterAll(async () => {
    for (const db of instances.slice(1)) await db.close();
    await main?.close();
  });

  const booker = (personId: number): Booker => ({
    personId,
    hallId: DEMO_HALL_ID,
    timeZone: ZONE,
    via: 'kiosk',
    terminalId: null,
  });
  const slotRow = async () =>
    (await main.db.select().from(appointmentSlots).where(eq(appointmentSlots.ruleId, ruleId)))[0]!;
  const activeRows = async () =>
    (
      await main.db
        .select({ id: appointments.id })
        .from(appointments)
        .where(and(eq(appointments.ruleId, ruleId), inArray(appointments.status, ['booked', 'checkedIn'])))
    ).length;

  it('gives capacity places to N simultaneous bookings and refuses the rest as full', async () => {
    const results = await Promise.all(
      people.map((id, i) =>
        outcome(
          book(
            instances[i % instances.length]!.db,
            options,
            booker(id),
            { ruleId, startsAt: SLOT, idempotencyKey: randomUUID() },
            'T',
          ),
        ),
      ),
    );
    const tally = Object.fromEntries([...new Set(results)].map((r) => [r, results.filter((x) => x === r).length]));
    expect(tally).toEqual({ ok: CAPACITY, slotFull: N - CAPACITY });
    expect(await slotRow()).toMatchObject({ booked: CAPACITY, capacity: CAPACITY });
    expect(await activeRows()).toBe(CAPACITY);
  }, 120_000);

  it('keeps the counter equal to the bookings while cancels race new bookings', async () => {
    const held = await main.db
      .select({ id: appointments.id, personId: appointments.personId })
      .from(appointments)
      .where(eq(appointments.ruleId, ruleId));
    const half = held.slice(0, Math.ceil(held.length / 2));
    const waitingPeople = people.filter((p) => !held.some((h) => h.personId === p)).slice(0, half.length * 2);
    const results = await Promise.all([
      ...half.map((h, i) => outcome(cancel(instances[i % instances.length]!.db, options, booker(h.personId), h.id))),
      ...waitingPeople.map((id, i) =>
        outcome(
          book(
            instances[(i + 1) % instances.length]!.db,
            options,
            booker(id),
            { ruleId, startsAt: SLOT, idempotencyKey: randomUUID() },
            'T',
          ),
        ),
      ),
    ]);
    expect(results.slice(0, half.length).every((r) => r === 'ok')).toBe(true);
    expect(results.every((r) => r === 'ok' || r === 'slotFull')).toBe(true);
    const slot = await slotRow();
    expect(slot.booked).toBeLessThanOrEqual(CAPACITY);
    expect(slot.booked).toBe(await activeRows());
    const newlyBooked = results.slice(half.length).filter((r) => r === 'ok').length;
    expect(slot.booked).toBe(CAPACITY - half.length + newlyBooked);
  }, 120_000);

  it('lets one person racing for many slots of one day end with exactly one booking', async () => {
    const someone = people[people.length - 1]!;
    await main.db.delete(appointments).where(eq(appointments.personId, someone));
    const starts = Array.from({ length: 12 }, (_, i) => new Date(Date.parse(SLOT) + (i + 2) * 1_800_000).toISOString());
    const results = await Promise.all(
      starts.map((startsAt, i) =>
        outcome(
          book(
            instances[i % instances.length]!.db,
            options,
            booker(someone),
            { ruleId, startsAt, idempotencyKey: randomUUID() },
            'T',
          ),
        ),
      ),
    );
    expect(results.filter((r) => r === 'ok')).toHaveLength(1);
    expect(results.filter((r) => r !== 'ok').every((r) => r === 'appointmentLimit')).toBe(true);
  }, 120_000);
});
