// The hall server's pages and the console's activity list, over inject: pages only through their
// routes and with a CSP; a clear 503 before the build; the audit list of one hall, for supervisors.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditListResponse } from '../../../contracts/staff-audit';
import { registerWebRoutes } from '../../../server/api/web-routes';
import { audit } from '../../../server/audit/audit';
import { halls } from '../../../server/db/schema';
import { registerTerminal } from '../../../server/terminals/register';
import { backends } from '../support/backends';
import { type TestHall, openTestHall } from '../support/hall';
import { issue, staffHeaders } from '../support/queue';

describe('pages', () => {
  let webDir: string;
  beforeAll(() => {
    webDir = mkdtempSync(path.join(os.tmpdir(), 'hall-web-'));
    mkdirSync(path.join(webDir, 'assets'));
    for (const page of ['staff', 'display', 'follow', 'phone'])
      writeFileSync(path.join(webDir, `${page}.html`), `<p>${page}</p>`);
    writeFileSync(path.join(webDir, 'assets', 'staff-abc.js'), 'console.log(1)');
  });
  afterAll(() => rmSync(webDir, { recursive: true, force: true }));

  const app = (dir: string) => {
    const a = Fastify();
    // The pages never touch the database; the audit route does, and is tested below.
    registerWebRoutes(a, { db: null as never, webDir: dir });
    return a;
  };

  it('serves each page at its route with a CSP that allows only this server', async () => {
    const a = app(webDir);
    for (const [url, body] of [
      ['/staff', 'staff'],
      ['/display?hall=demo-hall', 'display'],
      ['/q/8c1e2b9e-7a51-4c55-b1f8-0f1d3c5e9a11', 'follow'],
      ['/yuyue?hall=demo-hall', 'phone'],
    ] as const) {
      const res = await a.inject({ url });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain(body);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.headers['content-security-policy']).toContain("connect-src 'self'");
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    }
    const asset = await a.inject({ url: '/web/assets/staff-abc.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-security-policy']).toContain("default-src 'self'");
    expect((await a.inject({ url: '/web/staff.html' })).statusCode).toBe(404);
    expect((await a.inject({ url: '/web/assets/../staff.html' })).statusCode).toBe(404);
    await a.close();
  });

  it('says plainly that the pages are not built yet, and the server still starts', async () => {
    const a = app(path.join(webDir, 'missing'));
    const res = await a.inject({ url: '/staff' });
    expect(res.statusCode).toBe(503);
    expect(res.body).toContain('npm run build');
    await a.close();
  });
});

describe.each(backends)('recent activity on $name', (backend) => {
  let hall: TestHall;
  beforeAll(async () => {
    hall = await openTestHall(backend);
  });
  afterAll(async () => {
    await hall?.close();
  });

  it("lists the hall's staff and terminal actions, newest first, and nothing of another hall", async () => {
    const { db } = hall.database;
    await db.insert(halls).values({ id: 'other-hall', name: '另一个大厅', address: '某路 1 号', phone: '12333' });
    await registerTerminal(db, { terminalId: 'KIOSK-OTHER', hallId: 'other-hall' });
    await audit(db, {
      actorKind: 'terminal',
      actorId: 'KIOSK-OTHER',
      terminalId: 'KIOSK-OTHER',
      action: 'queue.issue',
      result: 'ok',
    });
    await issue(hall, 'a', 'A');
    const supervisor = await staffHeaders(hall, 'S003');

    const res = await hall.inject({ method: 'GET', url: '/api/v1/staff/audit?limit=20', headers: supervisor });
    expect(res.statusCode, res.body).toBe(200);
    const { entries } = AuditListResponse.parse(res.json());
    expect(entries[0]).toMatchObject({ action: 'staff.login', actorId: 'S003', result: 'ok' });
    expect(entries).toContainEqual(expect.objectContaining({ action: 'queue.issue', terminalId: 'KIOSK-A' }));
    expect(entries.some((e) => e.terminalId === 'KIOSK-OTHER')).toBe(false);
    const times = entries.map((e) => e.at);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('is for supervisors and admins; clerks get 403, strangers 401, bad limits 400', async () => {
    const clerk = await staffHeaders(hall, 'S001');
    expect((await hall.inject({ method: 'GET', url: '/api/v1/staff/audit', headers: clerk })).statusCode).toBe(403);
    expect((await hall.inject({ method: 'GET', url: '/api/v1/staff/audit' })).statusCode).toBe(401);
    expect((await hall.inject({ method: 'GET', url: '/api/v1/staff/audit', as: 'a' })).statusCode).toBe(401);
    const admin = await staffHeaders(hall, 'S004');
    const bad = await hall.inject({ method: 'GET', url: '/api/v1/staff/audit?limit=100000', headers: admin });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'invalidRequest' });
  });
});
