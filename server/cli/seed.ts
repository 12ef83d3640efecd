/**
 * `npm run seed -- --people 100000 [--seed S] [--as-of YYYY-MM-DD] [--reset]` into DATABASE_URL
 * (or --database-url), else PGLITE_DIR (or --pglite-dir), else an in-memory PGlite (timing only).
 */
import { sql } from 'drizzle-orm';
import { openDatabase } from '../db/open';
import { demoSeedParams } from '../seed/params';
import { isEmpty, seedDatabase } from '../seed/seed-database';
import { databaseTarget, parseArgs } from './args';

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const people = Number(args.people ?? 200);
  if (!Number.isSafeInteger(people) || people < 0) throw new Error('--people must be a whole number');
  const params = demoSeedParams({
    people,
    ...(args.seed ? { seed: args.seed } : {}),
    ...(args['as-of'] ? { asOf: args['as-of'] } : {}),
  });
  const target = databaseTarget(args);
  const database = await openDatabase(target);
  try {
    if (!(await isEmpty(database.db))) {
      if (args.reset !== 'true') throw new Error('the database already holds data: pass --reset to empty it first');
      const tables = await database.db.execute(
        sql`select string_agg(format('%I', tablename), ', ') as list from pg_tables where schemaname = 'public'`,
      );
      const list = (tables as unknown as { rows: { list: string }[] }).rows[0]!.list;
      await database.db.execute(sql.raw(`truncate ${list} restart identity cascade`));
    }
    const started = Date.now();
    let peak = 0;
    let last = 0;
    await seedDatabase(database.db, params, (written, generated) => {
      peak = Math.max(peak, process.memoryUsage().rss);
      if (Date.now() - last > 5_000 || written === generated) {
        last = Date.now();
        console.log(
          `  ${written} people written (${Math.round((Date.now() - started) / 1000)} s, rss ${peak >> 20} MB)`,
        );
      }
    });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `Seeded ${params.people} synthetic + demo people (seed "${params.seed}", as of ${params.asOf}) into ${database.kind} in ${seconds} s; peak rss ${peak >> 20} MB.`,
    );
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
