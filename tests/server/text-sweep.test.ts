// Text the database cannot store (NUL, unpaired surrogates, control characters, over-long strings)
// sent in every parameter, query value and body string of EVERY registered route: always a 4xx
// ErrorBody (400 for bad characters), never a 5xx, and not one row written or changed.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBody } from '../../contracts/errors';
import { hallRoutes } from '../../contracts/hall-api';
import { MAX_TEXT_LENGTH, storableText, textProblem } from '../../contracts/storable-text';
import { findUnstorableText } from '../../server/api/text-guard';
import { DEMO_HALL_ID } from '../../server/seed/hall';
import { demoPeople } from '../../server/seed/demo-people';
import { backends } from './support/backends';
import { TERMINAL_A, type TestHall, openTestHall } from './support/hall';
import { issue, openSession, staffHeaders } from './support/queue';

/** Values no column or document can hold; each must be refused by the text guard (400 invalidRequest). */
const badChars: [string, string][] = [
  ['NUL', 'ok\u0000x'],
  ['a lone high surrogate', 'ok\uD800'],
  ['a lone low surrogate', '\uDC00ok'],
  ['a reversed surrogate pair', '\uDC00\uD800'],
  ['BEL', 'ok\u0007'],
  ['an ANSI escape', '\u001B[2Jok'],
  ['DEL', 'ok\u007F'],
  ['a C1 control (NEL)', 'ok\u0085'],
];
/** Over-long text: refused with some 4xx (414 for a path parameter, 400 elsewhere). */
const overLong = 'x'.repeat(MAX_TEXT_LENGTH + 1);

/** How a bad value travels in a URL: lone surrogates as the WTF-8 bytes a careless client would send. */
function urlEncode(value: string): string {
  return [...value]
    .map((ch) => {
      const code = ch.charCodeAt(0);
      if (ch.length === 1 && code >= 0xd800 && code <= 0xdfff) {
        return [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]
          .map((b) => `%${b.toString(16).toUpperCase()}`)
          .join('');
      }
      return encodeURIComponent(ch);
    })
    .join('');
}

/** Every registered route (method, path), from Fastify's own route tree: nothing can be left out. */
function registeredRoutes(hall: TestHall): { method: string; path: string }[] {
  const stack: string[] = [];
  const routes: { method: string; path: string }[] = [];
  for (const line of hall.app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^([│ ]*)[├└]── (\S+) \(([A-Z, ]+)\)/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    stack.length = depth;
    stack.push(m[2]!);
    for (const method of m[3]!.split(', ')) if (method !== 'HEAD') routes.push({ method, path: stack.join('') });
  }
  // Signing out ends the sweep's staff token: sweep it last.
  const last = (r: { path: string }) => (r.path === hallRoutes.staffLogout.path ? 1 : 0);
  return routes.sort((x, y) => last(x) - last(y));
}

/** Walks a JSON value, yielding a copy with one string leaf (or one key) replaced, for each leaf. */
function* mutations(value: unknown, bad: string): Generator<[string, unknown]> {
  if (typeof value === 'string') {
    yield ['', bad];
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      for (const [path, v] of mutations(value[i], bad)) yield [`.${i}${path}`, value.map((x, j) => (j === i ? v : x))];
    }
  } else if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    for (const [key, element] of entries) {
      for (const [path, v] of mutations(element, bad)) yield [`.${key}${path}`, { ...value, [key]: v }];
    }
    yield ['.<key>', { ...value, [bad]: 'x' }];
  }
}

interface RouteSample {
  params: Record<string, string>;
  query: Record<string, string>;
  body?: unknown;
}

const person = demoPeople[0]!;
const descriptor = Array.from({ length: 128 }, (_, i) => Math.sin(i) / 10);
const evidence = () => ({
  requestId: randomUUID(),
  challengeId: randomUUID(),
  frames: [
    {
      t: 10,
      w: 640,
      h: 480,
      box: [200, 150, 200, 220],
      ear: 0.3,
      mar: 0.1,
      yaw: 0,
      dark: null,
      skin: [190, 140, 120],
      bg: [120, 118, 112],
    },
  ],
  descriptors: [{ frame: 0, values: descriptor }],
  scores: { consistency: 0, antiSpoof: null, liveness: null },
  capturedAt: '2025-06-15T09:00:00+08:00',
});

