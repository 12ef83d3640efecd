// The host reports every device's health to the hall server, and soon after a device fails; the
// answers tell it where to send people while it is closed (another terminal of the hall, by location).
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TerminalStatus } from '../../contracts';
import { parseHostConfig, runHost, type RunningHost } from '../../host';
import { startHallServer, type HallServer } from '../../server';
import { terminals } from '../../server/db/schema';

process.env.KIOSK_LOG = 'silent';

let hall: HallServer;
let running: RunningHost;

beforeAll(async () => {
  hall = await startHallServer({ seedIfEmpty: true });
  const terminalSecret = await hall.registerTerminal({ terminalId: 'KIOSK-HB-01' });
  running = await runHost({
    config: parseHostConfig({ terminalId: 'KIOSK-HB-01', terminalSecret, hallServerUrl: hall.url }),
    rendererDir: '/nonexistent',
    browserMode: false,
  });
});
afterAll(async () => {
  await running?.stop();
  await hall?.close();
});

async function stored() {
  const [row] = await hall.db.select().from(terminals).where(eq(terminals.id, 'KIOSK-HB-01'));
  return row!.heartbeat;
}

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 8000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`never happened: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('heartbeat from a running host', () => {
  it('reports every device healthy at start', async () => {
    // Devices connect at their own pace (a loaded machine may send a first beat while one still
    // connects); the host beats again at once when a device changes, so all five end up ok.
    await until(async () => {
      const beat = await stored();
      return beat?.devices.length === 5 && beat.devices.every((d) => d.state === 'ok');
    }, 'a heartbeat with all five devices ok');
    const beat = (await stored())!;
    expect(beat.devices.map((d) => d.device).sort()).toEqual([
      'a4Printer',
      'idCardReader',
      'qrScanner',
      'receiptPrinter',
      'ssCardReader',
    ]);
    expect(beat.devices.every((d) => d.state === 'ok')).toBe(true);
    expect(beat.inService).toBe(true);
  });

  it('reports a printer out of paper within seconds, not at the next interval', async () => {
    running.hardware!.setPaper('out');
    await until(
      async () =>
        (await stored())?.devices.some((d) => d.device === 'receiptPrinter' && d.reason === 'paperOut') ?? false,
      'paper out reported',
    );
    expect((await stored())!.lastError).toBe('receiptPrinter:paperOut');
    running.hardware!.setPaper('ok');
    await until(
      async () => (await stored())?.devices.find((d) => d.device === 'receiptPrinter')?.state === 'ok',
      'paper back reported',
    );
  });

  it('learns from the heartbeat answer which other terminal of the hall serves, and where', async () => {
    const secret = await hall.registerTerminal({ terminalId: 'KIOSK-HB-02', location: '大厅东侧 2 号机' });
    const res = await fetch(`${hall.url}/api/v1/terminal/heartbeat`, {
      method: 'POST',
      headers: { authorization: `Bearer KIOSK-HB-02.${secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ appVersion: '1.0.0', uptimeS: 5, inService: true, devices: [], lastError: null }),
    });
    expect(res.status).toBe(200);
    const status = async () =>
      ((await running.host.call('getStatus', {})) as { value: TerminalStatus }).value.alternatives;
    // A device change makes the host beat at once; the answer carries the alternatives.
    running.hardware!.setPaper('nearEnd');
    await until(async () => (await status())?.terminals.length === 1, 'alternatives in the status');
    expect(await status()).toEqual({
      terminals: [{ terminalId: 'KIOSK-HB-02', location: '大厅东侧 2 号机' }],
      staffedWindowHours: '周一至周五 9:00-12:00，13:30-17:30',
    });
    running.hardware!.setPaper('ok');
  });
});
