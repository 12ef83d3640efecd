// Staff sign-in and the two kinds of credential: a staff token never acts as a terminal, a
// terminal credential never acts as staff; the kiosk's PIN check is rate-limited and audited.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StaffCheckResponse } from '../../contracts/fleet';
import { hallRoutes } from '../../contracts/hall-api';
import { StaffLoginResponse, StaffView } from '../../contracts/queue';
import { auditLog, staff, staffSessions } from '../../server/db/schema';
import { backends } from './support/backends';
import { type TestHall, openTestHall } from './support/hall';
import { DEMO_PASSWORD, DEMO_PINS, staffHeaders } from './support/queue';

const concrete = (path: string) =>
  path
    .replace(':ticketId', '8d5e3c1a-6a43-4a1e-9a55-0c1f1d2b3c4d')
    .replace(':commandId', '8d5e3c1a-6a43-4a1e-9a55-0c1f1d2b3c4d')
    .replace(':terminalId', 'KIOSK-A')
    .replace(':sessionId', '8d5e3c1a-6a43-4a1e-9a55-0c1f1d2b3c4d');

describe.each(backends)('staff sign-in on $name', (backend) => {
  let hall: TestHall;
  beforeAll(async () => {
    hall = await openTestHall(backend);
  });
  afterAll(async () => {
    await hall?.close();
  });

  it('signs a demo clerk in, stores only a hash of the token, and knows them by it', async () => {
    const res = await hall.inject({
      method: 'POST',
      url: '/api/v1/staff/login',
      payload: { staffId: 'S001', password: DEMO_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const login = StaffLoginResponse.parse(res.json());
    expect(login.staff).toMatchObject({ staffId: 'S001', role: 'clerk', hallId: 'demo-hall' });
    const rows = await hall.database.db.select().from(staffSessions).where(eq(staffSessions.staffId, 'S001'));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).not.toContain(login.token);
    const me = await hall.inject({
      method: 'GET',
      url: '/api/v1/staff/me',
      headers: { authorization: `Bearer ${login.token}` },
    });
    expect(StaffView.parse(me.json()).staffId).toBe('S001');
    const [member] = await hall.database.db.select().from(staff).where(eq(staff.id, 'S001'));
    expect(member!.passwordHash).toMatch(/^scrypt\$/);
    expect(member!.pinHash).toMatch(/^scrypt\$/);
  });

  it('refuses a wrong password with 401 and audits it; logout ends the token', async () => {
    const wrong = await hall.inject({
      method: 'POST',
      url: '/api/v1/staff/login',
      payload: { staffId: 'S002', password: 'nope' },
    });
    expect(wrong.statusCode).toBe(401);
    const audit = await hall.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'staff.login'), eq(auditLog.result, 'wrongPassword')));
    expect(audit.map((a) => a.subjectId)).toContain('S002');
    const headers = await staffHeaders(hall, 'S002');
    expect((await hall.inject({ method: 'POST', url: '/api/v1/staff/logout', headers })).statusCode).toBe(204);
    expect((await hall.inject({ method: 'GET', url: '/api/v1/staff/me', headers })).statusCode).toBe(401);
  });

  it('rate-limits repeated wrong passwords per staff id', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await hall.inject({
        method: 'POST',
        url: '/api/v1/staff/login',
        payload: { staffId: 'S004', password: `wrong${i}` },
      });
      expect(res.statusCode).toBe(401);
    }
    const blocked = await hall.inject({
      method: 'POST',
      url: '/api/v1/staff/login',
      payload: { staffId: 'S004', password: DEMO_PASSWORD },
    });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json()).toMatchObject({ code: 'rateLimited' });
  });

  it('never lets a terminal credential act as staff', async () => {
    for (const [name, route] of Object.entries(hallRoutes).filter(([, r]) => r.auth === 'staff')) {
      const res = await hall.inject({
        as: 'a',
        method: route.method,
        url: concrete(route.path),
        payload: route.method === 'POST' ? {} : undefined,
      });
      expect(res.statusCode, name).toBe(401);
    }
  });

  it('never lets a staff token act as a terminal', async () => {
    const headers = await staffHeaders(hall, 'S003');
    for (const [name, route] of Object.entries(hallRoutes).filter(([, r]) => r.auth === 'terminal')) {
      const res = await hall.inject({
        method: route.method,
        url: concrete(route.path),
        headers,
        payload: route.method === 'POST' ? {} : undefined,
      });
      expect(res.statusCode, name).toBe(401);
    }
  });

  it('checks a staff PIN from a kiosk: name and role, or 401; wrong PINs audited', async () => {
    const ok = await hall.inject({
      as: 'a',
      method: 'POST',
      url: '/api/v1/terminal/staff-check',
      payload: { staffId: 'S003', pin: DEMO_PINS.S003 },
    });
    expect(ok.statusCode).toBe(200);
    expect(StaffCheckResponse.parse(ok.json())).toEqual({ staffId: 'S003', name: '吴静', role: 'supervisor' });
    const wrong = await hall.inject({
      as: 'a',
      method: 'POST',
      url: '/api/v1/terminal/staff-check',
      payload: { staffId: 'S003', pin: '000000' },
    });
    expect(wrong.statusCode).toBe(401);
    const audit = await hall.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'staff.pinCheck'), eq(auditLog.terminalId, 'KIOSK-A')));
    expect(audit.map((a) => a.result).sort()).toEqual(['ok', 'wrongPin']);
    expect(JSON.stringify(audit)).not.toContain('000000');
    // Without a terminal credential there is no PIN check at all.
    const anonymous = await hall.inject({
      method: 'POST',
      url: '/api/v1/terminal/staff-check',
      payload: { staffId: 'S003', pin: DEMO_PINS.S003 },
    });
    expect(anonymous.statusCode).toBe(401);
  });

  it('locks a staff id on one terminal after 5 wrong PINs, even for the right PIN, not on another', async () => {
    const check = (as: 'a' | 'b', pin: string) =>
      hall.inject({ as, method: 'POST', url: '/api/v1/terminal/staff-check', payload: { staffId: 'S001', pin } });
    for (let i = 0; i < 5; i++) expect((await check('b', `11110${i}`)).statusCode).toBe(401);
    const locked = await check('b', DEMO_PINS.S001!);
    expect(locked.statusCode).toBe(429);
    expect(locked.json()).toMatchObject({ code: 'rateLimited' });
    expect((await check('a', DEMO_PINS.S001!)).statusCode).toBe(200);
    const limited = await hall.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'staff.pinCheck'), eq(auditLog.result, 'rateLimited')));
    expect(limited).toEqual([expect.objectContaining({ terminalId: 'KIOSK-B', subjectId: 'S001' })]);
  });

  it.each([
    ['a short PIN', { staffId: 'S001', pin: '12' }],
    ['letters', { staffId: 'S001', pin: 'abcdef' }],
    ['a bad staff id', { staffId: 'S 001', pin: '246801' }],
    ['extra fields', { staffId: 'S001', pin: '246801', role: 'admin' }],
  ])('refuses %s at the PIN check with 400', async (_label, payload) => {
    const res = await hall.inject({ as: 'a', method: 'POST', url: '/api/v1/terminal/staff-check', payload });
    expect(res.statusCode).toBe(400);
  });

  it.each([
    ['no body', undefined],
    ['an empty password', { staffId: 'S001', password: '' }],
    ['a huge password', { staffId: 'S001', password: 'x'.repeat(5000) }],
    ['an array', [1, 2]],
  ])('refuses %s at sign-in with 4xx', async (_label, payload) => {
    const res = await hall.inject({ method: 'POST', url: '/api/v1/staff/login', payload: payload as object });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
  });
});
