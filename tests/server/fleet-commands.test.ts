// Terminal commands: staff see every terminal's health; a command reaches a long-polling terminal
// at once, a terminal that was away gets it on return unless expired, delivery may repeat until
// the ack, the ack is idempotent, out-of-service flips the server's answer, everything is audited.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AckCommandResponse,
  CommandListResponse,
  CommandView,
  FleetResponse,
  TerminalCommandsResponse,
} from '../../contracts/fleet';
import type { HeartbeatRequest } from '../../contracts/hall-api';
import { buildServer } from '../../server/app';
import { auditLog, terminals } from '../../server/db/schema';
import { backends } from './support/backends';
import { TERMINAL_A, TERMINAL_B, type TestHall, openTestHall } from './support/hall';
import { staffHeaders, testClock } from './support/queue';

const clock = testClock('2026-07-01T03:00:00Z');

const beat: HeartbeatRequest = {
  appVersion: '0.6.0',
  uptimeS: 120,
  inService: true,
  devices: [
    { device: 'idCardReader', state: 'ok' },
    { device: 'receiptPrinter', state: 'degraded', reason: 'paperLow' },
  ],
  lastError: null,
};

describe.each(backends)('fleet commands on $name', (backend) => {
  let hall: TestHall;
  let supervisor: Record<string, string>;
  let clerk: Record<string, string>;
  beforeAll(async () => {
    clock.set('2026-07-01T03:00:00Z');
    hall = await openTestHall(backend, { now: clock.now, commandPollMs: 50 });
    supervisor = await staffHeaders(hall, 'S003');
    clerk = await staffHeaders(hall, 'S001');
  });
  afterAll(async () => {
    await hall?.close();
  });

  const send = async (terminalId: string, payload: object, headers = supervisor) =>
    hall.inject({ method: 'POST', url: `/api/v1/staff/terminals/${terminalId}/commands`, headers, payload });
  const poll = async (as: 'a' | 'b', waitMs = 0) => {
    const res = await hall.inject({ as, method: 'GET', url: `/api/v1/terminal/commands?waitMs=${waitMs}` });
    expect(res.statusCode, res.body).toBe(200);
    return TerminalCommandsResponse.parse(res.json()).commands;
  };
  const ack = (as: 'a' | 'b', commandId: string, payload: object) =>
    hall.inject({ as, method: 'POST', url: `/api/v1/terminal/commands/${commandId}/ack`, payload });

  it('lists every terminal of the hall with health at a glance', async () => {
    await hall.database.db
      .update(terminals)
      .set({ heartbeat: beat, lastHeartbeatAt: clock.now() })
      .where(eq(terminals.id, TERMINAL_A));
    const res = await hall.inject({ method: 'GET', url: '/api/v1/staff/terminals', headers: clerk });
    expect(res.statusCode).toBe(200);
    const fleet = FleetResponse.parse(res.json());
    expect(fleet.terminals.map((t) => [t.terminalId, t.health, t.appVersion, t.inService])).toEqual([
      [TERMINAL_A, 'degraded', '0.6.0', true],
      [TERMINAL_B, 'offline', null, true],
    ]);
  });

  it('wakes a long-polling terminal when a command is issued, and repeats it until acked', async () => {
    const waiting = poll('a', 20_000);
    await new Promise((r) => setTimeout(r, 200));
    const sent = await send(TERMINAL_A, { kind: 'restartApp' });
    expect(sent.statusCode, sent.body).toBe(201);
    const command = CommandView.parse(sent.json());
    expect(command).toMatchObject({ kind: 'restartApp', issuedBy: 'S003', status: 'pending' });
    const got = await waiting;
    expect(got.map((c) => c.commandId)).toEqual([command.commandId]);
    // Not acked yet: delivered again (the terminal dedups by id).
    expect((await poll('a')).map((c) => c.commandId)).toEqual([command.commandId]);
    // B gets nothing of A's.
    expect(await poll('b')).toEqual([]);

    const first = await ack('a', command.commandId, { result: 'done' });
    expect(first.statusCode).toBe(200);
    const again = await ack('a', command.commandId, { result: 'failed', detail: 'late' });
    expect(AckCommandResponse.parse(again.json())).toEqual(AckCommandResponse.parse(first.json()));
    expect(await poll('a')).toEqual([]);
    // Another terminal cannot ack it.
    expect((await ack('b', command.commandId, { result: 'done' })).statusCode).toBe(404);

    const list = CommandListResponse.parse(
      (
        await hall.inject({ method: 'GET', url: `/api/v1/staff/terminals/${TERMINAL_A}/commands`, headers: clerk })
      ).json(),
    );
    expect(list.commands[0]).toMatchObject({ commandId: command.commandId, status: 'acked', result: 'done' });
    expect(list.commands[0]!.firstDeliveredAt).not.toBeNull();
    const audit = await hall.database.db.select().from(auditLog).where(eq(auditLog.subjectId, command.commandId));
    expect(audit.map((a) => `${a.action}:${a.result}:${a.actorId}`)).toEqual([
      'fleet.command:issued:S003',
      'fleet.deliver:ok:KIOSK-A',
      'fleet.ack:done:KIOSK-A',
    ]);
  });

  it('wakes a terminal polling one server instance when staff use another', async () => {
    // A second app over the same database: nothing shared but the database, like a second instance.
    const other = buildServer({ ...hall.database, now: clock.now, commandPollMs: 50 });
    await other.ready();
    try {
      const waiting = other.inject({ method: 'GET', url: '/api/v1/terminal/commands?waitMs=20000', headers: hall.a });
      await new Promise((r) => setTimeout(r, 200));
      const sent = CommandView.parse((await send(TERMINAL_A, { kind: 'restartApp' })).json());
      const res = await waiting;
      expect(TerminalCommandsResponse.parse(res.json()).commands.map((c) => c.commandId)).toEqual([sent.commandId]);
      await ack('a', sent.commandId, { result: 'done' });
    } finally {
      await other.close();
    }
  });

  it('keeps a command for a terminal that is away, and drops it once expired', async () => {
    const kept = CommandView.parse((await send(TERMINAL_B, { kind: 'resetDevice', device: 'receiptPrinter' })).json());
    const dropped = CommandView.parse((await send(TERMINAL_B, { kind: 'restartApp', ttlS: 60 })).json());
    clock.advance(120_000);
    // B comes back two minutes later: the reset is still due, the restart has expired.
    const got = await poll('b');
    expect(got).toEqual([
      expect.objectContaining({ commandId: kept.commandId, kind: 'resetDevice', device: 'receiptPrinter' }),
    ]);
    const list = CommandListResponse.parse(
      (
        await hall.inject({ method: 'GET', url: `/api/v1/staff/terminals/${TERMINAL_B}/commands`, headers: clerk })
      ).json(),
    );
    expect(list.commands.find((c) => c.commandId === dropped.commandId)).toMatchObject({
      status: 'expired',
      firstDeliveredAt: null,
    });
    await ack('b', kept.commandId, { result: 'failed', detail: 'receiptPrinter:noDevice' });
  });

  it('flips the terminal out of service at once, so the heartbeat answer agrees', async () => {
    const out = CommandView.parse((await send(TERMINAL_A, { kind: 'outOfService' })).json());
    const hb = await hall.inject({ as: 'a', method: 'POST', url: '/api/v1/terminal/heartbeat', payload: beat });
    expect(hb.json()).toMatchObject({ inService: false });
    const profile = await hall.inject({ as: 'a', method: 'GET', url: '/api/v1/terminal' });
    expect(profile.json()).toMatchObject({ inService: false });
    await ack('a', out.commandId, { result: 'done' });
    await send(TERMINAL_A, { kind: 'inService' });
    const back = await hall.inject({ as: 'a', method: 'POST', url: '/api/v1/terminal/heartbeat', payload: beat });
    expect(back.json()).toMatchObject({ inService: true });
  });

  it('returns the same command for a retried click', async () => {
    const payload = { kind: 'restartApp', idempotencyKey: 'click-0001' };
    const one = CommandView.parse((await send(TERMINAL_B, payload)).json());
    const two = CommandView.parse((await send(TERMINAL_B, payload)).json());
    expect(two.commandId).toBe(one.commandId);
    expect((await poll('b')).filter((c) => c.commandId === one.commandId)).toHaveLength(1);
  });

  it('lets only supervisors and admins send commands, only to their own hall', async () => {
    const refused = await send(TERMINAL_A, { kind: 'restartApp' }, clerk);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'forbidden' });
    expect((await send('KIOSK-ELSEWHERE', { kind: 'restartApp' })).statusCode).toBe(404);
  });

  it.each([
    ['an unknown kind', { kind: 'selfDestruct' }],
    ['a reset without a device', { kind: 'resetDevice' }],
    ['a device on a restart', { kind: 'restartApp', device: 'camera' }],
    ['an unknown device', { kind: 'resetDevice', device: 'toaster' }],
    ['a ttl too long', { kind: 'restartApp', ttlS: 10_000_000 }],
  ])('refuses %s with 400 and issues nothing', async (_label, payload) => {
    const before = (await poll('b')).length;
    const res = await send(TERMINAL_B, payload);
    expect(res.statusCode).toBe(400);
    expect((await poll('b')).length).toBe(before);
  });

  it.each([
    ['a negative wait', '?waitMs=-1'],
    ['a huge wait', '?waitMs=99999999'],
    ['letters', '?waitMs=soon'],
    ['an unknown parameter', '?waitMs=0&x=1'],
  ])('refuses a poll with %s: 400', async (_label, query) => {
    const res = await hall.inject({ as: 'a', method: 'GET', url: `/api/v1/terminal/commands${query}` });
    expect(res.statusCode).toBe(400);
  });

  it('refuses a malformed ack with 400', async () => {
    const sent = CommandView.parse((await send(TERMINAL_A, { kind: 'restartApp' })).json());
    expect((await ack('a', sent.commandId, { result: 'maybe' })).statusCode).toBe(400);
    expect((await ack('a', 'nope', { result: 'done' })).statusCode).toBe(400);
    expect((await ack('a', sent.commandId, { result: 'done', detail: 'x'.repeat(500) })).statusCode).toBe(400);
  });
});
