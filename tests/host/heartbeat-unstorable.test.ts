// A device reason can carry whatever bytes a device sent. The host scrubs what it reports, so a
// NUL, a lone surrogate or an escape sequence in a reason never makes the hall server refuse the
// terminal's heartbeats (it would show offline for good); the server stores the scrubbed text.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HeartbeatResponse } from '../../contracts';
import { HostEvents } from '../../host/events';
import { Heartbeat } from '../../host/heartbeat';
import { TerminalStatusStore } from '../../host/terminal-status';
import { terminals } from '../../server/db/schema';
import { backends } from '../server/support/backends';
import { TERMINAL_A, type TestHall, openTestHall } from '../server/support/hall';

process.env.KIOSK_LOG = 'silent';

describe('heartbeat with unstorable text in a device reason', () => {
  let hall: TestHall;
  beforeAll(async () => {
    hall = await openTestHall(backends[0]!);
  });
  afterAll(async () => {
    await hall?.close();
  });

  it('reaches the server with the text scrubbed, and keeps the terminal reachable', async () => {
    const status = new TerminalStatusStore(TERMINAL_A, new HostEvents());
    const answers: number[] = [];
    const heartbeat = new Heartbeat({
      status,
      appVersion: '1.0.0\u0000',
      intervalMs: 60_000,
      hall: {
        heartbeat: async (body) => {
          const res = await hall.inject({ as: 'a', method: 'POST', url: '/api/v1/terminal/heartbeat', payload: body });
          answers.push(res.statusCode);
          if (res.statusCode !== 200) throw new Error(`heartbeat ${res.statusCode}`);
          return HeartbeatResponse.parse(res.json());
        },
      },
    });
    const reason = 'jam\u0000\uD800\u001B[31m' + 'x'.repeat(300);
    status.setDevice({ device: 'receiptPrinter', state: 'failed', reason });
    heartbeat.deviceChanged({ device: 'receiptPrinter', state: 'failed', reason });
    await heartbeat.send();
    heartbeat.stop();

    expect(answers).toEqual([200]);
    expect(status.get().serverReachable).toBe(true);
    const [row] = await hall.database.db.select().from(terminals).where(eq(terminals.id, TERMINAL_A));
    const stored = row!.heartbeat!;
    expect(stored.appVersion).toBe('1.0.0\uFFFD');
    const printer = stored.devices.find((d) => d.device === 'receiptPrinter')!;
    expect(printer.reason).toBe(('jam\uFFFD\uFFFD\uFFFD[31m' + 'x'.repeat(300)).slice(0, 200));
    expect(stored.lastError).toBe(('receiptPrinter:jam\uFFFD\uFFFD\uFFFD[31m' + 'x'.repeat(300)).slice(0, 200));
  });
});
