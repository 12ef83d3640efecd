// The payment chaos test: the hall server runs as its own process (tests/server/support/
// payment-chaos-server.ts) over PostgreSQL (TEST_DATABASE_URL) or else a PGlite data dir, the channel
// simulator runs here. N payments are driven through the HTTP API, both ways (payment code, with
// instant, password, declined and lost-answer codes; the kiosk's QR paid, declined or cancelled on
// the phone), while the server is killed with SIGKILL at random moments (seeded, reported) and
// restarted; every call is retried with the same idempotency key (the tap's requestId, the same
// payment code) until it gets an answer. At the end, once the restarted server's sweep has finished
// what was left in flight: every order is posted once or not charged; the money the simulator holds
// equals the sum of the posted orders; each beneficiary's year is posted once.
// CI runs PAYMENT_CHAOS_N=20 (default); `PAYMENT_CHAOS_N=200 PAYMENT_CHAOS_SEED=7` for the long run.
import { type ChildProcess, spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PaymentOrder, simulatorPaymentCode } from '../../contracts/payment';
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

const N = Number(process.env.PAYMENT_CHAOS_N ?? 20);
const SEED = Number(process.env.PAYMENT_CHAOS_SEED ?? 15);
/** SIGKILLs of the server during the run (each restart costs a start-up of the server process). */
const KILLS = Number(process.env.PAYMENT_CHAOS_KILLS ?? Math.max(3, Math.round(N / 10)));
/** Payments driven at once (several kiosks). */
const LANES = 4;
/** More people than the test seed only for a long run (more beneficiaries with a year to pay). */
const seedParams: SeedParams =
  N <= 30 ? TEST_SEED : { seed: 'payment-chaos', people: Math.ceil(N * 1.2), asOf: TEST_SEED.asOf };
const chen = demoPeople.find((p) => p.name === '陈晓雨')!;
const FINAL = ['posted', 'failed', 'reversed', 'refunded'];

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
const auths: string[] = [];
/** Residents whose 2025 medical year is due, with their paid months before the run. */
let due: { idNumber: string; personId: number; paidBefore: number }[] = [];
let childEnv: NodeJS.ProcessEnv;
let child: ChildProcess | null = null;
let up: Promise<void> = Promise.resolve();
let pgliteDir: string | null = null;
let dropDatabase: (() => Promise<void>) | null = null;
const kills: number[] = [];
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