/** Good bodies of the routes that take one (keyed by hallRoutes name). */
const goodBodies: Partial<Record<keyof typeof hallRoutes, () => unknown>> = {
  heartbeat: () => ({
    appVersion: '1.4.2',
    uptimeS: 60,
    inService: true,
    devices: [{ device: 'receiptPrinter', state: 'degraded', reason: 'paperLow' }],
    lastError: 'receiptPrinter:paperLow',
  }),
  openSession: () => ({ identifiedBy: 'idCard', idNumber: person.idNumber, name: person.name }),
  issueTicket: () => ({ categoryCode: 'A', idempotencyKey: randomUUID() }),
  ackCommand: () => ({ result: 'done', detail: 'receiptPrinter:reset' }),
  staffCheck: () => ({ staffId: 'S001', pin: '246801' }),
  staffLogin: () => ({ staffId: 'S001', password: 'hall-demo' }),
  staffCallNext: () => ({ windowNo: 1, categoryCodes: ['A'] }),
  staffSendCommand: () => ({ kind: 'resetDevice', device: 'receiptPrinter', idempotencyKey: 'sweep-key-0001' }),
  issueStatement: () => ({ kind: 'rightsStatement', year: 2024, requestId: randomUUID() }),
  secondFactor: () => ({ method: 'ssCardPin' }),
  faceCheck: evidence,
  issueFaceChallenge: () => ({ purpose: 'certification' }),
  submitCertification: evidence,
  enrolFaceReference: () => ({ idNumber: person.idNumber, descriptor }),
};

/** Good query values by name (only the routes' schemas decide which a route reads). */
const goodQuery: Record<string, string> = {
  waitMs: '0',
  limit: '5',
  page: '1',
  pageSize: '5',
  insuranceType: 'employeePension',
  year: '2024',
  categoryCode: 'A',
  district: '天河区',
  category: 'policy',
  salaryBand: 'any',
  free: 'true',
  code: '7K3M-Q9XD-2HTB-W5RT',
};

async function countRows(hall: TestHall): Promise<Record<string, number>> {
  const { db } = hall.database;
  const tables = (await db.execute(
    sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
  )) as unknown as { rows: { table_name: string }[] };
  const counts: Record<string, number> = {};
  for (const { table_name } of tables.rows) {
    const r = (await db.execute(sql.raw(`select count(*)::int as n from "${table_name}"`))) as unknown as {
      rows: { n: number }[];
    };
    counts[table_name] = Number(r.rows[0]!.n);
  }
  return counts;
}

describe('text guard (pure)', () => {
  it('accepts Chinese, emoji (a proper surrogate pair), tabs and line breaks in a body', () => {
    expect(textProblem('王建国 · 大厅东侧 😀\t第一行\r\n第二行', 'body')).toBeNull();
    expect(findUnstorableText({ a: ['王', { b: '😀' }] }, 'body')).toBeNull();
  });
  it('names the field and the problem, never the text', () => {
    expect(findUnstorableText({ devices: [{ reason: 'x\u0000secret' }] }, 'body')).toBe(
      'body.devices.0.reason: contains a NUL character',
    );
    expect(findUnstorableText({ ['4401\uD800']: 1 }, 'body')).toBe(
      'body: a field name contains an unpaired UTF-16 surrogate',
    );
    expect(findUnstorableText({ q: 'a\nb' }, 'query')).toBe('query.q: contains a control character');
    expect(textProblem('x'.repeat(MAX_TEXT_LENGTH + 1), 'body')).toMatch(/longer than/);
  });
  it('scrubs what a terminal reports into text the server takes', () => {
    const scrubbed = storableText('paper\u0000out\uD800 \u001B[0m😀', 200);
    expect(scrubbed).toBe('paper\uFFFDout\uFFFD \uFFFD[0m😀');
    expect(textProblem(scrubbed, 'body')).toBeNull();
    expect(storableText('ab😀', 3)).toBe('ab');
  });
});

