// Chaos run: `npx tsx bench/chaos.ts` (ACTIONS=2000 by default; minutes, not in CI).
//
// Starts its own PostgreSQL (scripts/start-test-postgres.sh in a temp dir on a free port),
// migrates and seeds a fresh database, registers a terminal, and starts 2 hall server processes.
// A TCP proxy in front of them spreads connections over the live instances and cuts the network:
// it drops a share of connections at random (before the request, or after the request reached
// the server but before the answer came back) and has outages of ~1 s where every connection is
// dropped. A kiosk process (bench/chaos-kiosk.ts, the host's HallClient) plays ACTIONS scripted
// actions through the proxy: queue tickets, card in → second factor → rights statement → card
// out, and staff commands the terminal picks up and acks. Meanwhile, at random moments, a
// server instance is killed with SIGKILL (and restarted), and the kiosk process too (and
// restarted; it resumes after the last action it began). Afterwards, on the database:
//   - every action the kiosk reported done exists exactly once (by its idempotency key),
//   - none it reported failed exists,
//   - no idempotency key has two records (tickets, statements, commands).
// Actions cut off by a kiosk kill or reported "unknown" (no answer after retries with the same
// key) may exist at most once. Writes bench/results/chaos.json. Exit code 1 on any violation.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { type Socket, connect, createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase } from '../server/db/open';
import { freePort, repo, startPostgres } from './hall-harness';
import { DEMO_HALL_ID } from '../server/seed/hall';
import { demoSeedParams } from '../server/seed/params';
import { seedDatabase } from '../server/seed/seed-database';
import { registerTerminal } from '../server/terminals/register';

const ACTIONS = Number(process.env.ACTIONS ?? 2000);
const SEED = Number(process.env.SEED ?? 1);
/** Share of connections the proxy drops outside outages. */
const DROP_SHARE = Number(process.env.DROP_SHARE ?? 0.2);
/** One fault every FAULT_MIN_MS to FAULT_MAX_MS (default 2–6 s). */
const FAULT_MIN_MS = Number(process.env.FAULT_MIN_MS ?? 2000);
const FAULT_MAX_MS = Math.max(FAULT_MIN_MS, Number(process.env.FAULT_MAX_MS ?? 6000));
const TERMINAL_ID = 'CHAOS-01';

let rng = SEED * 7919;
/** A small deterministic generator, so a failing run can be repeated with the same SEED. */
function random(): number {
  rng = (rng * 16807) % 2147483647;
  return rng / 2147483647;
}

interface Instance {
  port: number;
  child: ChildProcess | null;
  up: boolean;
}

function startInstance(databaseUrl: string, instance: Instance): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(repo, 'bench/queue-server.ts')], {
      cwd: repo,
      env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(instance.port), LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    instance.child = child;
    let buffered = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      if (/listening /.test(buffered) && !instance.up) {
        instance.up = true;
        resolve();
      }
    });
    child.once('exit', () => {
      instance.up = false;
      if (instance.child === child) instance.child = null;
      reject(new Error('instance exited before listening'));
    });
  });
}

/** The network between the kiosk and the servers: spreads connections, drops some, has outages. */
function startProxy(instances: Instance[], stats: Record<string, number>) {
  let outageUntil = 0;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => undefined);
    const live = instances.filter((i) => i.up);
    if (Date.now() < outageUntil || live.length === 0) {
      stats.refused = (stats.refused ?? 0) + 1;
      client.destroy();
      return;
    }
    const target = live[Math.floor(random() * live.length)]!;
    const upstream = connect(target.port, '127.0.0.1');
    sockets.add(upstream);
    upstream.on('close', () => {
      sockets.delete(upstream);
      client.destroy();
    });
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    const cut = random();
    if (cut < DROP_SHARE / 2) {
      // Cut before the answer: the request reaches the server, its answer never reaches the kiosk.
      upstream.once('data', () => {
        stats.cutAfterRequest = (stats.cutAfterRequest ?? 0) + 1;
        client.destroy();
        upstream.destroy();
      });
      client.pipe(upstream);
    } else if (cut < DROP_SHARE) {
      stats.cutBeforeRequest = (stats.cutBeforeRequest ?? 0) + 1;
      client.destroy();
      upstream.destroy();
    } else {
      client.pipe(upstream);
      upstream.pipe(client);
    }
  });
  return {
    listen: () =>
      new Promise<number>((resolve) =>
        server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
      ),
    /** Drops every connection now and refuses new ones for `ms`. */
    outage(ms: number) {
      outageUntil = Date.now() + ms;
      for (const s of sockets) s.destroy();
    },
    close: () => {
      for (const s of sockets) s.destroy();
      server.close();
    },
  };
}

