// Queue load test: `npx tsx bench/queue-load.ts` (about two minutes; loopback only, bounded).
//
// Starts a throwaway PostgreSQL (scripts/start-test-postgres.sh in a temp dir on a free port,
// or PGTEST_DIR / PGTEST_PORT when set), migrates and seeds a fresh database, registers 500
// terminals, and starts 3 hall server processes on their own ports. Then, for LOAD_S seconds:
// the 500 terminals heartbeat every 10 s (50 requests/s spread over the instances) while every
// BURST_EVERY_S seconds a burst of ticket issues hits all instances at once from many terminals
// (1 in 10 a retry of the previous key). Afterwards it asserts that every category's numbers
// are exactly 1..N with N the number of distinct keys sent (no duplicate, no gap) and writes
// latency percentiles and throughput with the machine to bench/results/queue-load.json.
// Baseline: `GET /health` on the same instances just before the load.
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { and, eq, sql } from 'drizzle-orm';
import { queueTickets } from '../server/db/schema';
import { DEMO_HALL_ID } from '../server/seed/hall';
import { type Instance, freshDatabase, machine, merge, repo, startInstance, startPostgres } from './hall-harness';

const TERMINALS = 500;
const INSTANCES = 3;
const HEARTBEAT_EVERY_S = 10;
const LOAD_S = Number(process.env.LOAD_S ?? 40);
const BURST_EVERY_S = 10;
/** Issue requests per burst per instance (so a burst is this × INSTANCES). */
const BURST_PER_INSTANCE = 100;
const BURST_CONNECTIONS = 40;
const CATEGORIES = ['A', 'B', 'C'] as const;

const pgServer = await startPostgres();
const fresh = await freshDatabase(pgServer.url, `queue_load_${process.pid}`, TERMINALS);
const { database, credentials, url: databaseUrl } = fresh;
const children: Instance[] = [];
try {
  for (let i = 0; i < INSTANCES; i++) children.push(await startInstance(databaseUrl));
  const instances = children.map((c) => c.url);
  console.log(`PostgreSQL ${databaseUrl}; instances ${instances.join(' ')}`);

  // Baseline: liveness on the same instances, nothing else running.
  const baseline = merge(
    await Promise.all(instances.map((url) => autocannon({ url: `${url}/health`, connections: 10, duration: 5 }))),
  );

  const beat = JSON.stringify({
    appVersion: '0.6.0',
    uptimeS: 1000,
    inService: true,
    devices: [{ device: 'idCardReader', state: 'ok' }],
    lastError: null,
  });
  const heartbeats = instances.map((url, i) => {
    const mine = credentials.filter((_, t) => t % INSTANCES === i);
    let next = 0;
    return autocannon({
      url,
      connections: 20,
      duration: LOAD_S,
      timeout: 60,
      overallRate: Math.round(mine.length / HEARTBEAT_EVERY_S),
      requests: [
        {
          method: 'POST',
          path: '/api/v1/terminal/heartbeat',
          setupRequest: (req) => ({
            ...req,
            headers: { 'content-type': 'application/json', authorization: mine[next++ % mine.length]! },
            body: beat,
          }),
        },
      ],
    });
  });

  // Every key sent, by category: after the load each category must hold exactly these, numbered 1..N.
  const keysBy = new Map<string, Set<string>>(CATEGORIES.map((c) => [c, new Set()]));
  let issued = 0;
  const burst = () =>
    Promise.all(
      instances.map((url) => {
        let last: { key: string; category: string; auth: string } | null = null;
        return autocannon({
          url,
          connections: BURST_CONNECTIONS,
          amount: BURST_PER_INSTANCE,
          timeout: 60,
          requests: [
            {
              method: 'POST',
              path: '/api/v1/queue/tickets',
              setupRequest: (req) => {
                const n = issued++;
                // One in ten is a retry of the previous request (same terminal, key and category).
                const current =
                  n % 10 === 9 && last
                    ? last
                    : {
                        key: randomUUID(),
                        category: CATEGORIES[n % CATEGORIES.length]!,
                        auth: credentials[(n * 7) % TERMINALS]!,
                      };
                last = current;
                keysBy.get(current.category)!.add(`${current.auth.slice(7).split('.')[0]}:${current.key}`);
                return {
                  ...req,
                  headers: { 'content-type': 'application/json', authorization: current.auth },
                  body: JSON.stringify({ categoryCode: current.category, idempotencyKey: current.key }),
                };
              },
            },
          ],
        });
      }),
    );
  const bursts: autocannon.Result[] = [];
  const started = Date.now();
  while (Date.now() - started < (LOAD_S - BURST_EVERY_S / 2) * 1000) {
    const at = Date.now();
    bursts.push(...(await burst()));
    await new Promise((r) => setTimeout(r, Math.max(0, BURST_EVERY_S * 1000 - (Date.now() - at))));
  }
  const beats = merge(await Promise.all(heartbeats));
  const issues = merge(bursts);

  // Correctness: per category, numbers 1..N, one ticket per key.
  const problems: string[] = [];
  for (const category of CATEGORIES) {
    const rows = await database.db
      .select({ n: queueTickets.number, key: queueTickets.idempotencyKey })
      .from(queueTickets)
      .where(and(eq(queueTickets.hallId, DEMO_HALL_ID), eq(queueTickets.categoryCode, category)));
    const numbers = rows.map((r) => r.n).sort((a, b) => a - b);
    const keys = keysBy.get(category)!;
    const gaps = numbers.filter((n, i) => n !== i + 1).length;
    const duplicates = numbers.length - new Set(numbers).size;
    const missingKeys = [...keys].filter((k) => !rows.some((r) => r.key === k)).length;
    if (gaps || duplicates || missingKeys || rows.length !== keys.size) {
      problems.push(
        `${category}: ${rows.length} tickets for ${keys.size} keys, ${gaps} out of place, ${duplicates} duplicates, ${missingKeys} keys without a ticket`,
      );
    }
  }
  const dayRows = await database.db.execute(sql`select count(distinct service_day) as days from queue_tickets`);
  const days = Number((dayRows as unknown as { rows: { days: string | number }[] }).rows[0]!.days);

  const result = {
    machine: machine(),
    date: new Date().toISOString(),
    setup: {
      terminals: TERMINALS,
      instances: INSTANCES,
      loadS: LOAD_S,
      burstEveryS: BURST_EVERY_S,
      burstSize: BURST_PER_INSTANCE * INSTANCES,
    },
    baselineHealth: baseline,
    heartbeats: beats,
    ticketIssues: {
      ...issues,
      distinctKeys: [...keysBy.values()].reduce((n, s) => n + s.size, 0),
      serviceDays: Number(days),
    },
    ratios: { heartbeatP50: beats.p50 / (baseline.p50 || 1), issueP50: issues.p50 / (baseline.p50 || 1) },
    problems,
  };
  mkdirSync(path.join(repo, 'bench/results'), { recursive: true });
  writeFileSync(path.join(repo, 'bench/results/queue-load.json'), JSON.stringify(result, null, 2) + '\n');
  console.log(JSON.stringify(result, null, 2));
  if (problems.length > 0 || issues.non2xx > 0 || issues.errors > 0) {
    console.error('FAILED: duplicate, missing or failed tickets');
    process.exitCode = 1;
  }
} finally {
  await Promise.all(children.map((c) => c.stop()));
  await fresh.drop();
  pgServer.stop();
}
