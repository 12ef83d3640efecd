// Inquiry and content routes on the embedded PGlite over a seeded population: median time of one
// request through Fastify (inject, no network), against the cheapest authenticated route
// (`GET /api/v1/terminal`: the credential check alone) measured in the same run.
import { randomUUID } from 'node:crypto';
import { buildServer } from '../server/app';
import { openPgliteFromTemplate } from '../server/db/template';
import { demoPeople } from '../server/seed/demo-people';
import { DEMO_HALL_ID } from '../server/seed/hall';
import { registerTerminal } from '../server/terminals/register';
import type { BenchResult } from './types';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function benchInquiry(people = 400, runs = 25): Promise<BenchResult[]> {
  const database = await openPgliteFromTemplate({ seed: 'bench-inquiry', people, asOf: '2025-06-15' });
  try {
    const secret = await registerTerminal(database.db, { terminalId: 'BENCH', hallId: DEMO_HALL_ID });
    const headers = { authorization: `Bearer BENCH.${secret}` };
    const app = buildServer(database);
    await app.ready();
    const [wang, li] = [demoPeople[0]!, demoPeople[1]!];
    const open = async (p: typeof wang) => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/sessions',
        headers,
        payload: { identifiedBy: 'ssCard', idNumber: p.idNumber, name: p.name },
      });
      const { sessionId } = res.json() as { sessionId: string };
      await app.inject({
        method: 'POST',
        url: `/api/v1/sessions/${sessionId}/second-factor`,
        headers,
        payload: { method: 'ssCardPin' },
      });
      return `/api/v1/sessions/${sessionId}`;
    };
    const w = await open(wang);
    const l = await open(li);
    const cases = (await app.inject({ method: 'GET', url: `${w}/cases`, headers })).json() as {
      cases: { caseNo: string }[];
    };
    const time = async (url: string) => {
      const times: number[] = [];
      for (let i = 0; i < runs + 3; i++) {
        const t0 = performance.now();
        const res = await app.inject({ method: 'GET', url, headers });
        const ms = performance.now() - t0;
        if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode}`);
        if (i >= 3) times.push(ms);
      }
      return median(times);
    };
    // Warm-up: the first requests compile Fastify's and zod's paths and PGlite's plans.
    await time('/api/v1/terminal');
    const routes: [string, string][] = [
      ['terminal profile: credential check only (baseline)', '/api/v1/terminal'],
      ['session summary (home screen)', `${w}/summary`],
      ['enrollments, every insurance type', `${w}/enrollments`],
      ['accounts and contribution years', `${w}/accounts`],
      ['contribution years, one type, page of 6', `${w}/contributions/years?insuranceType=employeePension`],
      ['contribution months of one year', `${w}/contributions/months?insuranceType=employeePension&year=2015`],
      ['pension payments, page of 6 (retiree)', `${l}/pension-payments`],
      ['medical transactions, page of 6', `${w}/medical-transactions`],
      ['case by receipt number (no card)', `/api/v1/cases/${cases.cases[0]!.caseNo}`],
      ['content bundle (everything cached)', '/api/v1/content/bundle'],
      ['jobs filtered by district', `/api/v1/content/jobs?district=${encodeURIComponent('白云区')}`],
    ];
    const values: number[] = [];
    for (const [, url] of routes) values.push(await time(url));
    const results = routes.map(([name], i): BenchResult => ({
      name: `${name}, ${people} people`,
      value: values[i]!,
      unit: 'ms',
      baseline: values[0]!,
    }));
    // Statements on a warm server: the whole route (content, signature, PDF, stored record), a new
    // request id each time so every request issues a statement.
    const issue = async (payload: () => object) => {
      const times: number[] = [];
      for (let i = 0; i < 9 + 2; i++) {
        const t0 = performance.now();
        const res = await app.inject({ method: 'POST', url: `${w}/statements`, headers, payload: payload() });
        const ms = performance.now() - t0;
        if (res.statusCode !== 201 && res.statusCode !== 200)
          throw new Error(`statement: ${res.statusCode} ${res.body}`);
        if (i >= 2) times.push(ms);
      }
      return median(times);
    };
    const statements: [string, () => object][] = [
      ['rights statement 2024, route, warm', () => ({ kind: 'rightsStatement', year: 2024, requestId: randomUUID() })],
      [
        'insurance certificate 2015-2024 (10 years), route, warm',
        () => ({
          kind: 'insuranceCertificate',
          from: '201501',
          to: '202412',
          insuranceTypes: ['employeePension', 'employeeMedical', 'unemployment', 'workInjury', 'maternity'],
          requestId: randomUUID(),
        }),
      ],
    ];
    for (const [name, payload] of statements) {
      results.push({
        name: `${name}, ${people} people`,
        value: await issue(payload),
        unit: 'ms',
        baseline: values[0]!,
      });
    }
    await app.close();
    return results;
  } finally {
    await database.close();
  }
}
