// A terminal configured with `{ kind: 'pcsc', reader }` reads the social security card through a
// real pcscd: Debian's pcscd with vsmartcard's virtual reader, our card personality in vicc, the
// `smartcard` binding, the driver, the host's session and the real hall server over PGlite.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskIdNumber, type DeviceHealth } from '../../contracts';
import { parseHostConfig, runHost, type RunningHost } from '../../host';
import { demoSsCard } from '../../host/simulator/simulator-service';
import { demoPeople, startHallServer, type HallServer } from '../../server';
import { startPcscLab, type PcscLab } from '../devices/pcsc/pcsc-lab';

process.env.KIOSK_LOG = 'silent';

let lab: PcscLab;
let hall: HallServer;
let running: RunningHost;
const person = demoPeople[1]!;

async function until(check: () => boolean | Promise<boolean>, what: string, ms = 8000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`never happened: ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const readerHealth = (): DeviceHealth => running.devices.health().find((h) => h.device === 'ssCardReader')!;
const session = async () => {
  const reply = await running.host.call('getSession', {});
  return reply.ok ? reply.value : null;
};
async function closedOnServer(): Promise<boolean[]> {
  const result = await hall.db.execute(
    sql`select closed_at is not null as closed from kiosk_sessions where terminal_id = 'KIOSK-PCSC-01' order by opened_at`,
  );
  return (result as unknown as { rows: Array<{ closed: boolean }> }).rows.map((r) => r.closed);
}

beforeAll(async () => {
  lab = await startPcscLab('HRSS Dual Slot Reader');
  hall = await startHallServer({ seedIfEmpty: true });
  const terminalSecret = await hall.registerTerminal({ terminalId: 'KIOSK-PCSC-01' });
  running = await runHost({
    config: parseHostConfig({
      terminalId: 'KIOSK-PCSC-01',
      terminalSecret,
      hallServerUrl: hall.url,
      // Slot 00 00 is listed first: the pattern must pick the other one.
      devices: { ssCardReader: { kind: 'pcsc', reader: '*dual slot reader 00 01' } },
    }),
    rendererDir: '/nonexistent',
    browserMode: false,
  });
  await until(() => readerHealth().state === 'ok', `the PC/SC reader is found (${JSON.stringify(readerHealth())})`);
});
afterAll(async () => {
  await running?.stop();
  await hall?.close();
  await lab?.stop();
});

describe('social security card through pcscd', () => {
  it('card in opens the right person; a wrong PIN counts down on the card; the right one passes; card out ends it', async () => {
    const card = await lab.insertCard(1, demoSsCard(person));
    await until(async () => (await session()) !== null, 'session opened');
    expect(await session()).toMatchObject({
      identifiedBy: 'ssCard',
      person: { name: person.name, maskedIdNumber: maskIdNumber(person.idNumber) },
    });

    expect(await running.host.call('verifyPin', { pin: '000000' })).toEqual({
      ok: true,
      value: { status: 'wrong', triesLeft: 2 },
    });
    expect(card.triesLeft()).toBe(2);
    expect(await running.host.call('verifyPin', { pin: '123456' })).toEqual({ ok: true, value: { status: 'ok' } });
    expect(card.triesLeft()).toBe(3);

    await card.pull();
    await until(async () => (await session()) === null, 'session ended on card out');
    await until(async () => (await closedOnServer()).every(Boolean), 'server session closed');
  });

  it('three wrong PINs lock the card, and the lock is the card’s: it stays locked when it comes back', async () => {
    let card = await lab.insertCard(1, demoSsCard(person));
    await until(async () => (await session()) !== null, 'session opened');
    expect(await running.host.call('verifyPin', { pin: '111111' })).toMatchObject({ value: { triesLeft: 2 } });
    expect(await running.host.call('verifyPin', { pin: '111111' })).toMatchObject({ value: { triesLeft: 1 } });
    expect(await running.host.call('verifyPin', { pin: '111111' })).toEqual({ ok: true, value: { status: 'locked' } });
    await card.pull();
    await until(async () => (await session()) === null, 'session ended');

    card = await lab.insertCard(1, demoSsCard(person));
    await until(async () => (await session()) !== null, 'session opened again');
    expect(await running.host.call('verifyPin', { pin: '123456' })).toEqual({ ok: true, value: { status: 'locked' } });
    expect(card.triesLeft()).toBe(0);
    await card.pull();
    await until(async () => (await session()) === null, 'session ended');
  });

  it('a card pulled while it is answering ends the session with a plain outcome, not a hang', async () => {
    const card = await lab.insertCard(1, { ...demoSsCard(demoPeople[0]!) }, { hangOnIns: 0x20 });
    await until(async () => (await session()) !== null, 'session opened');
    const pending = running.host.call('verifyPin', { pin: '123456' });
    await new Promise((r) => setTimeout(r, 300));
    await card.pull();
    expect(await pending).toEqual({ ok: true, value: { status: 'noCard' } });
    await until(async () => (await session()) === null, 'session ended');
  });

  it('pcscd gone: the reader reports failed (the start screen pauses the card); back within 5 s of its return', async () => {
    await lab.stopPcscd();
    await until(() => readerHealth().state === 'failed', 'reader failed');
    expect(readerHealth()).toEqual({ device: 'ssCardReader', state: 'failed', reason: 'disconnected' });

    await lab.startPcscd();
    const back = Date.now();
    await until(() => readerHealth().state === 'ok', 'reader back', 5000);
    expect(Date.now() - back).toBeLessThan(5000);

    const card = await lab.insertCard(1, demoSsCard(demoPeople[0]!));
    await until(async () => (await session()) !== null, 'session after the restart');
    expect(await session()).toMatchObject({ person: { name: demoPeople[0]!.name } });
    await card.pull();
    await until(async () => (await session()) === null, 'session ended');
  });
});
