// Queue tickets and staff commands through every Node layer: the host's KioskApi, the real hall
// server over PGlite, and the simulated receipt printer's bytes.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KioskEvent, KioskReply, TakeTicketResult } from '../../contracts';
import { parseHostConfig } from '../../host';
import { createKioskHost } from '../../host/create-host';
import { createDeviceManager } from '../../host/device-manager/device-manager';
import { SimulatedHardware } from '../../host/device-manager/simulated-hardware';
import type { KioskHost } from '../../host/kiosk-host';
import { demoPeople, startHallServer, type HallServer } from '../../server';
import { demoStaffCredentials } from '../../server/seed/hall';

process.env.KIOSK_LOG = 'silent';

const TERMINAL = 'KIOSK-Q-01';
let hall: HallServer;
let running: { host: KioskHost; devices: ReturnType<typeof createDeviceManager>; hardware: SimulatedHardware };
let restarts = 0;
const events: Array<{ event: KioskEvent; payload: unknown }> = [];

async function until<T>(probe: () => Promise<T | undefined> | T | undefined, what: string, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`never happened: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function value<T>(reply: KioskReply): T {
  if (!reply.ok) throw new Error(`call failed: ${reply.error.code}`);
  return reply.value as T;
}

async function ticketsOfTerminal(): Promise<number> {
  const rows = await hall.db.execute(sql`select count(*)::int as n from queue_tickets where terminal_id = ${TERMINAL}`);
  return (rows as unknown as { rows: Array<{ n: number }> }).rows[0]!.n;
}

/** Waits until the receipt printer says it can print (on a loaded machine a status answer may come late). */
function printerState(state: 'ok' | 'failed', reason?: string): Promise<true> {
  return until(() => {
    const h = running.devices.health().find((d) => d.device === 'receiptPrinter');
    return h?.state === state && (reason === undefined || h.reason === reason) ? true : undefined;
  }, `receipt printer ${state}`);
}

/** The text the simulated printer drew on its latest receipt. */
function lastReceiptText(): string {
  return running.hardware!.printedReceipts()[0]?.svg ?? '';
}

async function staffToken(): Promise<string> {
  const res = await fetch(new URL('/api/v1/staff/login', hall.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ staffId: 'S003', password: demoStaffCredentials.S003!.password }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

async function sendCommand(token: string, body: object): Promise<string> {
  const res = await fetch(new URL(`/api/v1/staff/terminals/${TERMINAL}/commands`, hall.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  expect(res.status).toBeLessThan(300);
  return ((await res.json()) as { commandId: string }).commandId;
}

async function commandRow(commandId: string) {
  const rows = await hall.db.execute(
    sql`select result, result_detail, acked_at, delivery_count from terminal_commands where id = ${commandId}`,
  );
  return (
    rows as unknown as { rows: Array<{ result: string | null; result_detail: string | null; acked_at: unknown }> }
  ).rows[0]!;
}

beforeAll(async () => {
  hall = await startHallServer({ seedIfEmpty: true });
  const terminalSecret = await hall.registerTerminal({ terminalId: TERMINAL });
  // As runHost builds it, with deadlines a busy CI machine cannot trip (a status answer within 3 s).
  const hardware = new SimulatedHardware();
  await hardware.start();
  const devices = createDeviceManager({
    idCardTransport: hardware.idCardTransport,
    driverOptions: { responseTimeoutMs: 3000 },
    ssCardReader: { kind: 'transport', transport: hardware.ssCardTransport },
    qrScanner: { mode: 'hidPos', open: hardware.qrDevice.open },
    receiptPrinter: { transport: hardware.receiptPrinterTransport, driverOptions: { responseTimeoutMs: 3000 } },
    a4Printer: hardware.a4Printer,
  });
  const config = parseHostConfig({ terminalId: TERMINAL, terminalSecret, hallServerUrl: hall.url });
  running = { host: createKioskHost({ config, devices }), devices, hardware };
  await running.host.start();
  running.host.onEvent((event, payload) => events.push({ event, payload }));
  running.host.onRestartRequested(() => restarts++);
}, 60_000);
afterAll(async () => {
  await running?.host.stop();
  await running?.hardware.stop();
  await hall?.close();
});

describe('a queue ticket at the kiosk', () => {
  it('lists the hall categories with waiting counts and estimated waits', async () => {
    const view = value<{ hallName: string; categories: Array<{ code: string; name: string; waiting: number }> }>(
      await running.host.call('listQueueCategories', {}),
    );
    expect(view.hallName).toMatch(/服务大厅$/);
    expect(view.categories.map((c) => c.code)).toContain('A');
    expect(view.categories.find((c) => c.code === 'A')!.name).toBe('社保业务');
  });

  it('issues a ticket on the server and the printer prints its number, people ahead and hall', async () => {
    await printerState('ok');
    const before = running.hardware!.printedReceiptCount;
    const result = value<TakeTicketResult>(
      await running.host.call('takeTicket', { categoryCode: 'A', requestId: 'tap-first-0001' }),
    );
    expect(result.print).toEqual({ printed: true });
    expect(result.ticket.number).toMatch(/^A\d{3}$/);
    expect(running.hardware!.printedReceiptCount).toBe(before + 1);
    const printed = lastReceiptText();
    expect(printed).toContain(result.ticket.number);
    expect(printed).toContain('社保业务');
    expect(printed).toContain('前面');
    expect(printed).toContain('天河北路');
    expect(await ticketsOfTerminal()).toBe(1);
  });

  it('a retried or doubled tap never makes a second ticket nor a second receipt', async () => {
    await printerState('ok');
    const tickets = await ticketsOfTerminal();
    const receipts = running.hardware!.printedReceiptCount;
    const tap = { categoryCode: 'B', requestId: 'tap-double-0002' };
    const [a, b] = await Promise.all([running.host.call('takeTicket', tap), running.host.call('takeTicket', tap)]);
    const c = await running.host.call('takeTicket', tap);
    const ids = [a, b, c].map((r) => value<TakeTicketResult>(r).ticket.ticketId);
    expect(new Set(ids).size).toBe(1);
    expect(await ticketsOfTerminal()).toBe(tickets + 1);
    expect(running.hardware!.printedReceiptCount).toBe(receipts + 1);
  });

  it('paper out: the ticket is valid but not printed; after a new roll the reprint comes out', async () => {
    running.hardware!.setPaper('out');
    await printerState('failed', 'paperOut');
    const receipts = running.hardware!.printedReceiptCount;
    const result = value<TakeTicketResult>(
      await running.host.call('takeTicket', { categoryCode: 'A', requestId: 'tap-nopaper-0003' }),
    );
    expect(result.print).toEqual({ printed: false, reason: 'paperOut' });
    expect(running.hardware!.printedReceiptCount).toBe(receipts);
    const rows = await hall.db.execute(sql`select status from queue_tickets where id = ${result.ticket.ticketId}`);
    expect((rows as unknown as { rows: Array<{ status: string }> }).rows[0]!.status).toBe('waiting');

    running.hardware!.setPaper('ok');
    await printerState('ok');
    expect(value(await running.host.call('reprintTicket', { ticketId: result.ticket.ticketId }))).toEqual({
      printed: true,
    });
    expect(running.hardware!.printedReceiptCount).toBe(receipts + 1);
    expect(lastReceiptText()).toContain(result.ticket.number);
  });

  it("with a card in, the ticket is the person's, and a second one of that category is refused", async () => {
    running.hardware!.insertIdCard(demoPeople[1]!);
    await until(
      () =>
        events.some((e) => e.event === 'sessionChanged' && (e.payload as { session: unknown }).session)
          ? true
          : undefined,
      'session opened',
    );
    await printerState('ok');
    const first = value<TakeTicketResult>(
      await running.host.call('takeTicket', { categoryCode: 'C', requestId: 'tap-person-0005' }),
    );
    expect(first.ticket.forPerson).toBe(true);
    expect(JSON.stringify(first)).not.toContain(demoPeople[1]!.idNumber);
    const second = await running.host.call('takeTicket', { categoryCode: 'C', requestId: 'tap-person-0006' });
    expect(second).toMatchObject({ ok: false, error: { code: 'ticketLimit' } });
    running.hardware!.removeIdCard();
  });

  it('reprint of a ticket this terminal did not issue is refused plainly', async () => {
    const reply = await running.host.call('reprintTicket', { ticketId: '00000000-0000-4000-8000-000000000000' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'notFound' } });
  });
});

describe('staff commands from the console', () => {
  let token: string;
  beforeAll(async () => {
    token = await staffToken();
  });

  it('out of service and back: the terminal closes and reopens, each command acked done', async () => {
    const closed = await sendCommand(token, { kind: 'outOfService' });
    await until(() => (running.host && lastStatus()?.inService === false ? true : undefined), 'terminal closed');
    await until(async () => ((await commandRow(closed)).acked_at ? true : undefined), 'outOfService acked');
    expect((await commandRow(closed)).result).toBe('done');
    const ticket = await running.host.call('takeTicket', { categoryCode: 'A', requestId: 'tap-closed-0004' });
    expect(ticket).toMatchObject({ ok: false, error: { code: 'outOfService' } });

    const reopened = await sendCommand(token, { kind: 'inService' });
    await until(() => (lastStatus()?.inService === true ? true : undefined), 'terminal reopened');
    await until(async () => ((await commandRow(reopened)).acked_at ? true : undefined), 'inService acked');
  });

  it('reset device reconnects the receipt printer and acks with its health', async () => {
    await printerState('ok');
    const id = await sendCommand(token, { kind: 'resetDevice', device: 'receiptPrinter' });
    await until(async () => ((await commandRow(id)).acked_at ? true : undefined), 'resetDevice acked');
    expect(await commandRow(id)).toMatchObject({ result: 'done', result_detail: 'receiptPrinter:ok' });
  });

  it('restart is acked, then asked of the shell exactly once', async () => {
    const id = await sendCommand(token, { kind: 'restartApp' });
    await until(() => (restarts > 0 ? true : undefined), 'restart requested');
    expect((await commandRow(id)).result).toBe('done');
    expect(events.some((e) => e.event === 'appRestarting')).toBe(true);
    // Another command goes through after it; the restart is not run again.
    const after = await sendCommand(token, { kind: 'inService' });
    await until(async () => ((await commandRow(after)).acked_at ? true : undefined), 'next command acked');
    expect(restarts).toBe(1);
  });
});

describe('maintenance on the terminal', () => {
  it('refuses everything before a staff PIN, and a wrong PIN', async () => {
    expect(await running.host.call('maintenanceStatus', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const wrong = await running.host.call('staffSignIn', { staffId: 'S001', pin: '000000' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });

  it('after five wrong PINs even the right one is refused as rate-limited', async () => {
    for (let i = 0; i < 5; i++) {
      const wrong = await running.host.call('staffSignIn', { staffId: 'S002', pin: '111111' });
      expect(wrong).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    }
    const right = await running.host.call('staffSignIn', { staffId: 'S002', pin: demoStaffCredentials.S002!.pin });
    expect(right).toMatchObject({ ok: false, error: { code: 'rateLimited' } });
  });

  it('with the right PIN: status, test print, device reset, closing here, recent errors', async () => {
    const staff = value<{ name: string }>(
      await running.host.call('staffSignIn', { staffId: 'S001', pin: demoStaffCredentials.S001!.pin }),
    );
    expect(staff.name).toBe('周敏');
    const status = value<{ devices: Array<{ device: string }>; recentErrors: Array<{ code: string }> }>(
      await running.host.call('maintenanceStatus', {}),
    );
    expect(status.devices.map((d) => d.device)).toContain('receiptPrinter');
    expect(status.recentErrors.map((e) => e.code)).toContain('receiptPrinter:paperOut');
    expect(JSON.stringify(status.recentErrors)).not.toMatch(/[\u4e00-\u9fff]/);

    await printerState('ok');
    const receipts = running.hardware!.printedReceiptCount;
    expect(value(await running.host.call('testPrint', {}))).toEqual({ printed: true });
    expect(running.hardware!.printedReceiptCount).toBe(receipts + 1);
    expect(lastReceiptText()).toContain('打印测试');

    expect(value(await running.host.call('reconnectDevice', { device: 'idCardReader' }))).toMatchObject({
      device: 'idCardReader',
    });

    expect(value(await running.host.call('setOutOfService', { inService: false }))).toEqual({ inService: false });
    // The next heartbeat (the server still has it in service) does not reopen it.
    await new Promise((r) => setTimeout(r, 300));
    expect(value<{ inService: boolean }>(await running.host.call('getStatus', {})).inService).toBe(false);
    expect(value(await running.host.call('setOutOfService', { inService: true }))).toEqual({ inService: true });

    expect(value(await running.host.call('staffSignOut', {}))).toBeNull();
    expect(await running.host.call('testPrint', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

function lastStatus(): { inService: boolean } | undefined {
  const changes = events.filter((e) => e.event === 'statusChanged');
  return changes.at(-1)?.payload as { inService: boolean } | undefined;
}
