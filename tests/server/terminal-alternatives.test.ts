// Where a closed terminal sends people: the profile and every heartbeat answer name the other
// terminals of its hall that serve now (by location), never a stale, closed or self-closed one, never
// one of another hall, never itself; and the hall's staffed-window hours.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HeartbeatResponse, TerminalProfile, type HeartbeatRequest } from '../../contracts/hall-api';
import { halls, terminals } from '../../server/db/schema';
import { DEMO_HALL_ID, demoHall } from '../../server/seed/hall';
import { registerTerminal } from '../../server/terminals/register';
import { backends } from './support/backends';
import { type TestHall, bearer, openTestHall } from './support/hall';

const OTHER_HALL = 'other-hall';

function beat(inService: boolean): HeartbeatRequest {
  return { appVersion: '1.0.0', uptimeS: 60, inService, devices: [], lastError: null };
}

describe.each(backends)('out-of-service alternatives on $name', (backend) => {
  let hall: TestHall;
  const auth: Record<string, Record<string, string>> = {};

  const heartbeat = async (id: string, inService = true) => {
    const res = await hall.inject({
      method: 'POST',
      url: '/api/v1/terminal/heartbeat',
      headers: auth[id],
      payload: beat(inService),
    });
    expect(res.statusCode, res.body).toBe(200);
    return HeartbeatResponse.parse(res.json());
  };
  const profile = async (headers: Record<string, string>) => {
    const res = await hall.inject({ method: 'GET', url: '/api/v1/terminal', headers });
    expect(res.statusCode, res.body).toBe(200);
    return TerminalProfile.parse(res.json());
  };
  const named = (p: { alternatives: { terminals: Array<{ terminalId: string; location: string }> } }) =>
    p.alternatives.terminals.map((t) => `${t.terminalId} ${t.location}`).sort();

  beforeAll(async () => {
    hall = await openTestHall(backend);
    const { db } = hall.database;
    await db.insert(halls).values({ id: OTHER_HALL, name: '另一个服务大厅', address: '别处', phone: '020-12333' });
    const add = async (terminalId: string, location: string | undefined, hallId = DEMO_HALL_ID) => {
      auth[terminalId] = bearer(terminalId, await registerTerminal(db, { terminalId, hallId, location }));
    };
    await add('T-EAST-2', '大厅东侧 2 号机');
    await add('T-UP-1', '二楼社保窗口旁');
    await add('T-STALE', '三楼电梯口');
    await add('T-STAFF-CLOSED', '大厅西侧 1 号机');
    await add('T-SELF-CLOSED', '大厅西侧 3 号机');
    await add('T-NO-PLACE', undefined);
    await add('T-OTHER-HALL', '别的大厅入口', OTHER_HALL);
    await add('T-OTHER-HALL-2', '别的大厅二楼', OTHER_HALL);
    for (const id of [
      'T-EAST-2',
      'T-UP-1',
      'T-STALE',
      'T-STAFF-CLOSED',
      'T-NO-PLACE',
      'T-OTHER-HALL',
      'T-OTHER-HALL-2',
    ])
      await heartbeat(id);
    await heartbeat('T-SELF-CLOSED', false);
    // Silent for five minutes: not where anyone should be sent.
    await db
      .update(terminals)
      .set({ lastHeartbeatAt: sql`now() - interval '5 minutes'` })
      .where(eq(terminals.id, 'T-STALE'));
    // Staff closed it (as the outOfService command does).
    await db.update(terminals).set({ inService: false }).where(eq(terminals.id, 'T-STAFF-CLOSED'));
    auth['KIOSK-A'] = hall.a;
  });
  afterAll(async () => {
    await hall?.close();
  });

  it('names only the serving terminals of the hall, with their locations, and the staffed-window hours', async () => {
    const p = await profile(hall.a);
    expect(named(p)).toEqual(['T-EAST-2 大厅东侧 2 号机', 'T-UP-1 二楼社保窗口旁']);
    expect(p.alternatives.staffedWindowHours).toBe(demoHall.windowHours);
    expect(p.alternatives.staffedWindowHours).toBe('周一至周五 9:00-12:00，13:30-17:30');
  });

  it('sends the same with every heartbeat answer, and never names the asking terminal', async () => {
    const answer = await heartbeat('KIOSK-A', false);
    expect(named(answer)).toEqual(['T-EAST-2 大厅东侧 2 号机', 'T-UP-1 二楼社保窗口旁']);
    const east = await heartbeat('T-EAST-2');
    expect(named(east)).toEqual(['T-UP-1 二楼社保窗口旁']);
  });

  it("never lists another hall's terminals, and a hall without window hours says none", async () => {
    const other = await heartbeat('T-OTHER-HALL');
    expect(named(other)).toEqual(['T-OTHER-HALL-2 别的大厅二楼']);
    expect(other.alternatives.staffedWindowHours).toBeNull();
    expect(JSON.stringify(await profile(hall.a))).not.toContain('别的大厅');
  });

  it('follows changes: a terminal closed by staff drops out, one that comes back is named again', async () => {
    const { db } = hall.database;
    await db.update(terminals).set({ inService: false }).where(eq(terminals.id, 'T-UP-1'));
    expect(named(await profile(hall.a))).toEqual(['T-EAST-2 大厅东侧 2 号机']);
    await db.update(terminals).set({ inService: true }).where(eq(terminals.id, 'T-UP-1'));
    await heartbeat('T-STALE'); // it beats again
    await heartbeat('T-SELF-CLOSED', true); // it reopened itself
    expect(named(await profile(hall.a))).toEqual([
      'T-EAST-2 大厅东侧 2 号机',
      'T-SELF-CLOSED 大厅西侧 3 号机',
      'T-STALE 三楼电梯口',
    ]);
  });

  it('names at most three', async () => {
    const { db } = hall.database;
    await heartbeat('T-UP-1');
    await db.update(terminals).set({ inService: true }).where(eq(terminals.id, 'T-STAFF-CLOSED'));
    await heartbeat('T-STAFF-CLOSED');
    const p = await profile(hall.a);
    expect(p.alternatives.terminals).toHaveLength(3);
  });
});