/** One HTTP call, retried (same body, same keys) through kills until the server answers. */
async function call(
  lane: number,
  method: string,
  url: string,
  body?: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
  for (let attempt = 0; attempt < 400; attempt++) {
    try {
      await up;
      const res = await fetch(`http://127.0.0.1:${port}${url}`, {
        method,
        headers: { authorization: auths[lane]!, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(15_000),
      });
      const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
      if (res.status >= 500) throw new Error(`status ${res.status}`);
      return { status: res.status, json };
    } catch (error) {
      trace(`lane ${lane} ${method} ${url}: ${(error as Error).message}`);
      await sleep(100);
    }
  }
  throw new Error(`${method} ${url}: no answer`);
}

async function session(lane: number): Promise<string> {
  const open = await call(lane, 'POST', '/api/v1/sessions', {
    identifiedBy: 'ssCard',
    idNumber: chen.idNumber,
    name: chen.name,
  });
  expect(open.status, JSON.stringify(open.json)).toBe(201);
  const sessionId = String(open.json.sessionId);
  const pin = await call(lane, 'POST', `/api/v1/sessions/${sessionId}/second-factor`, {
    method: 'ssCardPin',
  });
  expect(pin.status, JSON.stringify(pin.json)).toBe(200);
  return sessionId;
}

type Way = 'code:success' | 'code:password' | 'code:declined' | 'code:noAnswer' | 'qr:pay' | 'qr:decline' | 'qr:cancel';
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

interface Outcome {
  i: number;
  way: Way;
  beneficiary: string;
  orderId: string;
  told: string;
}

/** One payment at the kiosk as the person would make it; returns what the kiosk was finally told. */
async function pay(lane: number, i: number, way: Way, beneficiary: string): Promise<Outcome> {
  let sessionId = await session(lane);
  const base = () => `/api/v1/sessions/${sessionId}/payments/orders`;
  const requestId = crypto.randomUUID();
  const created = await call(lane, 'POST', base(), {
    requestId,
    items: [{ kind: 'residentMedical', year: 2025, idNumber: beneficiary }],
  });
  expect([200, 201], JSON.stringify(created.json)).toContain(created.status);
  const orderId = PaymentOrder.parse(created.json).orderId;
  let order;
  const withSession = async (method: string, suffix: string, body?: unknown) => {
    let r = await call(lane, method, `${base()}/${orderId}${suffix}`, body);
    // A session the terminal no longer has (it idled out while the server was down): identify again.
    if (r.status === 401 || r.status === 403 || r.status === 404) {
      sessionId = await session(lane);
      r = await call(lane, method, `${base()}/${orderId}${suffix}`, body);
    }
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    return PaymentOrder.parse(r.json);
  };
  if (way.startsWith('code:')) {
    const outcome = way.slice(5) as 'success' | 'password' | 'declined' | 'noAnswer';
    order = await withSession('POST', '/pay', {
      method: 'micropay',
      authCode: simulatorPaymentCode(outcome, 5000 + i),
    });
  } else {
    order = await withSession('POST', '/pay', { method: 'native' });
    if (order.state === 'paying' && order.codeUrl) {
      const action = way.slice(3) as 'pay' | 'decline' | 'cancel';
      await fetch(`${order.codeUrl}/confirm`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ action }),
      });
      // After a decline or cancel on the phone the person cancels at the kiosk too.
      if (action !== 'pay') order = await withSession('POST', '/cancel');
    }
  }
  const until = Date.now() + 30_000;
  while (!FINAL.includes(order.state) && Date.now() < until)
    order = await withSession('GET', `?waitMs=1500&known=${order.state}`);
  return { i, way, beneficiary, orderId, told: order.state };
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
    auths.push(`Bearer ${terminalId}.${await registerTerminal(verifier.db, { terminalId, hallId: DEMO_HALL_ID })}`);
  }
  // Fixture: residents of regions with a 2025 policy enrolled in resident medical, so the run has
  // enough years to pay (the test seed enrols only a few; no money or contribution is touched).
  await verifier.db.execute(sql`
    insert into enrollments (person_id, insurance_type, status, start_date, region)
    select p.id, 'residentMedical', 'active', '2020-01-01', substr(p.id_number, 1, 6)
    from persons p
    where p.id_number <> ${chen.idNumber}
      and exists (select 1 from resident_policy_years y where y.region_code = substr(p.id_number, 1, 6) and y.year = 2025)
      and not exists (select 1 from enrollments e where e.person_id = p.id and e.insurance_type = 'residentMedical')`);
  const rows = await verifier.db.execute<{ id: number; id_number: string; paid: number }>(sql`
    select p.id, p.id_number,
      (select count(*)::int from contributions c where c.person_id = p.id and c.insurance_type = 'residentMedical'
        and c.period between '202501' and '202512' and c.paid) as paid
    from persons p
    join enrollments e on e.person_id = p.id and e.insurance_type = 'residentMedical' and e.status in ('active', 'suspended')
    where p.id_number <> ${chen.idNumber}
    order by p.id`);
  due = (rows as unknown as { rows: { id: number; id_number: string; paid: number }[] }).rows
    .filter((r) => r.paid < 12)
    .map((r) => ({ idNumber: r.id_number, personId: r.id, paidBefore: r.paid }));
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
  await killServer(false);
  await sim?.close();
  if (pgliteDir) {
    await verifier?.close();
    rmSync(pgliteDir, { recursive: true, force: true });
  }
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
    // Past the sweep's "uncertain" age (3 s) and a few of its rounds.
    await sleep(4000);
    if (!pgliteDir) {
      if ((await inFlight(verifier)) === 0) return verifier;
      continue;
    }
    await killServer(false);
    const db = await openDatabase({ dataDir: pgliteDir, migrate: false });
    if ((await inFlight(db)) === 0) return (verifier = db);
    await db.close();
    up = startServer();
    await up;
  }
  throw new Error('orders still in flight after ten rounds of the sweep');
}

