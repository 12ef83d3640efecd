// The ticket function alone, on real PostgreSQL (issue 18): `npx tsx bench/ticket-function.ts`
// (about a minute). Migration 0011 rewrote `queue_issue_tickets` to read the hall, the category,
// the windows and the progress once per (hall, category, day) of a batch, find retried keys in one
// lookup and write the batch's audit rows in one insert. The baseline is migration 0004's function,
// created beside it under another name from the migration file itself. Both are called alike from
// one connection, in alternating order each round: batches of BATCH tickets (the queue's categories
// in turn, one item in ten a retry of the item before), and single tickets (a quiet hall: one
// request per call). Each call is its own commit, as the server's. Figures per ticket: the call's
// wall time and the PostgreSQL backend's own CPU time (utime + stime of its process in /proc).
// Afterwards both must have given the same outcomes: every item answered, each category numbered
// 1..N with no gap, every retry answered with its first ticket, one audit row per ticket.
// Env: ROUNDS (default 5), BATCHES (40 a round), BATCH (32), SINGLES (200 a round), PGTEST_DIR/PGTEST_PORT.
// Writes bench/results/ticket-function.json.
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { DEMO_HALL_ID } from '../server/seed/hall';
import { freshDatabase, machine, repo, startPostgres } from './hall-harness';

const ROUNDS = Number(process.env.ROUNDS ?? 5);
const BATCHES = Number(process.env.BATCHES ?? 40);
const BATCH = Number(process.env.BATCH ?? 32);
const SINGLES = Number(process.env.SINGLES ?? 200);
const CATEGORIES = ['A', 'B', 'C'];
const TICKS_PER_S = 100; // USER_HZ on Linux

/** Migration 0004's queue_issue_tickets, renamed: the function before this change. */
function baselineFunction(): string {
  const text = readFileSync(path.join(repo, 'server/db/migrations/0004_queue_batch_issue.sql'), 'utf8');
  const start = text.indexOf('CREATE OR REPLACE FUNCTION queue_issue_tickets(');
  const end = text.indexOf('$fn$;', start);
  if (start < 0 || end < 0) throw new Error('0004: queue_issue_tickets not found');
  return text.slice(start, end + 5).replace('queue_issue_tickets(', 'queue_issue_tickets_0004(');
}

interface Item {
  hall: string;
  cat: string;
  day: string;
  person: null;
  terminal: string;
  key: string;
  at: string;
  max: number;
  subject: null;
}

/** BATCH items over the categories; one in ten repeats the key of the item before it. */
function items(n: number, day: string): Item[] {
  const out: Item[] = [];
  for (let i = 0; i < n; i++) {
    const retry = i > 0 && i % 10 === 9;
    out.push({
      hall: DEMO_HALL_ID,
      cat: retry ? out[i - 1]!.cat : CATEGORIES[i % CATEGORIES.length]!,
      day,
      person: null,
      terminal: 'LOAD-000',
      key: retry ? out[i - 1]!.key : randomUUID(),
      at: new Date().toISOString(),
      max: 0,
      subject: null,
    });
  }
  return out;
}

function backendCpuTicks(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of stat)
}

interface Row {
  ord: number;
  outcome: string;
  ticket_id: string | null;
  ticket_number: number | null;
}

