// Payment on the hall server (`npm run bench`, or `npx tsx bench/payment.ts` alone):
//   - tap → paid: one payment-code (micropay) order paid through the route, the channel simulator
//     over HTTP answering SUCCESS at once, until the answer says `posted` (the contribution written);
//     against the cheapest authenticated request (`GET /api/v1/terminal`) in the same run. Embedded PGlite.
//   - orders/s on real PostgreSQL: LANES kiosks each creating and paying orders one after another
//     over HTTP, against authenticated GETs/s with the same lanes on the same server in the same run.
// PostgreSQL: TEST_DATABASE_URL, else a throwaway cluster (scripts/start-test-postgres.sh).
// Writes bench/results/payment.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { simulatorPaymentCode } from '../contracts/payment';
import { buildServer } from '../server/app';
import { createPostgresTestDatabase, openPgliteFromTemplate } from '../server/db/template';
import type { Database } from '../server/db/types';
import { httpPaymentProvider } from '../server/payment/http-provider';
import { startPaymentSimulator } from '../server/payment/simulator';
import { demoPeople } from '../server/seed/demo-people';
import { DEMO_HALL_ID } from '../server/seed/hall';
import type { SeedParams } from '../server/seed/types';
import { registerTerminal } from '../server/terminals/register';
import { startPostgres } from './hall-harness';
import type { BenchResult } from './types';

const AS_OF = '2025-06-15';
const chen = demoPeople.find((p) => p.name === '陈晓雨')!;
/** PAYMENT_BENCH_SEED / PAYMENT_BENCH_PEOPLE: another seeded population (more people: more orders to pay). */
const seedOf = (seed: string, people: number): SeedParams => ({
  seed: process.env.PAYMENT_BENCH_SEED ?? seed,
  people: Number(process.env.PAYMENT_BENCH_PEOPLE ?? people),
  asOf: AS_OF,
});
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** A hall server over `database` with the simulator as its channel, its clock on the seed's day. */
async function paymentServer(database: Database) {
  const offset = Date.now() - new Date(`${AS_OF}T10:00:00+08:00`).getTime();
  const now = () => new Date(Date.now() - offset);
  const sim = await startPaymentSimulator({ now });
  const provider = httpPaymentProvider({ baseUrl: sim.url, merchantId: sim.merchantId, key: sim.key });
  // Residents of regions with a policy year enrolled in resident medical: each order pays one's year.
  await database.db.execute(sql`
    insert into enrollments (person_id, insurance_type, status, start_date, region)
    select p.id, 'residentMedical', 'active', '2020-01-01', substr(p.id_number, 1, 6)
    from persons p
    where p.id_number <> ${chen.idNumber}
      and exists (select 1 from resident_policy_years y where y.region_code = substr(p.id_number, 1, 6) and y.year = 2025)
      and not exists (select 1 from enrollments e where e.person_id = p.id and e.insurance_type = 'residentMedical')`);
  const rows = await database.db.execute<{ id_number: string }>(sql`
    select p.id_number from persons p
    join enrollments e on e.person_id = p.id and e.insurance_type = 'residentMedical' and e.status in ('active', 'suspended')
    where p.id_number <> ${chen.idNumber}
      and (select count(*) from contributions c where c.person_id = p.id and c.insurance_type = 'residentMedical'
        and c.period between '202501' and '202512' and c.paid) < 12
    order by p.id`);
  const due = (rows as unknown as { rows: { id_number: string }[] }).rows.map((r) => r.id_number);
  const app = buildServer({ ...database, now, payment: { provider } });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  let serial = 1;

  /** A terminal with a verified session of 陈晓雨. */
  async function kiosk(terminalId: string) {
    const headers = {
      authorization: `Bearer ${terminalId}.${await registerTerminal(database.db, { terminalId, hallId: DEMO_HALL_ID })}`,
      'content-type': 'application/json',
    };
    const post = async (url: string, body: object) => {
      const res = await fetch(base + url, { method: 'POST', headers, body: JSON.stringify(body) });
      const json = (await res.json()) as Record<string, unknown>;
      if (res.status >= 300) throw new Error(`${url}: ${res.status} ${JSON.stringify(json)}`);
      return json;
    };
    const open = await post('/api/v1/sessions', { identifiedBy: 'ssCard', idNumber: chen.idNumber, name: chen.name });
    const session = `/api/v1/sessions/${String(open.sessionId)}`;
    await post(`${session}/second-factor`, { method: 'ssCardPin' });
    return {
      async get() {
        const res = await fetch(`${base}/api/v1/terminal`, { headers: { authorization: headers.authorization } });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`terminal: ${res.status}`);
      },
      /** Creates an order for the next beneficiary; returns a function that pays it (the tap). */
      async order() {
        const idNumber = due.shift();
        if (!idNumber) throw new Error('no resident with a medical year left to pay');
        const order = await post(`${session}/payments/orders`, {
          requestId: crypto.randomUUID(),
          items: [{ kind: 'residentMedical', year: 2025, idNumber }],
        });
        return async () => {
          const paid = await post(`${session}/payments/orders/${String(order.orderId)}/pay`, {
            method: 'micropay',
            authCode: simulatorPaymentCode('success', serial++),
          });
          if (paid.state !== 'posted') throw new Error(`paid order is ${String(paid.state)}`);
        };
      },
    };
  }
  return {
    kiosk,
    left: () => due.length,
    close: async () => {
      await app.close();
      await sim.close();
    },
  };
}