it(`${N} payments through SIGKILLs of the hall server: every order posted once or not charged, money equal`, async () => {
  expect(due.length, 'residents with a medical year due').toBeGreaterThanOrEqual(Math.min(N, 8));
  const free = due.map((d) => d.idNumber);
  const outcomes: Outcome[] = [];
  let next = 0;
  // Kills at seeded points of the run (after the k-th finished payment, plus a random delay), so
  // they land inside other lanes' payments: creating, charging, polling, posting.
  const killPoints = Array.from({ length: KILLS }, () => Math.floor(random() * Math.max(1, N - 2 * LANES))).sort(
    (a, b) => a - b,
  );
  const killer = (async () => {
    for (const point of killPoints) {
      while (outcomes.length < point) await sleep(50);
      await sleep(random() * 800);
      await killServer();
      up = startServer();
      await up.catch(() => {});
    }
  })();
  const lane = async (l: number) => {
    while (next < N) {
      // Hold new payments until the next kill has happened, so that every kill lands among payments.
      if (kills.length < killPoints.length && next > killPoints[kills.length]! + LANES) {
        await sleep(50);
        continue;
      }
      const beneficiary = free.shift();
      if (!beneficiary) {
        // None free: wait for a payment in flight to give one back, or stop when none is in flight.
        if (outcomes.length === next) break;
        await sleep(200);
        continue;
      }
      const i = next++;
      const way = ways[Math.floor(random() * ways.length)]!;
      const o = await pay(l, i, way, beneficiary);
      outcomes.push(o);
      trace(`payment ${i} ${way}: ${o.told}`);
      // A year not paid is offered again (its claim was released).
      if (o.told === 'failed' || o.told === 'reversed') free.push(beneficiary);
    }
  };
  await Promise.all(Array.from({ length: LANES }, (_, l) => lane(l)));
  await killer;
  await up;
  const db = await settled();

  const orders = await db.db
    .select()
    .from(paymentOrders)
    .where(sql`${paymentOrders.terminalId} like 'KIOSK-CHAOS-%'`);
  const trades = new Map(sim.trades().map((t) => [t.orderNo, t]));
  const byState: Record<string, number> = {};
  for (const o of orders) byState[o.state] = (byState[o.state] ?? 0) + 1;
  const postedSum = orders.filter((o) => o.state === 'posted').reduce((s, o) => s + o.amount, 0);
  console.log(
    `payment chaos: N=${N} seed=${SEED} backend=${pgliteDir ? 'pglite' : 'postgres'} ` +
      `kills after payment ${killPoints.join(',')} (at ms ${kills.join(',')}); ` +
      `orders ${JSON.stringify(byState)}; ways ${JSON.stringify(count(outcomes.map((o) => o.way)))}; ` +
      `channel money ${sim.money()} fen, posted ${postedSum} fen, ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );

  expect(outcomes).toHaveLength(N);
  expect(kills).toHaveLength(KILLS);
  expect(orders).toHaveLength(N);
  // Every order ended: posted (charged), or failed/reversed with the channel holding none of its money.
  for (const o of orders) {
    const t = trades.get(o.orderNo);
    const held = t && (t.state === 'SUCCESS' || t.state === 'REFUND') ? t.amount - t.refunded : 0;
    expect(['posted', 'failed', 'reversed'], `${o.orderNo} ${o.state}`).toContain(o.state);
    if (o.state === 'reversed') expect(o.finishedAt, `${o.orderNo} reversal confirmed`).not.toBeNull();
    expect(held, `${o.orderNo} ${o.state} ${t?.state}`).toBe(o.state === 'posted' ? o.amount : 0);
    if (o.state === 'posted') expect(o.transactionId).toBe(t!.transactionId);
  }
  // What each kiosk was told last is what the ledger holds.
  const byId = new Map(orders.map((o) => [o.id, o]));
  for (const o of outcomes) expect(o.told, `payment ${o.i} (${o.way})`).toBe(byId.get(o.orderId)?.state);
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
  // Each beneficiary's year: at most one posted order; paid in full if one, untouched if none.
  const items = await db.db.execute<{ order_id: string; beneficiary_id: number }>(
    sql`select order_id, beneficiary_id from payment_order_items where order_id in (select id from payment_orders where terminal_id like 'KIOSK-CHAOS-%')`,
  );
  const beneficiaryOf = new Map(
    (items as unknown as { rows: { order_id: string; beneficiary_id: number }[] }).rows.map((r) => [
      r.order_id,
      r.beneficiary_id,
    ]),
  );
  const postedPer = count(orders.filter((o) => o.state === 'posted').map((o) => String(beneficiaryOf.get(o.id))));
  for (const [, n] of Object.entries(postedPer)) expect(n).toBe(1);
  for (const d of due) {
    const [m] = await db.db
      .select({ n: sql<number>`count(*)::int` })
      .from(contributions)
      .where(
        and(
          eq(contributions.personId, d.personId),
          eq(contributions.insuranceType, 'residentMedical'),
          sql`${contributions.period} between '202501' and '202512'`,
          eq(contributions.paid, true),
        ),
      );
    expect(m!.n, d.idNumber.slice(0, 6)).toBe(postedPer[String(d.personId)] ? 12 : d.paidBefore);
  }
}, 600_000);

function count(list: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of list) out[x] = (out[x] ?? 0) + 1;
  return out;
}
