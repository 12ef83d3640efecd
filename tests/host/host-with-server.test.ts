// One flow through every Node layer: the simulated GA 467 reader's bytes, the real driver, the
// host's session, the real hall server over PGlite, and back as KioskApi events.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskIdNumber, type KioskEvent } from '../../contracts';
import { parseHostConfig, runHost, type RunningHost } from '../../host';
import { demoPeople, startHallServer, type HallServer } from '../../server';

process.env.KIOSK_LOG = 'silent';

let hall: HallServer;
let running: RunningHost;
const events: Array<{ event: KioskEvent; payload: unknown }> = [];
const person = demoPeople[0]!;

async function until<T>(probe: () => T | undefined, what: string, ms = 8000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`never happened: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeAll(async () => {
  hall = await startHallServer({ seedIfEmpty: true });
  const terminalSecret = await hall.registerTerminal({ terminalId: 'KIOSK-IT-01' });
  running = await runHost({
    config: parseHostConfig({ terminalId: 'KIOSK-IT-01', terminalSecret, hallServerUrl: hall.url }),
    rendererDir: '/nonexistent',
    browserMode: false,
  });
  running.host.onEvent((event, payload) => events.push({ event, payload }));
});
afterAll(async () => {
  await running?.stop();
  await hall?.close();
});

const sessionEvents = () =>
  events
    .filter((e) => e.event === 'sessionChanged')
    .map(
      (e) =>
        e.payload as { session: { person: { name: string; maskedIdNumber: string } } | null; endReason: string | null },
    );

async function openServerSessions(): Promise<number> {
  const rows = await hall.db.execute(
    sql`select count(*)::int as n from kiosk_sessions where terminal_id = 'KIOSK-IT-01' and closed_at is null`,
  );
  return (rows as unknown as { rows: Array<{ n: number }> }).rows[0]!.n;
}

describe('card in -> session on the hall server -> summary -> card out', () => {
  it('knows its hall and reports the reader healthy', async () => {
    const reply = await running.host.call('getStatus', {});
    expect(reply).toMatchObject({
      ok: true,
      value: { terminalId: 'KIOSK-IT-01', serverReachable: true, inService: true },
    });
    expect((reply as { value: { hallName: string } }).value.hallName).toMatch(/服务大厅$/);
  });

  it('a card opens a session that exists on the server, with the masked ID number only', async () => {
    running.hardware!.insertIdCard(person);
    const opened = await until(() => sessionEvents().find((e) => e.session), 'session opened');
    expect(opened.session!.person.name).toBe(person.name);
    expect(opened.session!.person.maskedIdNumber).toBe(maskIdNumber(person.idNumber));
    expect(JSON.stringify(events)).not.toContain(person.idNumber);
    expect(await openServerSessions()).toBe(1);
  });

  it('the summary comes from the server and matches its rows', async () => {
    const reply = await running.host.call('getSummary', {});
    expect(reply.ok).toBe(true);
    const summary = (reply as { value: { enrollments: Array<{ insuranceType: string }>; pensionPaidMonths: number } })
      .value;
    expect(summary.enrollments.map((e) => e.insuranceType)).toContain('employeePension');
    const paid = await hall.db.execute(
      sql`select count(*)::int as n from contributions c join persons p on p.id = c.person_id
          where p.id_number = ${person.idNumber} and c.insurance_type in ('employeePension','residentPension','publicSectorPension') and c.paid`,
    );
    expect(summary.pensionPaidMonths).toBe((paid as unknown as { rows: Array<{ n: number }> }).rows[0]!.n);
  });

  it('card out ends the session in the host and closes it on the server', async () => {
    running.hardware!.removeIdCard();
    await until(() => sessionEvents().find((e) => e.endReason === 'cardRemoved'), 'session ended');
    expect(await running.host.call('getSession', {})).toEqual({ ok: true, value: null });
    expect(await running.host.call('getSummary', {})).toMatchObject({ ok: false, error: { code: 'noSession' } });
    // The host closes the server's session without making the person wait for it.
    for (let i = 0; (await openServerSessions()) !== 0; i++) {
      if (i > 100) throw new Error('the server session was never closed');
      await new Promise((r) => setTimeout(r, 50));
    }
  });
});
