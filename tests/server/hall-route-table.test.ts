// The route table is the API: every record of contracts' hallRoutes is a registered route, is in
// /openapi.json as written (operation, parameters, body, success status, error statuses), and
// refuses a caller of the wrong kind; the input guards run before any route's own schemas.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hallRoutes } from '../../contracts/hall-api';
import type { HallRoute } from '../../contracts/hall-route';
import { httpStatus } from '../../server/api/errors';
import { errorCodesOf } from '../../server/api/openapi';
import { backends } from './support/backends';
import { type TestHall, openTestHall } from './support/hall';
import { staffHeaders } from './support/queue';

const SOME_UUID = '8d5e3c1a-6a43-4a1e-9a55-0c1f1d2b3c4d';
/** A well-formed value for each path parameter of the table. */
const sample: Record<string, string> = {
  sessionId: SOME_UUID,
  ticketId: SOME_UUID,
  commandId: SOME_UUID,
  statementId: SOME_UUID,
  certificationId: SOME_UUID,
  terminalId: 'KIOSK-A',
  hallId: 'demo-hall',
  caseNo: 'SB20250001',
  code: '7K3M-Q9XD-2HTB-W5RT',
};
const concrete = (path: string) => path.replace(/:(\w+)/g, (_, name: string) => sample[name]!);
const routes = Object.entries(hallRoutes) as [string, HallRoute][];

type Operation = {
  operationId: string;
  parameters?: { name: string; in: string }[];
  requestBody?: unknown;
  responses: Record<string, unknown>;
};

describe('the hall route table', () => {
  let hall: TestHall;
  let doc: { paths: Record<string, Record<string, Operation>> };
  let supervisor: Record<string, string>;
  let clerk: Record<string, string>;
  beforeAll(async () => {
    hall = await openTestHall(backends[0]!);
    doc = (await hall.inject({ method: 'GET', url: '/openapi.json' })).json();
    supervisor = await staffHeaders(hall, 'S003');
    clerk = await staffHeaders(hall, 'S001');
  });
  afterAll(async () => {
    await hall?.close();
  });

  it('names each route once: no two records share a method and path', () => {
    const keys = routes.map(([, r]) => `${r.method} ${r.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it.each(routes)('registers and documents %s as its record says', (name, route) => {
    expect(hall.app.hasRoute({ method: route.method, url: route.path }), name).toBe(true);
    const op = doc.paths[route.path.replace(/:(\w+)/g, '{$1}')]?.[route.method.toLowerCase()];
    expect(op, name).toBeDefined();
    expect(op!.operationId).toBe(name);
    const inPath = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]);
    expect(op!.parameters?.filter((p) => p.in === 'path').map((p) => p.name) ?? []).toEqual(inPath);
    expect(Object.keys(route.params?.shape ?? {})).toEqual(inPath);
    expect(op!.parameters?.filter((p) => p.in === 'query').map((p) => p.name) ?? []).toEqual(
      Object.keys(route.query?.shape ?? {}),
    );
    expect(op!.requestBody !== undefined, name).toBe(route.body !== undefined);
    expect(op!.responses[String(route.response.status)], name).toBeDefined();
    for (const code of errorCodesOf(route)) expect(op!.responses[String(httpStatus[code])], code).toBeDefined();
  });

  it.each(routes)('refuses a wrong caller on %s', async (name, route) => {
    const call = (headers: Record<string, string>, as?: 'a') =>
      hall.inject({
        method: route.method,
        url: concrete(route.path),
        headers,
        ...(as ? { as } : {}),
        ...(route.method === 'POST' ? { payload: {} } : {}),
      });
    if (route.auth === 'terminal') {
      for (const res of [await call({}), await call(supervisor)]) {
        expect(res.statusCode, name).toBe(401);
        expect(res.json()).toMatchObject({ code: 'unauthorized' });
      }
    } else if (route.auth === 'staff') {
      for (const res of [await call({}), await call({}, 'a')]) {
        expect(res.statusCode, name).toBe(401);
        expect(res.json()).toMatchObject({ code: 'unauthorized' });
      }
      if (route.roles && !route.roles.includes('clerk')) {
        const res = await call(clerk);
        expect(res.statusCode, name).toBe(403);
        expect(res.json()).toMatchObject({ code: 'forbidden' });
      }
    } else if (route.auth === 'phone') {
      // A phone route wants a phone session token: neither none nor a terminal credential will do.
      for (const res of [await call({}), await call({}, 'a')]) {
        expect(res.statusCode, name).toBe(401);
        expect(res.json()).toMatchObject({ code: 'unauthorized' });
      }
    } else {
      // Anyone may call a public route: no credential is asked for.
      expect((await call({})).statusCode, name).not.toBe(401);
    }
  });
});
