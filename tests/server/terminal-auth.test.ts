// Terminal credentials: only the hash is stored; missing, malformed, unknown, wrong or disabled → 401,
// each audited; re-registering rotates the secret.
import { createHash } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TerminalProfile } from '../../contracts/hall-api';
import { auditLog, terminals } from '../../server/db/schema';
import { DEMO_HALL_ID } from '../../server/seed/hall';
import { registerTerminal } from '../../server/terminals/register';
import { demoPeople } from '../../server/seed/demo-people';
import { backends } from './support/backends';
import { TERMINAL_A, type TestHall, bearer, openTestHall } from './support/hall';

describe.each(backends)('terminal auth on $name', (backend) => {
  let hall: TestHall;
  beforeAll(async () => {
    hall = await openTestHall(backend);
  });
  afterAll(async () => {
    await hall?.close();
  });

  it('answers the terminal profile to a registered terminal and records when it was seen', async () => {
    const res = await hall.inject({ as: 'a', method: 'GET', url: '/api/v1/terminal' });
    expect(res.statusCode).toBe(200);
    expect(TerminalProfile.parse(res.json())).toEqual({
      terminalId: TERMINAL_A,
      hallId: DEMO_HALL_ID,
      hallName: '广州市天河区人力资源和社会保障局 天河区人社服务大厅',
      hallTimeZone: 'Asia/Shanghai',
      inService: true,
      // Terminal B never sent a heartbeat, so no other terminal is named yet.
      alternatives: { terminals: [], staffedWindowHours: '周一至周五 9:00-12:00，13:30-17:30' },
    });
    const [row] = await hall.database.db.select().from(terminals).where(eq(terminals.id, TERMINAL_A));
    expect(row!.lastSeenAt).toBeInstanceOf(Date);
  });

  it('stores only the sha256 of the secret', async () => {
    const secret = await registerTerminal(hall.database.db, { terminalId: 'KIOSK-HASH', hallId: DEMO_HALL_ID });
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const [row] = await hall.database.db.select().from(terminals).where(eq(terminals.id, 'KIOSK-HASH'));
    expect(row!.credentialHash).toBe(createHash('sha256').update(secret).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(secret);
  });

  it('rejects a bad terminal id or an unknown hall at registration', async () => {
    await expect(
      registerTerminal(hall.database.db, { terminalId: 'bad id', hallId: DEMO_HALL_ID }),
    ).rejects.toMatchObject({ code: 'invalidRequest' });
    await expect(registerTerminal(hall.database.db, { terminalId: 'K1', hallId: 'nowhere' })).rejects.toMatchObject({
      code: 'notFound',
    });
  });

  const valid = { identifiedBy: 'idCard', idNumber: demoPeople[0]!.idNumber, name: demoPeople[0]!.name };
  it.each([
    ['no header', {}, null, 'malformed'],
    ['a Basic header', { authorization: 'Basic YWJjOmRlZg==' }, null, 'malformed'],
    ['a short secret', { authorization: 'Bearer KIOSK-A.short' }, null, 'malformed'],
    [
      'an unknown terminal',
      { authorization: `Bearer KIOSK-NOBODY.${'a'.repeat(43)}` },
      'KIOSK-NOBODY',
      'unknownTerminal',
    ],
    ['a wrong secret', { authorization: `Bearer ${TERMINAL_A}.${'b'.repeat(43)}` }, TERMINAL_A, 'badSecret'],
  ])('%s → 401 unauthorized on every authenticated route, audited', async (_what, headers, terminalId, reason) => {
    for (const [method, url, payload] of [
      ['GET', '/api/v1/terminal', undefined],
      ['POST', '/api/v1/sessions', valid],
      ['GET', '/api/v1/sessions/6f1c1a52-3c5e-4d0a-9a57-1f6e1c1e2d3b/summary', undefined],
      ['DELETE', '/api/v1/sessions/6f1c1a52-3c5e-4d0a-9a57-1f6e1c1e2d3b', undefined],
      ['POST', '/api/v1/sessions', { broken: true }],
    ] as const) {
      const res = await hall.inject({ method, url, headers, ...(payload ? { payload } : {}) });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
      expect(res.json()).toEqual({ code: 'unauthorized', message: expect.any(String) });
    }
    const [entry] = await hall.database.db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1);
    expect(entry).toMatchObject({
      action: 'terminal.auth',
      result: 'unauthorized',
      actorKind: 'terminal',
      terminalId,
      detail: { reason },
    });
  });

  it('a disabled terminal → 401; enabled again → 200', async () => {
    await hall.database.db.update(terminals).set({ enabled: false }).where(eq(terminals.id, TERMINAL_A));
    const res = await hall.inject({ as: 'a', method: 'GET', url: '/api/v1/terminal' });
    expect(res.statusCode).toBe(401);
    const [entry] = await hall.database.db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1);
    expect(entry).toMatchObject({ terminalId: TERMINAL_A, detail: { reason: 'disabled' } });
    await hall.database.db.update(terminals).set({ enabled: true }).where(eq(terminals.id, TERMINAL_A));
    expect((await hall.inject({ as: 'a', method: 'GET', url: '/api/v1/terminal' })).statusCode).toBe(200);
  });

  it('re-registering rotates the secret: the old one stops working', async () => {
    const first = await registerTerminal(hall.database.db, { terminalId: 'KIOSK-ROT', hallId: DEMO_HALL_ID });
    const second = await registerTerminal(hall.database.db, { terminalId: 'KIOSK-ROT', hallId: DEMO_HALL_ID });
    expect(second).not.toBe(first);
    expect(
      (await hall.inject({ method: 'GET', url: '/api/v1/terminal', headers: bearer('KIOSK-ROT', first) })).statusCode,
    ).toBe(401);
    expect(
      (await hall.inject({ method: 'GET', url: '/api/v1/terminal', headers: bearer('KIOSK-ROT', second) })).statusCode,
    ).toBe(200);
  });

  it('health needs no credential', async () => {
    const res = await hall.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true, database: backend.name });
  });
});
