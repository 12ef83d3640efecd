// A ticket request whose answer is lost on the way back (the server issued the ticket, the
// terminal saw a dropped connection): the desk asks again with the same idempotency key, the
// person gets the ticket the server already issued, and exactly one ticket exists and prints.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KioskError } from '../../contracts';
import { HallClient } from '../../host/hall-client/hall-client';
import { createQueueClient } from '../../host/queue/queue-client';
import { TicketDesk } from '../../host/queue/ticket-desk';
import { startHallServer, type HallServer } from '../../server';

process.env.KIOSK_LOG = 'silent';

const TERMINAL = 'KIOSK-RETRY-01';
let hall: HallServer;
let secret: string;

beforeAll(async () => {
  hall = await startHallServer({ port: 0, seedIfEmpty: true });
  secret = await hall.registerTerminal({ terminalId: TERMINAL });
});
afterAll(() => hall?.close());

/** A fetch that reaches the server but loses the answer of the first `lose` ticket requests. */
function lossyFetch(lose: number): { fetch: typeof fetch; ticketRequests: () => number } {
  let ticketRequests = 0;
  const lossy: typeof fetch = async (input, init) => {
    const answer = await fetch(input, init);
    if (String(input).includes('/queue/tickets') && init?.method === 'POST') {
      ticketRequests += 1;
      if (ticketRequests <= lose) {
        await answer.text();
        throw new TypeError('fetch failed: connection reset');
      }
    }
    return answer;
  };
  return { fetch: lossy, ticketRequests: () => ticketRequests };
}

function deskOver(fetchImpl: typeof fetch, printed: string[], retryDelaysMs?: number[]) {
  const client = new HallClient({
    baseUrl: hall.url,
    terminalId: TERMINAL,
    terminalSecret: secret,
    timeoutMs: 10_000,
    fetch: fetchImpl,
  });
  const errors: string[] = [];
  const desk = new TicketDesk({
    queue: createQueueClient(client),
    devices: {
      printReceipt: async (job) => {
        printed.push(job.id ?? '(no id)');
        return { jobId: job.id ?? '', processId: '0001' };
      },
    },
    sessionId: () => null,
    inService: () => true,
    onError: (code) => errors.push(code),
    retryDelaysMs,
    sleep: async () => {},
  });
  return { desk, errors };
}

async function ticketsWithKey(key: string): Promise<number> {
  const rows = (await hall.db.execute(
    sql`select count(*)::int as n from queue_tickets where idempotency_key = ${`${TERMINAL}:${key}`}`,
  )) as unknown as { rows: Array<{ n: number }> };
  return rows.rows[0]!.n;
}

describe('a ticket whose answer was lost', () => {
  it('is asked for again with the same key: one ticket at the server, one receipt', async () => {
    const net = lossyFetch(2);
    const printed: string[] = [];
    const { desk, errors } = deskOver(net.fetch, printed);
    const result = await desk.take({ categoryCode: 'A', requestId: 'tap-lost-answer-01' });
    expect(result.ticket.number).toMatch(/^A\d+$/);
    expect(result.print).toEqual({ printed: true });
    expect(net.ticketRequests()).toBe(3);
    expect(await ticketsWithKey('tap-lost-answer-01')).toBe(1);
    expect(printed).toEqual([`${result.ticket.ticketId}#1`]);
    expect(errors).toEqual([]);
  });

  it('tells the person after the retries run out, and a later tap with the key gets the same ticket', async () => {
    const printed: string[] = [];
    const offline = deskOver(lossyFetch(99).fetch, printed, [0, 0]);
    const failure = await offline.desk.take({ categoryCode: 'A', requestId: 'tap-lost-answer-02' }).catch((e) => e);
    expect(failure).toBeInstanceOf(KioskError);
    expect((failure as KioskError).code).toBe('serverUnreachable');
    expect(offline.errors).toEqual(['queue:serverUnreachable']);
    // The server did issue it (the answers were lost): the person's retry on a healthy link gets it.
    expect(await ticketsWithKey('tap-lost-answer-02')).toBe(1);
    const online = deskOver(fetch, printed);
    const result = await online.desk.take({ categoryCode: 'A', requestId: 'tap-lost-answer-02' });
    expect(await ticketsWithKey('tap-lost-answer-02')).toBe(1);
    expect(printed).toEqual([`${result.ticket.ticketId}#1`]);
  });

  it('does not repeat a request the server refused', async () => {
    let ticketRequests = 0;
    const counting: typeof fetch = (input, init) => {
      if (String(input).includes('/queue/tickets')) ticketRequests += 1;
      return fetch(input, init);
    };
    const { desk } = deskOver(counting, []);
    const failure = await desk.take({ categoryCode: 'NO-SUCH', requestId: 'tap-refused-01' }).catch((e) => e);
    expect(failure).toBeInstanceOf(KioskError);
    expect((failure as KioskError).code).not.toBe('serverUnreachable');
    expect(ticketRequests).toBe(1);
  });
});
