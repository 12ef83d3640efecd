/** Writes a seed's hall, content and population into a database, in batches. */
import { sql } from 'drizzle-orm';
import * as s from '../db/schema';
import type { Db } from '../db/types';
import { bulkInsert, syncIdentity } from './bulk-insert';
import { guides } from './content/guides';
import { buildCourses, buildJobs } from './content/jobs';
import { buildNotices, offices } from './content/notices';
import { atHallTime } from './dates';
import { generateEmployers, generatePeople } from './generate';
import { seedPaymentPolicy } from './payment-policy';
import { hashSecret } from '../staff/secret-hash';
import { demoCategories, demoHall, demoStaff, demoStaffCredentials } from './hall';
import type { PersonBundle, SeedParams } from './types';

/** People per flush: bounds memory at a few hundred thousand rows whatever the population. */
const PEOPLE_PER_FLUSH = 200;

/** Progress after each flush, for the CLI. */
export type SeedProgress = (written: number, generated: number) => void;

async function seedHallAndContent(db: Db, params: SeedParams): Promise<void> {
  await db.insert(s.halls).values(demoHall);
  const staffRows = await Promise.all(
    demoStaff.map(async (member) => {
      const secrets = demoStaffCredentials[member.id];
      if (!secrets) return member;
      return { ...member, passwordHash: await hashSecret(secrets.password), pinHash: await hashSecret(secrets.pin) };
    }),
  );
  await db.insert(s.staff).values(staffRows);
  await db.insert(s.serviceCategories).values([...demoCategories]);
  await db
    .insert(s.serviceGuides)
    .values(guides.map(({ timeLimitDays: _days, ...g }) => ({ ...g, updatedAt: atHallTime(params.asOf, 9, 0) })));
  // Content rows carry when they last changed (terminals show their cache's age); seeded ones the as-of morning.
  const updatedAt = atHallTime(params.asOf, 9, 0);
  await db.insert(s.jobPostings).values(buildJobs(params.asOf).map((j) => ({ ...j, updatedAt })));
  await db.insert(s.trainingCourses).values(buildCourses(params.asOf).map((c) => ({ ...c, updatedAt })));
  await db.insert(s.notices).values(buildNotices(params.asOf).map((n) => ({ ...n, updatedAt: n.publishedAt })));
  await db.insert(s.offices).values(offices.map((o) => ({ ...o, updatedAt })));
  await seedPaymentPolicy(db, params.asOf);
}

async function flush(db: Db, bundles: PersonBundle[]): Promise<void> {
  // Parents before children (foreign keys).
  await bulkInsert(
    db,
    s.persons,
    bundles.map((b) => b.person),
  );
  await bulkInsert(
    db,
    s.enrollments,
    bundles.flatMap((b) => b.enrollments),
  );
  await bulkInsert(
    db,
    s.contributions,
    bundles.flatMap((b) => b.contributions),
  );
  await bulkInsert(
    db,
    s.pensionAccounts,
    bundles.flatMap((b) => (b.pensionAccount ? [b.pensionAccount] : [])),
  );
  await bulkInsert(
    db,
    s.pensionPayments,
    bundles.flatMap((b) => b.pensionPayments),
  );
  await bulkInsert(
    db,
    s.medicalAccounts,
    bundles.flatMap((b) => (b.medicalAccount ? [b.medicalAccount] : [])),
  );
  await bulkInsert(
    db,
    s.medicalAccountTransactions,
    bundles.flatMap((b) => b.medicalTransactions),
  );
  await bulkInsert(
    db,
    s.certifications,
    bundles.flatMap((b) => b.certifications),
  );
  await bulkInsert(
    db,
    s.cases,
    bundles.flatMap((b) => b.cases),
  );
}

/** Seeds an empty, migrated database: demo hall, staff, content, employers, demo and synthetic people. */
export async function seedDatabase(db: Db, params: SeedParams, progress?: SeedProgress): Promise<void> {
  await seedHallAndContent(db, params);
  await bulkInsert(db, s.employers, generateEmployers(params));
  // Generation (CPU in this process) overlaps the previous batch's inserts (in PostgreSQL): at most
  // two batches are alive at once, and a yield every few people lets the insert's I/O proceed.
  let pending: PersonBundle[] = [];
  let inflight: Promise<void> = Promise.resolve();
  let done = 0;
  let generated = 0;
  for (const bundle of generatePeople(params)) {
    pending.push(bundle);
    if (++generated % 25 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    if (pending.length >= PEOPLE_PER_FLUSH) {
      await inflight;
      const batch = pending;
      pending = [];
      inflight = flush(db, batch).then(() => {
        done += batch.length;
        progress?.(done, generated);
      });
    }
  }
  await inflight;
  await flush(db, pending);
  progress?.(done + pending.length, generated);
  await syncIdentity(db, s.persons);
  await syncIdentity(db, s.employers);
  await db.execute(sql`analyze`);
}

/** True when nothing has been seeded yet (no hall). */
export async function isEmpty(db: Db): Promise<boolean> {
  const rows = await db.select({ id: s.halls.id }).from(s.halls).limit(1);
  return rows.length === 0;
}
