// Hall server throughput on real PostgreSQL: `npx tsx bench/hall-throughput.ts` (about 2 minutes).
//
// 1. Tickets: `POST /api/v1/queue/tickets` (categories A/B/C, 500 terminals, one request in ten a
//    retry of the previous key) against the baseline `GET /api/v1/terminal` (the credential check
//    and the closed-sign alternatives: the cheapest authenticated route), same connections and
//    duration, on one instance and then on two instances at once. Afterwards every category and
//    day must hold exactly one ticket per distinct key, numbered 1..N.
// 2. Heartbeats: CPU of one server process (its own process.cpuUsage, over IPC) while 500
//    terminals heartbeat every 10 s (50/s), minus the same process's CPU while idle.
// Env: CONNECTIONS (default 64 per instance), DURATION_S (10), DATABASE_POOL_SIZE (10),
// POOL_SWEEP (e.g. "4,10,20": one-instance ticket runs for each pool size), PGTEST_DIR/PGTEST_PORT.
// Writes bench/results/hall-throughput.json.
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import {
  type Figures,
  type Instance,
  freshDatabase,
  machine,
  merge,
  repo,
  startInstance,
  startPostgres,
} from './hall-harness';

const TERMINALS = 500;
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 64);
const DURATION_S = Number(process.env.DURATION_S ?? 10);
const POOL = process.env.DATABASE_POOL_SIZE ?? '10';
const CATEGORIES = ['A', 'B', 'C'] as const;

const pgServer = await startPostgres();
const db = await freshDatabase(pgServer.url, `hall_tp_${process.pid}`, TERMINALS);
const instances: Instance[] = [];
// Keys prepared for sending (autocannon prepares one more request per connection than it sends at
// the end of a timed run) and the ticket each answered key got: answered ⊆ stored ⊆ prepared.
const keysBy = new Map<string, Set<string>>(CATEGORIES.map((c) => [c, new Set()]));
const answered = new Map<string, string>();
let retryMismatches = 0;
let sent = 0;

/** Ticket requests for autocannon: new keys from rotating terminals, one in ten a retry of the previous. */
function ticketRequests(): autocannon.Request[] {
  let last: { key: string; category: string; auth: string } | null = null;
  return [
    {
      method: 'POST',
      path: '/api/v1/queue/tickets',
      setupRequest: (req, context) => {
        const n = sent++;
        const current =
          n % 10 === 9 && last
            ? last
            : {
                key: randomUUID(),
                category: CATEGORIES[n % CATEGORIES.length]!,
                auth: db.credentials[(n * 7) % TERMINALS]!,
              };
        last = current;
        const key = `${current.auth.slice(7).split('.')[0]}:${current.key}`;
        keysBy.get(current.category)!.add(key);
        (context as { key?: string }).key = key;
        return {
          ...req,
          headers: { 'content-type': 'application/json', authorization: current.auth },
          body: JSON.stringify({ categoryCode: current.category, idempotencyKey: current.key }),
        };
      },
      onResponse: (status, body, context) => {
        const key = (context as { key?: string }).key;
        if (status !== 201 && status !== 200) return;
        const ticketId = (JSON.parse(body) as { ticketId: string }).ticketId;
        const earlier = answered.get(key!);
        if (earlier !== undefined && earlier !== ticketId) retryMismatches++;
        answered.set(key!, ticketId);
      },
    },
  ];
}

function profileRequests(): autocannon.Request[] {
  let n = 0;
  return [
    {
      method: 'GET',
      path: '/api/v1/terminal',
      setupRequest: (req) => ({ ...req, headers: { authorization: db.credentials[n++ % TERMINALS]! } }),
    },
  ];
}

async function run(on: Instance[], requests: () => autocannon.Request[]): Promise<Figures> {
  return merge(
    await Promise.all(
      on.map((i) =>
        autocannon({ url: i.url, connections: CONNECTIONS, duration: DURATION_S, timeout: 30, requests: requests() }),
      ),
    ),
  );
}

async function ticketsVsBaseline(on: Instance[]) {
  // Warm-up: JIT, pool connections, plan caches.
  await Promise.all(
    on.map((i) => autocannon({ url: i.url, connections: 8, amount: 200, requests: profileRequests() })),
  );
  await Promise.all(on.map((i) => autocannon({ url: i.url, connections: 8, amount: 200, requests: ticketRequests() })));
  const baseline = await run(on, profileRequests);
  const tickets = await run(on, ticketRequests);
  return { baseline, tickets, rpsRatio: tickets.rps / baseline.rps, p99Ratio: tickets.p99 / baseline.p99 };
}

async function cpuOver(instance: Instance, seconds: number, load?: () => Promise<unknown>): Promise<number> {
  const before = await instance.cpuMicros();
  const t0 = performance.now();
  await (load ? load() : new Promise((r) => setTimeout(r, seconds * 1000)));
  const cpu = (await instance.cpuMicros()) - before;
  return cpu / 1000 / (performance.now() - t0); // share of one core
}