const pgServer = await startPostgres();
const db = await freshDatabase(pgServer.url, `ticket_fn_${process.pid}`, 1);
const client = new pg.Client({ connectionString: db.url });
await client.connect();
await client.query(baselineFunction());
const pid = (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;

const fns = { before: 'queue_issue_tickets_0004', after: 'queue_issue_tickets' } as const;
type Fn = keyof typeof fns;
// Each function numbers its own service days, so both start every category at 1.
const dayOf = { before: '2030-01-07', after: '2030-01-08' } satisfies Record<Fn, string>;
const answers: Record<Fn, { item: Item; row: Row }[]> = { before: [], after: [] };
type Totals = { wallMs: number; cpuTicks: number; tickets: number };
const totals: Record<string, Totals> = {};

async function call(fn: Fn, batch: Item[]): Promise<void> {
  const { rows } = await client.query<Row>(`select * from ${fns[fn]}($1::jsonb)`, [JSON.stringify(batch)]);
  const byOrd = new Map(rows.map((r) => [Number(r.ord), r]));
  batch.forEach((item, i) => answers[fn].push({ item, row: byOrd.get(i + 1)! }));
}

async function phase(fn: Fn, kind: 'batches' | 'singles'): Promise<void> {
  const t = (totals[`${fn} ${kind}`] ??= { wallMs: 0, cpuTicks: 0, tickets: 0 });
  const cpu0 = backendCpuTicks(pid);
  const t0 = performance.now();
  if (kind === 'batches') for (let b = 0; b < BATCHES; b++) await call(fn, items(BATCH, dayOf[fn]));
  else for (let s = 0; s < SINGLES; s++) await call(fn, items(1, dayOf[fn]));
  t.wallMs += performance.now() - t0;
  t.cpuTicks += backendCpuTicks(pid) - cpu0;
  t.tickets += kind === 'batches' ? BATCHES * BATCH : SINGLES;
}

// Warm-up: plans cached and pages in memory for both.
for (const fn of ['before', 'after'] as const) await call(fn, items(BATCH, '2030-01-01'));
for (const fn of ['before', 'after'] as const) answers[fn].length = 0;

for (let round = 0; round < ROUNDS; round++) {
  const order: Fn[] = round % 2 === 0 ? ['before', 'after'] : ['after', 'before'];
  for (const kind of ['batches', 'singles'] as const) for (const fn of order) await phase(fn, kind);
}

// The same outcomes from both.
const problems: string[] = [];
for (const fn of ['before', 'after'] as const) {
  const first = new Map<string, string>();
  for (const { item, row } of answers[fn]) {
    if (!row) problems.push(`${fn}: an item got no answer`);
    else if (row.outcome !== 'issued' && row.outcome !== 'retried') problems.push(`${fn}: ${row.outcome}`);
    else if (row.outcome === 'issued') first.set(item.key, row.ticket_id!);
    else if (first.get(item.key) !== row.ticket_id) problems.push(`${fn}: a retry answered with another ticket`);
  }
  const numbers = await client.query<{ cat: string; n: number[] }>(
    `select category_code as cat, array_agg(number order by number) as n from queue_tickets
      where service_day = $1 group by category_code`,
    [dayOf[fn]],
  );
  for (const { cat, n } of numbers.rows) {
    if (n.some((x, i) => x !== i + 1)) problems.push(`${fn}: category ${cat} is not numbered 1..N`);
  }
  const issued = answers[fn].filter((a) => a.row?.outcome === 'issued').length;
  const stored = numbers.rows.reduce((s, r) => s + r.n.length, 0);
  if (stored !== issued) problems.push(`${fn}: ${stored} tickets stored, ${issued} issued`);
  const audits = await client.query<{ c: string }>(
    `select count(*) as c from audit_log a join queue_tickets t on t.id::text = a.subject_id
      where a.action = 'queue.issue' and a.result = 'ok' and t.service_day = $1`,
    [dayOf[fn]],
  );
  if (Number(audits.rows[0]!.c) !== issued) problems.push(`${fn}: ${audits.rows[0]!.c} audit rows, ${issued} tickets`);
}

const perTicket = (t: Totals) => ({
  wallMs: t.wallMs / t.tickets,
  cpuMs: (t.cpuTicks * 1000) / TICKS_PER_S / t.tickets,
  tickets: t.tickets,
});
const figures = Object.fromEntries(Object.entries(totals).map(([k, t]) => [k, perTicket(t)]));
const ratio = (kind: string, of: 'wallMs' | 'cpuMs') => figures[`after ${kind}`]![of] / figures[`before ${kind}`]![of];
const result = {
  when: new Date().toISOString(),
  machine: machine(),
  postgres: (await client.query<{ v: string }>('show server_version')).rows[0]!.v,
  settings: { ROUNDS, BATCHES, BATCH, SINGLES },
  figures,
  ratios: {
    batchesWall: ratio('batches', 'wallMs'),
    batchesCpu: ratio('batches', 'cpuMs'),
    singlesWall: ratio('singles', 'wallMs'),
    singlesCpu: ratio('singles', 'cpuMs'),
  },
  problems,
};
await client.end();
await db.drop();
pgServer.stop();

const out = path.join(repo, 'bench/results');
mkdirSync(out, { recursive: true });
writeFileSync(path.join(out, 'ticket-function.json'), `${JSON.stringify(result, null, 2)}\n`);
for (const [k, f] of Object.entries(figures)) {
  console.log(
    `${k.padEnd(16)} ${f.wallMs.toFixed(3)} ms a ticket, PostgreSQL CPU ${f.cpuMs.toFixed(3)} ms (${f.tickets} tickets)`,
  );
}
console.log('after ÷ before:', JSON.stringify(result.ratios));
console.log(problems.length === 0 ? 'the same outcomes from both' : problems.join('\n'));
process.exit(problems.length === 0 ? 0 : 1);
