// Certification "today" is the hall's own (halls.time_zone): the same instant can be the day after
// the due date in a Beijing-time hall and still the due date in a hall on Urumqi time.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CertificationStatus } from '../../contracts/certification';
import { OpenSessionResponse } from '../../contracts/hall-api';
import { addDays, atHallTime } from '../../contracts/hall-time';
import { halls } from '../../server/db/schema';
import { demoPeople } from '../../server/seed/demo-people';
import { DEMO_HALL_ID } from '../../server/seed/hall';
import { backends } from './support/backends';
import { type TestHall, openTestHall } from './support/hall';

const zhaoGuilan = demoPeople[5]!;

describe.each(backends)("certification today in the hall's time zone on $name", (backend) => {
  let hall: TestHall;
  let now = atHallTime('2025-06-15', 10, 0, 'Asia/Shanghai');
  beforeAll(async () => {
    hall = await openTestHall(backend, { certification: { now: () => now } });
  }, 120_000);
  afterAll(async () => {
    await hall?.close();
  });

  const status = async () => {
    const opened = await hall.inject({
      as: 'a',
      method: 'POST',
      url: '/api/v1/sessions',
      payload: { identifiedBy: 'idCard', idNumber: zhaoGuilan.idNumber, name: zhaoGuilan.name },
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const { sessionId } = OpenSessionResponse.parse(opened.json());
    const res = await hall.inject({ as: 'a', method: 'GET', url: `/api/v1/sessions/${sessionId}/certification` });
    expect(res.statusCode, res.body).toBe(200);
    return CertificationStatus.parse(res.json());
  };

  it('reads the due date as passed in Shanghai and as today in Urumqi at the same instant', async () => {
    const dueDate = (await status()).dueDate!;
    expect(dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // 00:30 the day after the due date in Beijing is 22:30 on the due date in Urumqi (UTC+6).
    now = atHallTime(addDays(dueDate, 1), 0, 30, 'Asia/Shanghai');
    expect((await status()).standing).toBe('overdue');
    const { db } = hall.database;
    await db.update(halls).set({ timeZone: 'Asia/Urumqi' }).where(eq(halls.id, DEMO_HALL_ID));
    try {
      expect(await status()).toMatchObject({ standing: 'due', dueDate });
    } finally {
      await db.update(halls).set({ timeZone: 'Asia/Shanghai' }).where(eq(halls.id, DEMO_HALL_ID));
    }
  });
});
