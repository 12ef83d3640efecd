// An electronic social security card opens a session: the simulator page's scanECard (a code from
// the real hall server's issuer), the simulated scanner's HID reports, the real QR driver, the host,
// the real hall server over PGlite; expired and forged codes are told apart and open nothing.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { maskIdNumber, type KioskEvent } from '../../contracts';
import { parseHostConfig, runHost, type RunningHost } from '../../host';
import { createSimulatorService } from '../../host/simulator/simulator-service';
import { demoCards, demoPeople, startHallServer, type HallServer } from '../../server';

process.env.KIOSK_LOG = 'silent';

const TERMINAL = 'KIOSK-EC-01';
let hall: HallServer;
let running: RunningHost;
let simulator: ReturnType<typeof createSimulatorService>;
const events: Array<{ event: KioskEvent; payload: unknown }> = [];
const person = demoPeople[2]!;
const other = demoPeople[1]!;

async function until(check: () => boolean | Promise<boolean>, what: string, ms = 8000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`never happened: ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function sessionRows(): Promise<Array<{ identified_by: string; closed: boolean }>> {
  const result = await hall.db.execute(
    sql`select identified_by, closed_at is not null as closed from kiosk_sessions where terminal_id = ${TERMINAL} order by opened_at`,
  );
  return (result as unknown as { rows: Array<{ identified_by: string; closed: boolean }> }).rows;
}

async function scan(idNumber: string, variant: 'valid' | 'expired' | 'forged'): Promise<void> {
  const reply = await simulator.dispatch('scanECard', { idNumber, variant });
  expect(reply.ok, JSON.stringify(reply)).toBe(true);
}

const problems = () => events.filter((e) => e.event === 'cardProblem').map((e) => e.payload);
const sessionEvents = () =>
  events.filter((e) => e.event === 'sessionChanged').map((e) => e.payload as { endReason: string | null });

beforeAll(async () => {
  hall = await startHallServer({ seedIfEmpty: true });
  const terminalSecret = await hall.registerTerminal({ terminalId: TERMINAL });
  const issueECardCode = (idNumber: string, name: string, { expired }: { expired?: boolean }) =>
    hall.issueECardCode(idNumber, name, expired ? { now: new Date(Date.now() - 2 * 60_000) } : {});
  running = await runHost({
    config: parseHostConfig({ terminalId: TERMINAL, terminalSecret, hallServerUrl: hall.url }),
    rendererDir: '/nonexistent',
    browserMode: false,
    demoCards: demoCards(),
    issueECardCode,
  });
  // The same service the simulator page talks to (its WebSocket is tested elsewhere).
  simulator = createSimulatorService(running.hardware!, running.devices, demoCards(), issueECardCode);
  running.host.onEvent((event, payload) => events.push({ event, payload }));
});
afterAll(async () => {
  await running?.stop();
  await hall?.close();
});
beforeEach(async () => {
  await running.host.call('endSession', { reason: 'exit' });
  events.length = 0;
});

describe('e-card session', () => {
  it('a scanned e-card opens a session identified by eSsCard that no card-out ends; 退出 does', async () => {
    await scan(person.idNumber, 'valid');
    await until(() => sessionEvents().length > 0, 'session opened');
    expect(await running.host.call('getSession', {})).toMatchObject({
      ok: true,
      value: {
        identifiedBy: 'eSsCard',
        person: { name: person.name, maskedIdNumber: maskIdNumber(person.idNumber) },
      },
    });
    expect(await sessionRows()).toEqual([{ identified_by: 'eSsCard', closed: false }]);
    // No card to pull: a card-out on a reader does not end it.
    running.hardware!.removeIdCard();
    running.hardware!.removeSsCard();
    await new Promise((r) => setTimeout(r, 200));
    expect(sessionEvents()).toHaveLength(1);
    expect(await running.host.call('getSession', {})).toMatchObject({ ok: true, value: { identifiedBy: 'eSsCard' } });

    await running.host.call('endSession', { reason: 'exit' });
    await until(async () => (await sessionRows()).every((r) => r.closed), 'server session closed');
    expect(problems()).toEqual([]);
  });

  it('a second scan of the same code while its session is open changes nothing', async () => {
    const before = (await sessionRows()).length;
    const code = hall.issueECardCode(person.idNumber, person.name);
    running.hardware!.scanQr(code);
    await until(() => sessionEvents().length > 0, 'session opened');
    running.hardware!.scanQr(code);
    await new Promise((r) => setTimeout(r, 300));
    expect(sessionEvents()).toEqual([expect.objectContaining({ endReason: null })]);
    expect((await sessionRows()).length).toBe(before + 1);
  });

  it("another person's e-card replaces the open session like a new card", async () => {
    await scan(person.idNumber, 'valid');
    await until(() => sessionEvents().length === 1, 'first session');
    await scan(other.idNumber, 'valid');
    await until(() => sessionEvents().length === 3, 'second session');
    expect(sessionEvents().map((e) => e.endReason)).toEqual([null, 'cardRemoved', null]);
    expect(await running.host.call('getSession', {})).toMatchObject({
      ok: true,
      value: { identifiedBy: 'eSsCard', person: { name: other.name } },
    });
  });

  it.each([
    ['expired', 'eCardExpired'],
    ['forged', 'eCardInvalid'],
  ] as const)('a %s code is refused with %s and opens no session', async (variant, code) => {
    const before = (await sessionRows()).length;
    await scan(person.idNumber, variant);
    await until(() => problems().length > 0, 'card problem');
    expect(problems()).toEqual([{ code }]);
    expect(sessionEvents()).toEqual([]);
    expect(await running.host.call('getSession', {})).toEqual({ ok: true, value: null });
    expect((await sessionRows()).length).toBe(before);
  });

  it('a scan that is not an e-card code opens nothing and tells the person nothing', async () => {
    const seen: string[] = [];
    const off = running.host.onQrScanned((text) => seen.push(text));
    running.hardware!.scanQr('https://example.com/not-a-card?x=1');
    await until(() => seen.length > 0, 'scan delivered');
    expect(seen).toEqual(['https://example.com/not-a-card?x=1']);
    expect(events).toEqual([]);
    // A receipt barcode (grouped with dashes) is no card either: only the cases screen hears of it.
    running.hardware!.scanQr('CASE-2025-000123');
    await until(() => seen.length > 1, 'second scan delivered');
    off();
    await until(() => events.length > 0, 'case scan announced');
    expect(events).toEqual([{ event: 'caseScanned', payload: { caseNo: 'CASE2025000123' } }]);
  });
});