try {
  const env = { DATABASE_POOL_SIZE: POOL };
  instances.push(await startInstance(db.url, env), await startInstance(db.url, env));
  console.log(`PostgreSQL ${db.url}; instances ${instances.map((i) => i.url).join(' ')}; pool ${POOL}`);

  const one = await ticketsVsBaseline([instances[0]!]);
  console.log('one instance', JSON.stringify(one));
  const two = await ticketsVsBaseline(instances);
  console.log('two instances', JSON.stringify(two));

  const poolSweep: Record<string, Figures> = {};
  for (const size of (process.env.POOL_SWEEP ?? '').split(',').filter(Boolean)) {
    const probe = await startInstance(db.url, { DATABASE_POOL_SIZE: size });
    await autocannon({ url: probe.url, connections: 8, amount: 200, requests: ticketRequests() });
    poolSweep[size] = await run([probe], ticketRequests);
    console.log(`pool ${size}`, JSON.stringify(poolSweep[size]));
    await probe.stop();
  }

  // Heartbeat CPU: instance 1 stops so that only the measured process and PostgreSQL run.
  await instances[1]!.stop();
  const target = instances[0]!;
  const beat = JSON.stringify({
    appVersion: '0.6.0',
    uptimeS: 1000,
    inService: true,
    devices: [{ device: 'idCardReader', state: 'ok' }],
    lastError: null,
  });
  let t = 0;
  const heartbeatLoad = () =>
    autocannon({
      url: target.url,
      connections: 10,
      duration: 20,
      overallRate: TERMINALS / 10,
      requests: [
        {
          method: 'POST',
          path: '/api/v1/terminal/heartbeat',
          setupRequest: (req) => ({
            ...req,
            headers: { 'content-type': 'application/json', authorization: db.credentials[t++ % TERMINALS]! },
            body: beat,
          }),
        },
      ],
    });
  await autocannon({
    url: target.url,
    connections: 10,
    amount: 500,
    overallRate: 100,
    requests: [{ method: 'GET', path: '/health' }],
  }); // warm-up
  const idle = await cpuOver(target, 10);
  let beats: autocannon.Result | undefined;
  const busy = await cpuOver(target, 20, async () => (beats = await heartbeatLoad()));
  const heartbeat = {
    idleCoreShare: idle,
    busyCoreShare: busy,
    aboveIdlePercentOfCore: (busy - idle) * 100,
    cpuMsPerHeartbeat: ((busy - idle) * 20_000) / (beats!.requests.total || 1),
    latency: merge([beats!]),
  };
  console.log('heartbeats', JSON.stringify(heartbeat));

  // Correctness: per category and day, one ticket per key, numbered 1..N.
  const problems: string[] = [];
  const res = (await db.database.db.execute(
    sql`select category_code as cat, service_day as day, count(*)::int as n, max(number) as top,
        count(distinct number)::int as distinct_numbers, array_agg(idempotency_key) as keys
        from queue_tickets group by 1, 2`,
  )) as unknown as {
    rows: { cat: string; day: string; n: number; top: number; distinct_numbers: number; keys: string[] }[];
  };
  for (const category of CATEGORIES) {
    const rows = res.rows.filter((r) => r.cat === category);
    const keys = keysBy.get(category)!;
    const stored = new Set(rows.flatMap((r) => r.keys));
    for (const r of rows)
      if (r.n !== r.top || r.distinct_numbers !== r.n)
        problems.push(`${category} ${r.day}: ${r.n} tickets, top ${r.top}`);
    const unanswered = [...answered.keys()].filter((k) => keys.has(k) && !stored.has(k)).length;
    const unknown = [...stored].filter((k) => !keys.has(k)).length;
    if (unanswered || unknown)
      problems.push(`${category}: ${unanswered} answered keys without a ticket, ${unknown} tickets of unknown keys`);
  }
  if (retryMismatches) problems.push(`${retryMismatches} retries answered with another ticket`);
  const auditRows = (await db.database.db.execute(
    sql`select count(*)::int as n from audit_log where action = 'queue.issue' and result = 'ok'`,
  )) as unknown as { rows: { n: number }[] };
  const ticketsStored = res.rows.reduce((n, r) => n + r.n, 0);
  if (auditRows.rows[0]!.n !== ticketsStored)
    problems.push(`${auditRows.rows[0]!.n} audit rows for ${ticketsStored} tickets`);

  const result = {
    machine: machine(),
    date: new Date().toISOString(),
    setup: { terminals: TERMINALS, connectionsPerInstance: CONNECTIONS, durationS: DURATION_S, pool: Number(POOL) },
    oneInstance: one,
    twoInstances: two,
    poolSweep,
    heartbeat,
    tickets: { stored: ticketsStored, answeredKeys: answered.size, retryMismatches },
    problems,
  };
  mkdirSync(path.join(repo, 'bench/results'), { recursive: true });
  writeFileSync(path.join(repo, 'bench/results/hall-throughput.json'), JSON.stringify(result, null, 2) + '\n');
  console.log(JSON.stringify(result, null, 2));
  const failed = one.tickets.non2xx + two.tickets.non2xx + one.tickets.errors + two.tickets.errors;
  if (problems.length > 0 || failed > 0) {
    console.error(`FAILED: ${problems.join('; ')} ${failed} failed requests`);
    process.exitCode = 1;
  }
} finally {
  await Promise.all(instances.map((i) => i.stop()));
  await db.drop();
  pgServer.stop();
}