const started = Date.now();
const pgServer = await startPostgres();
// Interrupted: leave no server, kiosk or cluster behind.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    (kiosk as ChildProcess | null)?.kill('SIGKILL');
    for (const instance of instances) instance.child?.kill('SIGKILL');
    pgServer.stop();
    process.exit(130);
  });
}
const dbName = `chaos_${process.pid}`;
const admin = new pg.Client({ connectionString: pgServer.url });
await admin.connect();
await admin.query(`create database ${dbName}`);
await admin.end();
const databaseUrl = pgServer.url.replace(/\/postgres$/, `/${dbName}`);
const instances: Instance[] = [
  { port: await freePort(), child: null, up: false },
  { port: await freePort(), child: null, up: false },
];
const stats: Record<string, number> = {};
const proxy = startProxy(instances, stats);
let kiosk: ChildProcess | null = null;
let violations: string[] = [];
let summary: Record<string, unknown> = {};
try {
  const database = await openDatabase({ url: databaseUrl });
  await seedDatabase(database.db, demoSeedParams({ people: 20 }));
  const terminalSecret = await registerTerminal(database.db, { terminalId: TERMINAL_ID, hallId: DEMO_HALL_ID });
  await database.close();
  for (const instance of instances) await startInstance(databaseUrl, instance);
  const login = await fetch(`http://127.0.0.1:${instances[0]!.port}/api/v1/staff/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ staffId: 'S004', password: 'hall-demo' }),
  });
  const staffToken = ((await login.json()) as { token: string }).token;
  const proxyPort = await proxy.listen();
  const journalPath = path.join(mkdtempSync(path.join(os.tmpdir(), 'chaos-journal-')), 'journal.log');

  const progress = () =>
    (existsSync(journalPath) ? readFileSync(journalPath, 'utf8') : '').split('\n').filter((l) => l.startsWith('begin '))
      .length;
  const events: Record<string, number> = { serverKills: 0, kioskKills: 0, outages: 0 };
  let kioskDone = false;
  /** Actions begun when the kiosk last started: it is killed again only after it made progress. */
  let begunAtStart = -1;
  const startKiosk = () => {
    begunAtStart = progress();
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(repo, 'bench/chaos-kiosk.ts')], {
      cwd: repo,
      env: {
        ...process.env,
        KIOSK_LOG: 'silent',
        HALL_URL: `http://127.0.0.1:${proxyPort}`,
        TERMINAL_ID,
        TERMINAL_SECRET: terminalSecret,
        STAFF_TOKEN: staffToken,
        JOURNAL: journalPath,
        TOTAL: String(ACTIONS),
        SEED: String(SEED),
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.once('exit', (code, signal) => {
      if (code === 0) kioskDone = true;
      else if (signal !== 'SIGKILL') {
        // A crashed kiosk is started again, as the terminal's watchdog would.
        console.error(`kiosk exited with ${code ?? signal}; starting it again`);
        events.kioskCrashes = (events.kioskCrashes ?? 0) + 1;
        startKiosk();
      }
    });
    kiosk = child;
  };
  startKiosk();

  while (!kioskDone) {
    await new Promise((r) => setTimeout(r, FAULT_MIN_MS + random() * (FAULT_MAX_MS - FAULT_MIN_MS)));
    if (kioskDone) break;
    const pick = random();
    if (pick < 0.45) {
      // One instance at a time: the other keeps serving while this one restarts (which takes seconds).
      const instance = instances[Math.floor(random() * instances.length)]!;
      if (instance.child && instances.every((i) => i.up)) {
        events.serverKills! += 1;
        instance.child.kill('SIGKILL');
        instance.up = false;
        setTimeout(() => void startInstance(databaseUrl, instance).catch(() => undefined), 500 + random() * 1500);
      }
    } else if (pick < 0.7) {
      const k = kiosk as ChildProcess | null;
      if (k && k.exitCode === null && k.signalCode === null && progress() > begunAtStart) {
        events.kioskKills! += 1;
        k.kill('SIGKILL');
        await new Promise((r) => k.once('exit', r));
        startKiosk();
      }
    } else {
      events.outages! += 1;
      proxy.outage(500 + random() * 1000);
    }
    console.log(`${new Date().toISOString()} actions begun ${progress()}/${ACTIONS}; ${JSON.stringify(events)}`);
  }

  // The verdict, from the journal and the database.
  const outcome = new Map<string, { kind: string; state: string }>();
  for (const line of (existsSync(journalPath) ? readFileSync(journalPath, 'utf8') : '').split('\n')) {
    const [state, , kind, key] = line.split(' ');
    if (!state || !key || !kind) continue;
    outcome.set(key, { kind, state: state === 'begin' ? 'interrupted' : state });
  }
  const check = new pg.Client({ connectionString: databaseUrl });
  await check.connect();
  const rows = async (q: string) => (await check.query(q)).rows as { key: string; n: number }[];
  const records = new Map<string, number>();
  const tables = {
    ticket: `select split_part(idempotency_key, ':', 2) as key, count(*)::int as n from queue_tickets where idempotency_key is not null group by 1`,
    statement: `select request_id::text as key, count(*)::int as n from statements group by 1`,
    staffCommand: `select split_part(idempotency_key, ':', 2) as key, count(*)::int as n from terminal_commands where idempotency_key is not null group by 1`,
  };
  for (const q of Object.values(tables))
    for (const r of await rows(q)) records.set(r.key, (records.get(r.key) ?? 0) + r.n);
  await check.end();
  violations = [];
  const counts: Record<string, number> = {};
  for (const [key, { kind, state }] of outcome) {
    counts[`${kind}:${state}`] = (counts[`${kind}:${state}`] ?? 0) + 1;
    const n = records.get(key) ?? 0;
    if (state === 'done' && n !== 1) violations.push(`${kind} ${key} reported done, ${n} records`);
    if (state === 'failed' && n !== 0) violations.push(`${kind} ${key} reported failed, ${n} records`);
    if (n > 1) violations.push(`${kind} ${key}: ${n} records`);
  }
  for (const [key, n] of records) if (n > 1 && !outcome.has(key)) violations.push(`key ${key}: ${n} records`);
  summary = {
    when: new Date().toISOString(),
    command: `ACTIONS=${ACTIONS} SEED=${SEED} DROP_SHARE=${DROP_SHARE} FAULT_MIN_MS=${FAULT_MIN_MS} FAULT_MAX_MS=${FAULT_MAX_MS} npx tsx bench/chaos.ts`,
    seconds: (Date.now() - started) / 1000,
    actions: outcome.size,
    outcomes: counts,
    faults: { ...events, ...stats },
    violations: violations.length,
    machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version, loadavg: os.loadavg() },
  };
  console.log(JSON.stringify(summary, null, 2));
  for (const v of violations.slice(0, 20)) console.log(`VIOLATION ${v}`);
} finally {
  (kiosk as ChildProcess | null)?.kill('SIGKILL');
  for (const instance of instances) instance.child?.kill('SIGKILL');
  proxy.close();
  pgServer.stop();
}
const dir = path.join(import.meta.dirname, 'results');
mkdirSync(dir, { recursive: true });
writeFileSync(
  path.join(dir, 'chaos.json'),
  JSON.stringify({ ...summary, violationList: violations.slice(0, 50) }, null, 2) + '\n',
);
console.log(violations.length === 0 ? 'PASS' : `FAIL: ${violations.length} violations`);
process.exit(violations.length === 0 ? 0 : 1);
