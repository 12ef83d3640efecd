// "快到您时发短信提醒": the phone left after a ticket reaches the hall server under the tap's own
// idempotency key: still one ticket, the number stored once, and the "3 away" notice written for
// it when staff call tickets ahead of it.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KioskError } from '../../contracts';
import { HallClient } from '../../host/hall-client/hall-client';
import { createQueueClient } from '../../host/queue/queue-client';
import { TicketDesk } from '../../host/queue/ticket-desk';
import { startHallServer, type HallServer } from '../../server';
import { demoStaffCredentials } from '../../server/seed/hall';

process.env.KIOSK_LOG = 'silent';

const TERMINAL = 'KIOSK-PHONE-01';
let hall: HallServer;
let desk: TicketDesk;

beforeAll(async () => {
  hall = await startHallServer({ port: 0, seedIfEmpty: true });
  const secret = await hall.registerTerminal({ terminalId: TERMINAL });
  const client = new HallClient({ baseUrl: hall.url, terminalId: TERMINAL, terminalSecret: secret, timeoutMs: 10_000 });
  desk = new TicketDesk({
    queue: createQueueClient(client),
    devices: { printReceipt: async (job) => ({ jobId: job.id ?? '', processId: '0001' }) },
    sessionId: () => null,
    inService: () => true,
    onError: () => {},
    sleep: async () => {},
  });
});
afterAll(() => hall?.close());

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await hall.db.execute(query)) as unknown as { rows: T[] }).rows;
}

describe('a phone left after the ticket', () => {
  it('reaches the server with the same key: one ticket, the number kept for it, masked back', async () => {
    const { ticket } = await desk.take({ categoryCode: 'B', requestId: 'tap-phone-after-01' });
    const left = await desk.leavePhone({ requestId: 'tap-phone-after-01', phone: '13812341234' });
    expect(left).toEqual({ ticketId: ticket.ticketId, maskedPhone: '138****1234' });
    // Sent twice (a second tap, a retry): still the one ticket and one contact.
    await desk.leavePhone({ requestId: 'tap-phone-after-01', phone: '13812341234' });
    const tickets = await rows<{ n: number }>(
      sql`select count(*)::int as n from queue_tickets where idempotency_key = ${`${TERMINAL}:tap-phone-after-01`}`,
    );
    expect(tickets[0]!.n).toBe(1);
    const contacts = await rows<{ n: number }>(
      sql`select count(*)::int as n from ticket_contacts where ticket_id = ${ticket.ticketId}`,
    );
    expect(contacts[0]!.n).toBe(1);
  });

  it('refuses a request id this terminal did not answer, without calling the server', async () => {
    await expect(desk.leavePhone({ requestId: 'never-tapped-01', phone: '13812341234' })).rejects.toSatisfy(
      (e: unknown) => e instanceof KioskError && e.code === 'notFound',
    );
  });

  it('the ticket gets its one "3 away" notice when staff call the tickets ahead of it', async () => {
    for (let i = 0; i < 4; i++) await desk.take({ categoryCode: 'C', requestId: `tap-ahead-c-${i}` });
    const { ticket } = await desk.take({ categoryCode: 'C', requestId: 'tap-phone-near-01' });
    await desk.leavePhone({ requestId: 'tap-phone-near-01', phone: '13912345678' });
    const notices = () =>
      rows<{ n: number }>(
        sql`select count(*)::int as n from notice_outbox where dedupe_key = ${`ticketNear:${ticket.ticketId}`}`,
      );
    expect((await notices())[0]!.n).toBe(0);
    const login = await fetch(`${hall.url}/api/v1/staff/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ staffId: 'S001', password: demoStaffCredentials.S001!.password }),
    });
    const staff = ((await login.json()) as { token: string }).token;
    for (let i = 0; i < 2; i++) {
      const called = await fetch(`${hall.url}/api/v1/staff/queue/call-next`, {
        method: 'POST',
        headers: { authorization: `Bearer ${staff}`, 'content-type': 'application/json' },
        body: JSON.stringify({ categoryCodes: ['C'], windowNo: 3 }),
      });
      expect(called.status).toBe(200);
    }
    expect((await notices())[0]!.n).toBe(1);
  });
});