/** Tap → paid on PGlite: median of `runs` taps, against the median authenticated GET. */
async function tapToPaid(runs: number): Promise<BenchResult[]> {
  const database = await openPgliteFromTemplate(seedOf('bench-inquiry', 400));
  const server = await paymentServer(database);
  try {
    const k = await server.kiosk('BENCH-PAY');
    const gets: number[] = [];
    const taps: number[] = [];
    for (let i = 0; i < runs + 3; i++) {
      let t0 = performance.now();
      await k.get();
      if (i >= 3) gets.push(performance.now() - t0);
      const tap = await k.order();
      t0 = performance.now();
      await tap();
      if (i >= 3) taps.push(performance.now() - t0);
    }
    const baseline = median(gets);
    return [
      { name: 'authenticated GET /api/v1/terminal over HTTP (baseline)', value: baseline, unit: 'ms', baseline },
      { name: 'payment code tap → posted, simulator, PGlite', value: median(taps), unit: 'ms', baseline },
    ];
  } finally {
    await server.close();
    await database.close();
  }
}

/** Orders/s on PostgreSQL with `lanes` kiosks for `ms`, against GETs/s with the same lanes. */
async function ordersPerSecond(lanes: number, ms: number): Promise<BenchResult[]> {
  const own = process.env.TEST_DATABASE_URL ? null : await startPostgres();
  const url = process.env.TEST_DATABASE_URL ?? own!.url;
  const database = await createPostgresTestDatabase(url, seedOf('bench-payment', 300));
  const server = await paymentServer(database);
  try {
    const kiosks = await Promise.all(Array.from({ length: lanes }, (_, i) => server.kiosk(`BENCH-PAY-${i}`)));
    const rate = async (one: (k: (typeof kiosks)[number]) => Promise<void>) => {
      let done = 0;
      const until = performance.now() + ms;
      const t0 = performance.now();
      await Promise.all(
        kiosks.map(async (k) => {
          while (performance.now() < until && server.left() > lanes) {
            await one(k);
            done++;
          }
        }),
      );
      if (done < 10) throw new Error('too few orders to time: seed more people (PAYMENT_BENCH_PEOPLE)');
      return (done / (performance.now() - t0)) * 1000;
    };
    await rate((k) => k.get()); // warm-up
    const getsPerS = await rate((k) => k.get());
    const ordersPerS = await rate(async (k) => (await k.order())());
    return [
      {
        name: `authenticated GETs/s, ${lanes} kiosks, PostgreSQL (baseline)`,
        value: getsPerS,
        unit: '/s',
        baseline: getsPerS,
      },
      {
        name: `orders created + paid + posted /s, ${lanes} kiosks, PostgreSQL`,
        value: ordersPerS,
        unit: '/s',
        baseline: getsPerS,
      },
    ];
  } finally {
    await server.close();
    await database.close();
    own?.stop();
  }
}

export async function benchPayment(runs = 15, lanes = 4, ms = 5000): Promise<BenchResult[]> {
  return [...(await tapToPaid(runs)), ...(await ordersPerSecond(lanes, ms))];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const results = await benchPayment(Number(process.env.RUNS ?? 15), Number(process.env.LANES ?? 4));
  const machine = `${os.cpus()[0]?.model ?? 'unknown'}, ${os.availableParallelism()} cores, Node ${process.version}, load ${os.loadavg()[0]!.toFixed(1)}`;
  console.log(`machine: ${machine}`);
  for (const r of results)
    console.log(
      `${r.name.padEnd(66)} ${r.value.toFixed(1).padStart(8)} ${r.unit}   x${(r.value / r.baseline).toFixed(2)}`,
    );
  const dir = path.join(import.meta.dirname, 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, 'payment.json'),
    JSON.stringify({ machine, date: new Date().toISOString(), results }, null, 2) + '\n',
  );
}
