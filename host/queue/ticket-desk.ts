/**
 * Taking a queue ticket at this terminal: one ticket per tap, however often the tap is retried.
 * The renderer sends one `requestId` per tap; it is the idempotency key at the hall server, a
 * second call with it while the first runs waits for the same answer, and a call after it is
 * done gets the same answer without printing again. A failed print leaves the ticket valid; the
 * ticket stays here for a reprint.
 *
 * A request that got no answer (`serverUnreachable`: a dropped connection, a timeout, a 5xx) may
 * still have issued the ticket at the server, so the desk asks again with the SAME key a few times
 * before telling the person: the server answers the ticket it already issued, never a second one.
 */
import {
  KioskError,
  type IssueTicketRequest,
  type LeaveTicketPhoneParams,
  type LeaveTicketPhoneResult,
  type PrintOutcome,
  type TakeTicketParams,
  type TakeTicketResult,
  maskMobile,
} from '../../contracts';
import type { QueueTicket } from '../../contracts';
import type { DeviceManager } from '../device-manager/device-manager';
import type { QueueClient } from './queue-client';
import { printReceipt, ticketJob } from './ticket-printer';
import { remember } from '../bounded-map';

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
  /** Waits before each repeated request after `serverUnreachable` (default 0.5 s, 1.5 s, 3 s). */
  retryDelaysMs?: readonly number[];
  /** How to wait (tests pass one that does not). */
  sleep?(ms: number): Promise<void>;
}

const DEFAULT_RETRY_DELAYS_MS = [500, 1_500, 3_000] as const;

/** Issues, prints and reprints tickets. */
export class TicketDesk {
  private readonly pending = new Map<string, Promise<TakeTicketResult>>();
  private readonly answers = new Map<string, TakeTicketResult>();
  private readonly tickets = new Map<string, { ticket: QueueTicket; prints: number }>();
  /** The request each answered tap sent, to send again with a phone (same key, same session). */
  private readonly requests = new Map<string, IssueTicketRequest>();

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

  /**
   * Leaves a mobile number on the ticket a tap here issued: the tap's request again, with the
   * phone, under the same idempotency key, so the server attaches it and issues nothing new.
   * Nothing is printed; the number is neither kept here nor logged.
   */
  async leavePhone(params: LeaveTicketPhoneParams): Promise<LeaveTicketPhoneResult> {
    const request = this.requests.get(params.requestId);
    if (!request) throw new KioskError('notFound', 'this terminal did not issue that ticket recently');
    if (!this.options.inService()) throw new KioskError('outOfService', 'the terminal is out of service');
    let ticket: QueueTicket;
    try {
      ticket = await this.issueWithRetries({ ...request, phone: params.phone });
    } catch (error) {
      if (error instanceof KioskError) this.options.onError(`queue:phone:${error.code}`);
      throw error;
    }
    return { ticketId: ticket.ticketId, maskedPhone: maskMobile(params.phone) };
  }

  private async issueAndPrint(params: TakeTicketParams): Promise<TakeTicketResult> {
    if (!this.options.inService()) throw new KioskError('outOfService', 'the terminal is out of service');
    const request: IssueTicketRequest = {
      categoryCode: params.categoryCode,
      idempotencyKey: params.requestId,
      sessionId: this.options.sessionId(),
    };
    let ticket: QueueTicket;
    try {
      ticket = await this.issueWithRetries(request);
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
    this.remember(this.requests, params.requestId, request);
    return result;
  }

  /** One ticket request, repeated with the same idempotency key while the server gave no answer. */
  private async issueWithRetries(request: IssueTicketRequest): Promise<QueueTicket> {
    const delays = this.options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
    const sleep = this.options.sleep ?? ((ms: number) => new Promise<void>((done) => setTimeout(done, ms)));
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.options.queue.issueTicket(request);
      } catch (error) {
        const unanswered = error instanceof KioskError && error.code === 'serverUnreachable';
        if (!unanswered || attempt >= delays.length || !this.options.inService()) throw error;
        await sleep(delays[attempt]!);
      }
    }
  }

  private remember<V>(map: Map<string, V>, key: string, value: V): void {
    remember(map, key, value, this.options.keep ?? 50);
  }
}
