// The seeded database: demo hall and people present, identifiers valid, balances consistent in SQL,
// content in place, identity sequences past the seeded ids.
import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidIdNumber } from '../../contracts/id-number';
import type { Database } from '../../server/db/types';
import * as s from '../../server/db/schema';
import { isValidCreditCode } from '../../server/seed/codes';
import { demoPeople } from '../../server/seed/demo-people';
import { generatePeople } from '../../server/seed/generate';
import { DEMO_HALL_ID } from '../../server/seed/hall';
import { TEST_SEED, backends } from './support/backends';

function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

describe.each(backends)('seeded database on $name', (backend) => {
  let database: Database;
  beforeAll(async () => {
    database = await backend.open();
  });
  afterAll(async () => {
    await database?.close();
  });

  it('holds the demo hall (Asia/Shanghai), its staff and categories', async () => {
    const [hall] = await database.db.select().from(s.halls).where(eq(s.halls.id, DEMO_HALL_ID));
    expect(hall).toMatchObject({
      name: '广州市天河区人力资源和社会保障局 天河区人社服务大厅',
      timeZone: 'Asia/Shanghai',
    });
    expect((await database.db.select().from(s.staff)).length).toBeGreaterThanOrEqual(3);
    expect((await database.db.select().from(s.serviceCategories)).map((c) => c.code).sort()).toEqual(['A', 'B', 'C']);
  });

  it('holds every demo person exactly as on their card, and the synthetic people', async () => {
    for (const p of demoPeople) {
      const [row] = await database.db.select().from(s.persons).where(eq(s.persons.idNumber, p.idNumber));
      expect(row).toMatchObject({
        name: p.name,
        sex: p.sex,
        nationCode: p.nation,
        address: p.address,
        birthDate: `${p.birthDate.slice(0, 4)}-${p.birthDate.slice(4, 6)}-${p.birthDate.slice(6)}`,
      });
    }
    const [count] = await database.db.select({ n: sql<number>`count(*)::int` }).from(s.persons);
    expect(count!.n).toBe(TEST_SEED.people + demoPeople.length);
  });

  it('has only valid ID numbers and credit codes', async () => {
    const people = await database.db.select({ idNumber: s.persons.idNumber }).from(s.persons);
    expect(people.every((p) => isValidIdNumber(p.idNumber))).toBe(true);
    const employers = await database.db.select({ code: s.employers.creditCode }).from(s.employers);
    expect(employers.every((e) => isValidCreditCode(e.code))).toBe(true);
  });

  it('keeps every pension account as the generator settled it, never below what the person paid in (SQL)', async () => {
    // The interest rule itself is checked in seed-generator.test.ts; here: the rows written are those.
    const expected = [...generatePeople(TEST_SEED)]
      .filter((b) => b.pensionAccount)
      .map((b) => ({
        personId: b.person.id!,
        balance: b.pensionAccount!.balance,
        asOfPeriod: b.pensionAccount!.asOfPeriod,
      }));
    const stored = await database.db
      .select({
        personId: s.pensionAccounts.personId,
        balance: s.pensionAccounts.balance,
        asOfPeriod: s.pensionAccounts.asOfPeriod,
      })
      .from(s.pensionAccounts)
      .orderBy(s.pensionAccounts.personId);
    expect(stored).toEqual(expected);
    const mismatches = rowsOf(
      await database.db.execute(sql`
        select a.person_id from pension_accounts a
        left join (select person_id, sum(personal_amount) as total from contributions
                   where paid and insurance_type in ('employeePension', 'residentPension', 'publicSectorPension')
                   group by person_id) c on c.person_id = a.person_id
        where c.total is null or a.balance < c.total`),
    );
    expect(mismatches).toEqual([]);
    const medical = rowsOf(
      await database.db.execute(sql`
        select m.person_id from medical_accounts m
        where m.balance <> (select t.balance_after from medical_account_transactions t where t.person_id = m.person_id order by t.occurred_at desc, t.id desc limit 1)`),
    );
    expect(medical).toEqual([]);
  });

  it('has retirees with pension payments and certifications in every standing', async () => {
    const [r] = rowsOf<{ retirees: number; people: number; certified: number; due: number; overdue: number }>(
      await database.db.execute(sql`
        with latest as (
          select p.id, max(c.valid_until) as valid_until from persons p
          join certifications c on c.person_id = p.id and c.result = 'passed'
          where p.is_retiree group by p.id)
        select (select count(*) from persons where is_retiree)::int as retirees,
               (select count(*) from persons)::int as people,
               (select count(*) from latest where valid_until > ${TEST_SEED.asOf}::date + 30)::int as certified,
               (select count(*) from latest where valid_until between ${TEST_SEED.asOf}::date and ${TEST_SEED.asOf}::date + 30)::int as due,
               (select count(*) from latest where valid_until < ${TEST_SEED.asOf}::date)::int as overdue`),
    );
    expect(r!.retirees).toBeGreaterThan(3);
    expect(r!.certified).toBeGreaterThan(0);
    expect(r!.due).toBeGreaterThan(0);
    expect(r!.overdue).toBeGreaterThan(0);
    const [unpaid] = rowsOf<{ n: number }>(
      await database.db.execute(
        sql`select count(*)::int as n from persons p where p.is_retiree and not exists (select 1 from pension_payments x where x.person_id = p.id)`,
      ),
    );
    expect(unpaid!.n).toBe(0);
  });

  it('has content: guides with complete checklists, jobs, courses, notices, offices, overdue cases', async () => {
    const guides = await database.db.select().from(s.serviceGuides);
    expect(guides.length).toBeGreaterThanOrEqual(8);
    for (const g of guides) {
      expect(g.materials.length).toBeGreaterThan(0);
      expect(g.materials[0]!.name).toMatch(/身份证/);
      expect(g.where.length).toBeGreaterThan(4);
      expect(g.timeLimit.length).toBeGreaterThan(1);
    }
    for (const table of [s.jobPostings, s.trainingCourses, s.notices, s.offices]) {
      expect((await database.db.select({ n: sql<number>`count(*)::int` }).from(table))[0]!.n).toBeGreaterThan(3);
    }
    const [overdue] = rowsOf<{ n: number }>(
      await database.db.execute(
        sql`select count(*)::int as n from cases where status in ('accepted', 'processing') and due_date < ${TEST_SEED.asOf}::date`,
      ),
    );
    expect(overdue!.n).toBeGreaterThan(0);
  });

  it('lets new rows take ids after the seeded ones', async () => {
    const [row] = await database.db
      .insert(s.persons)
      .values({
        idNumber: '110105199001011237',
        name: '测试',
        sex: '1',
        birthDate: '1990-01-01',
        nationCode: '01',
        address: '北京市朝阳区',
      })
      .returning({ id: s.persons.id });
    expect(row!.id).toBe(TEST_SEED.people + demoPeople.length + 1);
  });
});

// Only PostgreSQL test databases are created and dropped; the suite exists wherever PostgreSQL does
// (always on CI, where backends.ts fails without it).
const postgresBackend = backends.find((b) => b.name === 'postgres');
if (postgresBackend) {
  describe('PostgreSQL test databases', () => {
    it('drops a PostgreSQL test database when it is closed', async () => {
      const extra = (await postgresBackend.open()) as Database & { url: string; name: string };
      const probe = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await probe.connect();
      try {
        const before = await probe.query('select 1 from pg_database where datname = $1', [extra.name]);
        expect(before.rowCount).toBe(1);
        await extra.close();
        const after = await probe.query('select 1 from pg_database where datname = $1', [extra.name]);
        expect(after.rowCount).toBe(0);
      } finally {
        await probe.end();
      }
    });
  });
}
