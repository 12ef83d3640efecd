// The payment chaos test: a kiosk host process (tests/server/support/payment-chaos-host.ts: the host's
// HallClient → PaymentDesk path with its fsync'd payment journal, one terminal per lane) drives N
// payments against a hall server process (tests/server/support/payment-chaos-server.ts) over
// PostgreSQL (TEST_DATABASE_URL) or else a PGlite data dir; the channel simulator runs here. Both ways
// of paying (payment code: instant, password, declined, lost answer; the kiosk's QR paid, declined or
// cancelled on the phone), resident pension grades paid by the person and resident medical years paid
// by 陈晓雨 for family members. At seeded points the HOST and the SERVER are SIGKILLed and restarted:
// the restarted host settles what its journal holds in flight by the taps' own requestIds, the
// restarted server's sweep finishes the rest. Afterwards: every payment the kiosk said was paid is
// posted exactly once, none it said failed or cancelled holds money, every order is final, and the
// simulator's money equals the sum of the posted orders.
// CI: N=20, 2 host kills, 2 server kills. Long run: `PAYMENT_CHAOS_N=200` (kills scale with N).
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { auditLog, contributions, paymentOrders } from '../../server/db/schema';
import { openDatabase, wrapPglite } from '../../server/db/open';
import { createPostgresTestDatabase, pgliteTemplate } from '../../server/db/template';
import type { Database } from '../../server/db/types';
import { type PaymentSimulator, startPaymentSimulator } from '../../server/payment/simulator';
import { demoPeople } from '../../server/seed/demo-people';
import { DEMO_HALL_ID } from '../../server/seed/hall';
import type { SeedParams } from '../../server/seed/types';
import { registerTerminal } from '../../server/terminals/register';
import { freePort } from '../../bench/hall-harness';
import { TEST_SEED } from './support/backends';
import { seedDayClock } from './support/payment';
import type { ChaosPayment, ChaosPlan, ChaosWay } from './support/payment-chaos-host';
import { PaymentJournal, type PaymentJournalEntry } from '../../host/payment/payment-journal';

const N = Number(process.env.PAYMENT_CHAOS_N ?? 20);
const SEED = Number(process.env.PAYMENT_CHAOS_SEED ?? 15);
/** SIGKILLs of the server during the run (each restart costs a start-up of the server process). */
const KILLS = Number(process.env.PAYMENT_CHAOS_KILLS ?? Math.max(2, Math.round(N / 20)));
/** SIGKILLs of the kiosk host during the run. */
const HOST_KILLS = Number(process.env.PAYMENT_CHAOS_HOST_KILLS ?? Math.max(2, Math.round(N / 20)));
/** Payments driven at once (several kiosks). */
const LANES = 4;
/** More people than the test seed only for a long run (more beneficiaries with a year to pay). */
const seedParams: SeedParams =
  N <= 30 ? TEST_SEED : { seed: 'payment-chaos', people: Math.ceil(N * 1.2), asOf: TEST_SEED.asOf };
const chen = demoPeople.find((p) => p.name === '陈晓雨')!;

