/**
 * Taking a queue ticket at this terminal: one ticket per tap, however often the tap is retried.
 * The renderer sends one `requestId` per tap; it is the idempotency key at the hall server, a
 * second call with it while the first runs waits for the same answer, and a call after it is
 * done gets the same answer without printing again. A failed print leaves the ticket valid; the
 * ticket stays here for a reprint.
 */
import { KioskError, type PrintOutcome, type TakeTicketParams, type TakeTicketResult } from '../../contracts';
import type { QueueTicket } from '../../contracts';
import type { DeviceManager } from '../device-manager/device-manager';
import type { QueueClient } from './queue-client';
import { printReceipt, ticketJob } from './ticket-printer';

export interface TicketDeskOptions {
  queue: Pick<QueueClient, 'issueTicket'>;
  devices: Pick<DeviceManager, 'printReceipt'>;
  /** The open session's id, or null: a ticket taken in a session is the person's. */
  sessionId(): string | null;
  /** Whether the terminal serves now. */
  inService(): boolean;
  onError(code: string): void;
  /** How many recent tickets and answers to keep (default 50). */
  keep?: number;
}

/** Issues, prints and reprints tickets. */
export class TicketDesk {
  private readonly pending = new Map<string, Promise<TakeTicketResult>>();
  private readonly answers = new Map<string, TakeTicketResult>();
  private readonly tickets = new Map<string, { ticket: QueueTicket; prints: number }>();

  constructor(private readonly options: TicketDeskOptions) {}

  take(params: TakeTicketParams): Promise<TakeTicketResult> {
    const done = this.answers.get(params.requestId);
    if (done) return Promise.resolve(done);
    let running = this.pending.get(params.requestId);
    if (!running) {
      running = this.issueAndPrint(params).finally(() => this.pending.delete(params.requestId));
      this.pending.set(params.requestId, running);
    }
    return running;
  }

  async reprint(ticketId: string): Promise<PrintOutcome> {
    const held = this.tickets.get(ticketId);
    if (!held) throw new KioskError('notFound', 'this terminal did not issue that ticket recently');
    held.prints += 1;
    return printReceipt(
      this.options.devices,
      ticketJob(held.ticket),
      `${ticketId}#${held.prints}`,
      this.options.onError,
    );
  }

  private async issueAndPrint(params: TakeTicketParams): Promise<TakeTicketResult> {
    if (!this.options.inService()) throw new KioskError('outOfService', 'the terminal is out of service');
    let ticket: QueueTicket;
    try {
      ticket = await this.options.queue.issueTicket({
        categoryCode: params.categoryCode,
        idempotencyKey: params.requestId,
        sessionId: this.options.sessionId(),
      });
    } catch (error) {
      if (error instanceof KioskError) this.options.onError(`queue:${error.code}`);
      throw error;
    }
    const known = this.tickets.get(ticket.ticketId);
    const prints = (known?.prints ?? 0) + 1;
    this.remember(this.tickets, ticket.ticketId, { ticket, prints });
    const print = await printReceipt(
      this.options.devices,
      ticketJob(ticket),
      `${ticket.ticketId}#${prints}`,
      this.options.onError,
    );
    const result = { ticket, print };
    this.remember(this.answers, params.requestId, result);
    return result;
  }

  private remember<V>(map: Map<string, V>, key: string, value: V): void {
    map.delete(key);
    map.set(key, value);
    const keep = this.options.keep ?? 50;
    for (const oldest of map.keys()) {
      if (map.size <= keep) break;
      map.delete(oldest);
    }
  }
}
