// A social security card opens a session like an ID card: the simulated card's APDUs, the real
// driver, the host's session, the real hall server over PGlite; the row records how.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskIdNumber, type KioskEvent } from '../../contracts';
import { parseHostConfig, runHost, type RunningHost } from '../../host';
import { demoSsCard } from '../../host/simulator/simulator-service';
import { demoPeople, startHallServer, type HallServer } from '../../server';

process.env.KIOSK_LOG = 'silent';

let hall: HallServer;
let running: RunningHost;
const events: Array<{ event: KioskEvent; payload: unknown }> = [];
const person = demoPeople[1]!;

async function until(check: () => boolean | Promise<boolean>, what: string, ms = 8000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`never happened: ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function sessionRows(): Promise<Array<{ identified_by: string; closed: boolean }>> {
  const result = await hall.db.execute(
    sql`select identified_by, closed_at is not null as closed from kiosk_sessions where terminal_id = 'KIOSK-SS-01'`,
  );
  return (result as unknown as { rows: Array<{ identified_by: string; closed: boolean }> }).rows;
}

beforeAll(async () => {
  hall = await startHallServer({ seedIfEmpty: true });
  const terminalSecret = await hall.registerTerminal({ terminalId: 'KIOSK-SS-01' });
  running = await runHost({
    config: parseHostConfig({ terminalId: 'KIOSK-SS-01', terminalSecret, hallServerUrl: hall.url }),
    rendererDir: '/nonexistent',
    browserMode: false,
  });
  running.host.onEvent((event, payload) => events.push({ event, payload }));
});
afterAll(async () => {
  await running?.stop();
  await hall?.close();
});

describe('social security card session', () => {
  it('opens a session identified by the ss card, and card out closes it on the server', async () => {
    running.hardware!.insertSsCard(demoSsCard(person));
    await until(() => events.some((e) => e.event === 'sessionChanged'), 'session opened');
    const reply = await running.host.call('getSession', {});
    expect(reply).toMatchObject({
      ok: true,
      value: { identifiedBy: 'ssCard', person: { name: person.name, maskedIdNumber: maskIdNumber(person.idNumber) } },
    });
    expect(await sessionRows()).toEqual([{ identified_by: 'ssCard', closed: false }]);

    running.hardware!.removeSsCard();
    await until(async () => (await sessionRows())[0]?.closed === true, 'server session closed');
    expect(await running.host.call('getSession', {})).toEqual({ ok: true, value: null });
  });
});