let rngState = SEED * 7919 + 1;
/** Deterministic, so a failing run repeats with the same PAYMENT_CHAOS_SEED. */
function random(): number {
  rngState = (rngState * 16807) % 2147483647;
  return rngState / 2147483647;
}
/** PAYMENT_CHAOS_TRACE=<file>: a line per kill, start and payment, as they happen. */
const trace = (line: string) => {
  if (process.env.PAYMENT_CHAOS_TRACE)
    appendFileSync(process.env.PAYMENT_CHAOS_TRACE, `${((Date.now() - started) / 1000).toFixed(1)} ${line}\n`);
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let sim: PaymentSimulator;
let verifier: Database;
let port: number;
/** One terminal per lane (a kiosk has one session at a time). */
const terminals: { terminalId: string; secret: string }[] = [];
/** Beneficiaries' years due before the run: (person, insurance type) with its paid months of 2025. */
let due: {
  idNumber: string;
  name: string;
  personId: number;
  type: string;
  paidBefore: number;
  gradeId: string | null;
}[] = [];
let childEnv: NodeJS.ProcessEnv;
let child: ChildProcess | null = null;
let up: Promise<void> = Promise.resolve();
let pgliteDir: string | null = null;
let dropDatabase: (() => Promise<void>) | null = null;
let hostDir: string;
let plan: ChaosPlan;
let host: ChildProcess | null = null;
/** Payments the host has reported finished (across its runs). */
let finished = 0;
let hostDone: Promise<void> = Promise.resolve();
const kills: number[] = [];
const hostKills: number[] = [];
const started = Date.now();

function startServer(): Promise<void> {
  // node itself, not the tsx launcher, so that SIGKILL kills the server and not a wrapper.
  const c = spawn(process.execPath, ['--import', 'tsx', 'tests/server/support/payment-chaos-server.ts'], {
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = c;
  trace('start');
  let err = '';
  c.stderr!.on('data', (d: Buffer) => (err += d.toString()).slice(-4000));
  return new Promise((resolve, reject) => {
    c.stdout!.on('data', (d: Buffer) => {
      if (d.toString().includes('listening')) {
        trace('listening');
        resolve();
      }
    });
    c.once('exit', (code, signal) => reject(new Error(`server exited (${code ?? signal}) before listening: ${err}`)));
  });
}

async function killServer(count = true): Promise<void> {
  const c = child;
  if (!c || c.exitCode !== null || c.signalCode !== null) return;
  const exited = new Promise((r) => c.once('exit', r));
  c.kill('SIGKILL');
  await exited;
  if (count) kills.push(Date.now() - started);
  trace('killed');
}

/** Starts the kiosk host; `hostDone` resolves when it has finished its plan (rejects if it dies on its own). */
function startHost(): void {
  const h = spawn(process.execPath, ['--import', 'tsx', 'tests/server/support/payment-chaos-host.ts'], {
    env: {
      ...process.env,
      CHAOS_CLOCK_OFFSET_MS: childEnv.CHAOS_CLOCK_OFFSET_MS,
      CHAOS_PLAN: path.join(hostDir, 'plan.json'),
      CHAOS_HALL_URL: `http://127.0.0.1:${port}`,
      CHAOS_HOST_DIR: hostDir,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  host = h;
  trace('host start');
  let err = '';
  let out = '';
  h.stderr!.on('data', (d: Buffer) => {
    err = (err + d.toString()).slice(-4000);
    trace(`host stderr: ${d.toString().trim()}`);
  });
  hostDone = new Promise((resolve, reject) => {
    h.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const lines = out.split('\n');
      out = lines.pop()!;
      for (const line of lines) {
        trace(`host: ${line}`);
        if (line.startsWith('payment ')) finished++;
        if (line === 'done') resolve();
      }
    });
    h.once('exit', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`host exited (${code ?? signal}): ${err}`));
    });
  });
  hostDone.catch(() => {});
}

async function killHost(): Promise<void> {
  const h = host;
  if (!h || h.exitCode !== null || h.signalCode !== null) return;
  const exited = new Promise((r) => h.once('exit', r));
  h.kill('SIGKILL');
  await exited;
  hostKills.push(Date.now() - started);
  trace('host killed');
}

beforeAll(async () => {
  const clock = seedDayClock();
  const offset = Date.now() - clock().getTime();
  sim = await startPaymentSimulator({
    now: clock,
    confirmMs: 400,
    notifyCopies: 2,
    notifyJitterMs: 300,
    random,
  });
  port = await freePort();
  hostDir = mkdtempSync(path.join(os.tmpdir(), 'payment-chaos-host-'));
  const url = process.env.TEST_DATABASE_URL;
  const db: Record<string, string> = {};
  if (url) {
    const created = await createPostgresTestDatabase(url, seedParams);
    verifier = created;
    dropDatabase = () => created.close();
    db.CHAOS_DB_URL = created.url;
  } else {
    pgliteDir = mkdtempSync(path.join(os.tmpdir(), 'payment-chaos-pglite-'));
    const template = await pgliteTemplate(seedParams);
    const client = await PGlite.create({ dataDir: pgliteDir, loadDataDir: new Blob([readFileSync(template)]) });
    verifier = await wrapPglite(client, false);
    db.CHAOS_DB_DIR = pgliteDir;
  }
  for (let lane = 0; lane < LANES; lane++) {
    const terminalId = `KIOSK-CHAOS-${lane}`;
    terminals.push({ terminalId, secret: await registerTerminal(verifier.db, { terminalId, hallId: DEMO_HALL_ID }) });
  }
  // Fixture: residents of regions with a 2025 policy enrolled in resident medical and resident
  // pension, so the run has enough years to pay (the seed enrols only a few; no money or
  // contribution is touched).
  for (const type of ['residentMedical', 'residentPension'])
    await verifier.db.execute(sql`
      insert into enrollments (person_id, insurance_type, status, start_date, region)
      select p.id, ${type}, 'active', '2020-01-01', substr(p.id_number, 1, 6)
      from persons p
      where p.id_number <> ${chen.idNumber}
        and exists (select 1 from resident_policy_years y where y.region_code = substr(p.id_number, 1, 6) and y.year = 2025)
        and not exists (select 1 from enrollments e where e.person_id = p.id and e.insurance_type = ${type})`);
  const rows = await verifier.db.execute<{
    id: number;
    id_number: string;
    name: string;
    type: string;
    paid: number;
    grade: string | null;
  }>(sql`
    select p.id, p.id_number, p.name, e.insurance_type as type,
      (select count(*)::int from contributions c where c.person_id = p.id and c.insurance_type = e.insurance_type
        and c.period between '202501' and '202512' and c.paid) as paid,
      (select g.grade_id from resident_pension_grades g where g.region_code = substr(p.id_number, 1, 6)
        and g.year = 2025 order by g.amount limit 1) as grade
    from persons p
    join enrollments e on e.person_id = p.id and e.insurance_type in ('residentMedical', 'residentPension')
      and e.status in ('active', 'suspended')
    where p.id_number <> ${chen.idNumber}
    order by p.id, e.insurance_type`);
  due = (
    rows as unknown as {
      rows: { id: number; id_number: string; name: string; type: string; paid: number; grade: string | null }[];
    }
  ).rows
    .filter((r) => r.paid === 0 && (r.type === 'residentMedical' || r.grade))
    .map((r) => ({
      idNumber: r.id_number,
      name: r.name,
      personId: r.id,
      type: r.type,
      paidBefore: r.paid,
      gradeId: r.type === 'residentPension' ? r.grade : null,
    }));
  // A PGlite data dir belongs to one process at a time: the test reads it again at the end.
  if (pgliteDir) await verifier.close();
  childEnv = {
    ...process.env,
    ...db,
    CHAOS_PORT: String(port),
    CHAOS_SIM_URL: sim.url,
    CHAOS_SIM_MERCHANT: sim.merchantId,
    CHAOS_SIM_KEY: sim.key,
    CHAOS_CLOCK_OFFSET_MS: String(offset),
  };
  up = startServer();
  await up;
}, 120_000);

afterAll(async () => {
  await killHost();
  await killServer(false);
  await sim?.close();
  if (pgliteDir) {
    await verifier?.close();
    rmSync(pgliteDir, { recursive: true, force: true });
  }
  if (hostDir) rmSync(hostDir, { recursive: true, force: true });
  await dropDatabase?.();
});

/** Orders still in flight (paying, paid not posted, a reversal the channel has not confirmed). */
async function inFlight(db: Database): Promise<number> {
  const [r] = await db.db
    .select({ n: sql<number>`count(*)::int` })
    .from(paymentOrders)
    .where(
      sql`${paymentOrders.state} in ('created', 'paying', 'paid') or (${paymentOrders.state} = 'reversed' and ${paymentOrders.finishedAt} is null)`,
    );
  return r!.n;
}

/** Lets the running server's sweep finish what is in flight; returns a database handle to check (server stopped for PGlite). */
async function settled(): Promise<Database> {
  for (let round = 0; round < 10; round++) {
    if (!pgliteDir) {
      if ((await inFlight(verifier)) === 0) return verifier;
      await sleep(2000);
      continue;
    }
    await killServer(false);
    const db = await openDatabase({ dataDir: pgliteDir, migrate: false });
    if ((await inFlight(db)) === 0) return (verifier = db);
    await db.close();
    up = startServer();
    await up;
    // Past the sweep's "uncertain" age (3 s) and a few of its rounds.
    await sleep(4000);
  }
  throw new Error('orders still in flight after ten rounds of the sweep');
}

/** The plan: one distinct year per payment, a third resident pension grades (the payer's own card). */
function makePlan(): ChaosPlan {
  const pension = due.filter((d) => d.type === 'residentPension');
  const medical = due.filter((d) => d.type === 'residentMedical');
  const payments: ChaosPayment[] = [];
  for (let i = 0; i < N; i++) {
    const way = ways[Math.floor(random() * ways.length)]!;
    const takePension = i % 3 === 0 ? pension.length > 0 : medical.length === 0;
    const d = (takePension ? pension : medical).shift();
    if (!d) throw new Error(`only ${i} years due in the seed for ${N} payments`);
    payments.push({
      i,
      requestId: randomUUID(),
      way,
      payer: takePension ? { idNumber: d.idNumber, name: d.name } : { idNumber: chen.idNumber, name: chen.name },
      item: takePension
        ? { kind: 'residentPension', year: 2025, gradeId: d.gradeId! }
        : { kind: 'residentMedical', year: 2025, idNumber: d.idNumber },
    });
  }
  return {
    lanes: terminals.map((t, l) => ({ ...t, payments: payments.filter((p) => p.i % LANES === l) })),
  };
}

type Way = ChaosWay;
const ways: Way[] = [
  'code:success',
  'code:success',
  'code:password',
  'code:declined',
  'code:noAnswer',
  'qr:pay',
  'qr:pay',
  'qr:decline',
  'qr:cancel',
];

it(`${N} payments by a kiosk host through SIGKILLs of the host and the hall server: told paid = posted once, money equal`, async () => {
  plan = makePlan();
  writeFileSync(path.join(hostDir, 'plan.json'), JSON.stringify(plan));
  const payments = plan.lanes.flatMap((l) => l.payments);
  // Kills at seeded points of the run (after the k-th finished payment, plus a random delay), so
  // they land inside payments: tapping, charging, polling, posting, settling after a restart.
  const span = Math.max(1, N - 2 * LANES);
  const points = [
    ...Array.from({ length: KILLS }, () => ({ at: Math.floor(random() * span), who: 'server' as const })),
    ...Array.from({ length: HOST_KILLS }, () => ({ at: Math.floor(random() * span), who: 'host' as const })),
  ].sort((a, b) => a.at - b.at);
  startHost();
  let done = false;
  let hostFailed: unknown = null;
  const watch = () =>
    void hostDone.then(
      () => (done = true),
      (error: unknown) => (hostFailed = error),
    );
  watch();
  for (const point of points) {
    while (finished < point.at && !done) {
      if (hostFailed) throw hostFailed;
      await sleep(50);
    }
    await sleep(random() * 800);
    if (point.who === 'server') {
      await killServer();
      up = startServer();
      await up;
    } else {
      const wasDone = done;
      await killHost();
      if (wasDone)
        hostKills.pop(); // a kill after the plan finished proves nothing; not counted
      else startHost();
      if (!wasDone) watch();
    }
  }
  await hostDone;
  await up;
  const db = await settled();

  const orders = await db.db
    .select()
    .from(paymentOrders)
    .where(sql`${paymentOrders.terminalId} like 'KIOSK-CHAOS-%'`);
  const trades = new Map(sim.trades().map((t) => [t.orderNo, t]));
  const byRequest = new Map(orders.map((o) => [o.requestId, o]));
  const byState: Record<string, number> = {};
  for (const o of orders) byState[o.state] = (byState[o.state] ?? 0) + 1;
  const postedSum = orders.filter((o) => o.state === 'posted').reduce((s, o) => s + o.amount, 0);
  // What the kiosk journalled, per tap: told (what the person heard) and settled (after a restart).
  const journal = new Map<string, PaymentJournalEntry[]>();
  for (const t of terminals)
    for (const e of new PaymentJournal(path.join(hostDir, t.terminalId)).entries())
      journal.set(e.requestId, [...(journal.get(e.requestId) ?? []), e]);
  const outcomes: Record<string, number> = {};
  for (const p of payments) {
    const last = journal
      .get(p.requestId)
      ?.filter((e) => e.step === 'told' || e.step === 'settled')
      .at(-1);
    const key = !last
      ? 'none'
      : last.step === 'told'
        ? `told ${last.stage}${last.reason ? `/${last.reason}` : ''}`
        : `settled ${last.state}`;
    outcomes[key] = (outcomes[key] ?? 0) + 1;
  }
  console.log(
    `payment chaos: N=${N} seed=${SEED} backend=${pgliteDir ? 'pglite' : 'postgres'} ` +
      `server kills after payment ${points
        .filter((p) => p.who === 'server')
        .map((p) => p.at)
        .join(',')} (at ms ${kills.join(',')}); ` +
      `host kills after payment ${points
        .filter((p) => p.who === 'host')
        .map((p) => p.at)
        .join(',')} (at ms ${hostKills.join(',')}); ` +
      `orders ${JSON.stringify(byState)}; kiosk ${JSON.stringify(outcomes)}; ways ${JSON.stringify(count(payments.map((p) => p.way)))}; ` +
      `kinds ${JSON.stringify(count(payments.map((p) => p.item.kind)))}; ` +
      `channel money ${sim.money()} fen, posted ${postedSum} fen, ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );

  expect(kills).toHaveLength(KILLS);
  expect(hostKills.length, 'host kills that landed before the plan was done').toBeGreaterThanOrEqual(1);
  // Every order is one of the plan's taps (no second order for a tap), and final.
  for (const o of orders) {
    expect(
      payments.some((p) => p.requestId === o.requestId),
      o.orderNo,
    ).toBe(true);
    const t = trades.get(o.orderNo);
    const held = t && (t.state === 'SUCCESS' || t.state === 'REFUND') ? t.amount - t.refunded : 0;
    expect(['posted', 'failed', 'reversed'], `${o.orderNo} ${o.state}`).toContain(o.state);
    if (o.state === 'reversed') expect(o.finishedAt, `${o.orderNo} reversal confirmed`).not.toBeNull();
    expect(held, `${o.orderNo} ${o.state} ${t?.state}`).toBe(o.state === 'posted' ? o.amount : 0);
    if (o.state === 'posted') expect(o.transactionId).toBe(t!.transactionId);
  }
  // What the kiosk said is what the ledger holds.
  for (const p of payments) {
    const entries = journal.get(p.requestId) ?? [];
    const o = byRequest.get(p.requestId);
    const label = `payment ${p.i} (${p.way}, ${p.item.kind}) ${o?.state ?? 'no order'}`;
    expect(entries.length, `${label}: tapped`).toBeGreaterThan(0);
    for (const e of entries) {
      if (e.step === 'told' && e.stage === 'paid') expect(o?.state, `${label}: told paid`).toBe('posted');
      if (e.step === 'told' && e.stage !== 'paid') expect(o?.state, `${label}: told ${e.stage}`).not.toBe('posted');
      if (e.step === 'settled') {
        if (e.state === 'notCreated') expect(o?.state ?? 'failed', `${label}: settled without an order`).toBe('failed');
        else expect(o?.state, `${label}: settled`).toBe(e.state);
      }
    }
    // Every tap has its outcome: the person was told (and the server confirmed it), or it was settled.
    const closed = entries.some(
      (e) => e.step === 'settled' || (e.step === 'told' && e.reason !== 'networkLost' && e.reason !== 'sessionEnded'),
    );
    expect(closed, `${label}: has an outcome`).toBe(true);
  }
  // The money: what the merchant account holds is exactly the posted orders.
  expect(sim.money()).toBe(postedSum);
  // Posted once: one 'payment.posted' audit per posted order, none for the others.
  const audits = await db.db
    .select({ subject: auditLog.subjectId, n: sql<number>`count(*)::int` })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.action, 'payment.posted'),
        inArray(
          auditLog.subjectId,
          orders.map((o) => o.id),
        ),
      ),
    )
    .groupBy(auditLog.subjectId);
  const postedAudits = new Map(audits.map((a) => [a.subject, a.n]));
  for (const o of orders) expect(postedAudits.get(o.id) ?? 0, o.orderNo).toBe(o.state === 'posted' ? 1 : 0);
  // Each beneficiary's year: paid in full if its order was posted, untouched if not.
  for (const p of payments) {
    const beneficiary = p.item.kind === 'residentMedical' ? p.item.idNumber! : p.payer.idNumber;
    const d = due.find((x) => x.idNumber === beneficiary && x.type === p.item.kind)!;
    const [m] = await db.db
      .select({ n: sql<number>`count(*)::int` })
      .from(contributions)
      .where(
        and(
          eq(contributions.personId, d.personId),
          eq(contributions.insuranceType, d.type as 'residentMedical'),
          sql`${contributions.period} between '202501' and '202512'`,
          eq(contributions.paid, true),
        ),
      );
    expect(m!.n, `payment ${p.i} ${d.type}`).toBe(byRequest.get(p.requestId)?.state === 'posted' ? 12 : d.paidBefore);
  }
}, 600_000);

function count(list: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of list) out[x] = (out[x] ?? 0) + 1;
  return out;
}