describe.each(backends)('every route refuses unstorable text on $name', (backend) => {
  let hall: TestHall;
  let staff: Record<string, string>;
  const good: Record<string, string> = {};

  beforeAll(async () => {
    hall = await openTestHall(backend, { certification: { simulatorRoutes: true } });
    staff = await staffHeaders(hall, 'S004');
    good.sessionId = await openSession(hall, 'a', person.idNumber, person.name);
    good.ticketId = (await issue(hall, 'a', 'A')).ticket!.ticketId;
    const sent = await hall.inject({
      method: 'POST',
      url: `/api/v1/staff/terminals/${TERMINAL_A}/commands`,
      headers: staff,
      payload: { kind: 'restartApp' },
    });
    expect(sent.statusCode, sent.body).toBe(201);
    good.commandId = (sent.json() as { commandId: string }).commandId;
    good.terminalId = TERMINAL_A;
    good.hallId = DEMO_HALL_ID;
    good.statementId = randomUUID();
    good.certificationId = randomUUID();
    good.caseNo = 'SB20250101001';
    good.code = '7K3M-Q9XD-2HTB-W5RT';
    const beat = await hall.inject({
      as: 'a',
      method: 'POST',
      url: '/api/v1/terminal/heartbeat',
      payload: goodBodies.heartbeat!() as object,
    });
    expect(beat.statusCode, beat.body).toBe(200);
  });
  afterAll(async () => {
    await hall?.close();
  });

  function sampleFor(route: {
    method: string;
    path: string;
  }): RouteSample & { name?: string; staff: boolean; phone: boolean } {
    const entry = Object.entries(hallRoutes).find(([, r]) => r.method === route.method && r.path === route.path);
    const name = entry?.[0] as keyof typeof hallRoutes | undefined;
    const schemas = name ? (hallRoutes[name] as { query?: { shape: object } }) : undefined;
    const params: Record<string, string> = {};
    for (const m of route.path.matchAll(/:(\w+)/g)) params[m[1]!] = good[m[1]!] ?? 'x';
    const query: Record<string, string> = {};
    for (const key of Object.keys(schemas?.query?.shape ?? {})) query[key] = goodQuery[key] ?? '1';
    if (route.path === '/verify') query.code = goodQuery.code!;
    const body = name && goodBodies[name] ? goodBodies[name]!() : route.method === 'GET' ? undefined : {};
    return { name, params, query, body, staff: entry?.[1].auth === 'staff', phone: entry?.[1].auth === 'phone' };
  }

  function send(
    route: { method: string; path: string },
    sample: RouteSample & { staff: boolean },
    rawParams: Record<string, string>,
    rawQuery: Record<string, string>,
    body: unknown,
  ) {
    const url =
      route.path.replace(/:(\w+)/g, (_, p: string) => rawParams[p]!) +
      (Object.keys(rawQuery).length
        ? '?' +
          Object.entries(rawQuery)
            .map(([k, v]) => `${k}=${v}`)
            .join('&')
        : '');
    return hall.inject({
      as: sample.staff ? undefined : 'a',
      headers: sample.staff ? staff : undefined,
      method: route.method as 'GET',
      url,
      ...(body === undefined
        ? {}
        : {
            payload: JSON.stringify(body),
            headers: { ...(sample.staff ? staff : {}), 'content-type': 'application/json' },
          }),
    });
  }

  it(
    'sweeps params, query and body strings of every registered route: 0 answers of 5xx, no row written',
    { timeout: 180_000 },
    async () => {
      const routes = registeredRoutes(hall);
      // The route tables the server registers from are all in the tree, and the tree is what we sweep.
      for (const r of Object.values(hallRoutes))
        expect(routes, `${r.method} ${r.path}`).toContainEqual({ method: r.method, path: r.path });
      expect(routes.length).toBeGreaterThanOrEqual(Object.keys(hallRoutes).length);

      const before = await countRows(hall);
      const failures: string[] = [];
      let requests = 0;
      for (const route of routes) {
        const sample = sampleFor(route);
        const encParams = Object.fromEntries(Object.entries(sample.params).map(([k, v]) => [k, urlEncode(v)]));
        const encQuery = Object.fromEntries(Object.entries(sample.query).map(([k, v]) => [k, urlEncode(v)]));
        // The payment channel's notification endpoint speaks the channel's protocol: an unsigned body is
        // refused (401, in the channel's own answer format) before anything is read or written.
        const channel = route.path === '/api/v1/payment/notify';
        const check = async (where: string, status: (s: number) => boolean, run: () => ReturnType<typeof send>) => {
          requests++;
          const res = await run();
          const what = `${route.method} ${route.path} ${where} → ${res.statusCode} ${res.body.slice(0, 120)}`;
          if (!status(res.statusCode)) failures.push(what);
          else if (!channel && !ErrorBody.safeParse(res.json()).success) failures.push(`${what} (not an ErrorBody)`);
        };
        for (const [label, bad] of [...badChars, ['over-long text', overLong] as [string, string]]) {
          const expected = bad === overLong ? (s: number) => s >= 400 && s < 500 : (s: number) => s === 400;
          const enc = urlEncode(bad);
          for (const p of Object.keys(sample.params)) {
            await check(`param ${p} with ${label}`, expected, () =>
              send(route, sample, { ...encParams, [p]: enc }, encQuery, sample.body),
            );
          }
          for (const q of [...Object.keys(sample.query), 'note']) {
            await check(`query ${q} with ${label}`, expected, () =>
              send(route, sample, encParams, { ...encQuery, [q]: enc }, sample.body),
            );
          }
          if (sample.body !== undefined) {
            // A phone page route checks its session token, and the payment channel's notification
            // endpoint its signature, before either reads a body: an unsigned sweep body is refused there
            // (and audited as a refusal). Their own tests cover it (appointment-phone, payment-flow).
            const bodyExpected = expected;
            if (sample.phone || channel) continue;
            for (const [path, body] of mutations(sample.body, bad)) {
              await check(`body${path} with ${label}`, bodyExpected, () =>
                send(route, sample, encParams, encQuery, body),
              );
            }
          }
        }
      }
      expect(failures).toEqual([]);
      expect(requests).toBeGreaterThan(500);
      expect(await countRows(hall)).toEqual(before);

      // The terminal's stored heartbeat is untouched, and a good heartbeat after all that still works.
      const profile = await hall.inject({ as: 'a', method: 'GET', url: '/api/v1/terminal' });
      expect(profile.statusCode).toBe(200);
      const fleet = await hall.inject({ method: 'GET', url: '/api/v1/staff/terminals', headers: staff });
      expect(fleet.body).toContain('1.4.2');
      const beat = await hall.inject({
        as: 'a',
        method: 'POST',
        url: '/api/v1/terminal/heartbeat',
        payload: { ...(goodBodies.heartbeat!() as object), appVersion: '1.4.3' },
      });
      expect(beat.statusCode, beat.body).toBe(200);
      const after = await hall.inject({ method: 'GET', url: '/api/v1/staff/terminals', headers: staff });
      expect(after.body).toContain('1.4.3');
    },
  );

  it('answers a NUL in a heartbeat with a plain 400 that names the field, not the text', async () => {
    const res = await hall.inject({
      as: 'a',
      method: 'POST',
      url: '/api/v1/terminal/heartbeat',
      payload: JSON.stringify({ ...(goodBodies.heartbeat!() as object), appVersion: '1.4\u0000secret' }),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      code: 'invalidRequest',
      message: 'unstorable text at body.appVersion: contains a NUL character',
    });
  });
});
