// The GA 467 ID card reader driver: commands over an injected Transport, a polling
// loop that announces each card placement once, and a health signal.
//
// How a card that stays in the field is handled (an assumption that mirrors a card
// put into HALT after a read): once read, `findCard` answers 80 for as long as the
// same card stays, so polling `find` cannot tell "still there" from "gone". While
// we hold a card we poll `selectCard` instead: 90 = still there, 81 = gone. So a
// card is read once per placement, never again while it stays.
import { Emitter, type Unsubscribe } from '../emitter';
import { PollLoop } from '../poll-loop';
import type { Transport } from '../transport';
import { encodeCommand, type IdCardCommandName, type IdCardResponse } from './commands';
import { IdCardError, fail, type IdCardResult } from './errors';
import { CommandExchange } from './exchange';
import { HealthTracker, type IdCardReaderHealth } from './health';
import type { IdCardContent } from './read-response';
import { interpretFind, interpretOk, interpretRead, interpretSamId, interpretSelect } from './responses';

/** Timing knobs; the defaults suit a reader at 115200 baud. */
export interface IdCardReaderDriverOptions {
  /** Deadline for every command but `readCard` (default 1000 ms). */
  responseTimeoutMs?: number;
  /** Deadline for `readCard`: the card's RF exchange plus 1295 bytes on the line (default 3000 ms, as vendor SDKs use). */
  readTimeoutMs?: number;
  /** Pause between polling cycles (default 300 ms). */
  pollIntervalMs?: number;
  /** Consecutive timeouts after which health is `failed` (default 3). */
  failAfterTimeouts?: number;
}

/** Events the driver emits. */
export type IdCardReaderEvents = {
  /** A card was placed and read; once per placement. */
  cardInserted: [content: IdCardContent];
  /** A card was placed but is not one we can decode (e.g. `cardTypeNotSupported`); once per placement. */
  cardRejected: [error: IdCardError];
  /** A card was found but reading it failed; polling will try again. */
  readFailed: [error: IdCardError];
  /** The card announced by `cardInserted` or `cardRejected` left, or the reader was lost while holding it. */
  cardRemoved: [];
  /** Health changed. */
  health: [health: IdCardReaderHealth];
};

/** Drives a GA 467 resident ID card reader over a Transport. Methods never reject. */
export class IdCardReaderDriver {
  private readonly events = new Emitter<IdCardReaderEvents>();
  private readonly exchange: CommandExchange;
  private readonly tracker: HealthTracker;
  private readonly subscriptions: Unsubscribe[];
  private readonly responseTimeoutMs: number;
  private readonly readTimeoutMs: number;
  private holding = false;
  private readonly poller: PollLoop;

  constructor(
    private readonly transport: Transport,
    options: IdCardReaderDriverOptions = {},
  ) {
    this.responseTimeoutMs = options.responseTimeoutMs ?? 1000;
    this.readTimeoutMs = options.readTimeoutMs ?? 3000;
    this.poller = new PollLoop((signal) => this.pollOnce(signal), options.pollIntervalMs ?? 300);
    this.tracker = new HealthTracker(
      options.failAfterTimeouts ?? 3,
      (health) => this.onHealth(health),
      transport.isOpen ? { state: 'ok' } : { state: 'failed', reason: 'notOpen' },
    );
    // The exchange subscribes first, so a request in flight fails before we report the close.
    this.exchange = new CommandExchange(transport);
    this.subscriptions = [
      transport.on('close', (error) =>
        this.tracker.set({ state: 'failed', reason: error ? 'disconnected' : 'transportClosed' }),
      ),
      transport.on('error', () => this.tracker.set({ state: 'degraded', reason: 'transportError' })),
    ];
  }

  /** Current health. */
  get health(): IdCardReaderHealth {
    return this.tracker.health;
  }

  /** True while a card announced by `cardInserted`/`cardRejected` is still in the field. */
  get holdingCard(): boolean {
    return this.holding;
  }

  /** True between `start()` and `stop()`. */
  get polling(): boolean {
    return this.poller.running;
  }

  /** Subscribes to a driver event; returns the unsubscribe function. */
  on<K extends keyof IdCardReaderEvents>(event: K, listener: (...args: IdCardReaderEvents[K]) => void): Unsubscribe {
    return this.events.on(event, listener);
  }

  /** Resets the SAM (10 FF). A card in the field will be read again afterwards. */
  reset(): Promise<IdCardResult<void>> {
    return this.command('reset', (r) => interpretOk(r, 'reset'));
  }

  /** Asks the SAM whether it is working (11 FF). */
  samStatus(): Promise<IdCardResult<void>> {
    return this.command('samStatus', (r) => interpretOk(r, 'samStatus'));
  }

  /** Reads the SAM's identity bytes (12 FF). */
  readSamId(): Promise<IdCardResult<Uint8Array>> {
    return this.command('readSamId', interpretSamId);
  }

  /** Looks for a card not yet read (20 01): true if found. */
  findCard(signal?: AbortSignal): Promise<IdCardResult<boolean>> {
    return this.command('findCard', interpretFind, signal);
  }

  /** Selects the found (or held) card (20 02): true if selected. */
  selectCard(signal?: AbortSignal): Promise<IdCardResult<boolean>> {
    return this.command('selectCard', interpretSelect, signal);
  }

  /** Reads text and photo of the selected card (30 01). */
  readCard(signal?: AbortSignal): Promise<IdCardResult<IdCardContent>> {
    return this.command('readCard', interpretRead, signal);
  }

  /** Starts polling for cards; does nothing if already polling. */
  start(): void {
    this.poller.start();
  }

  /** Stops polling; resolves when the cycle in flight has ended and no timer is left. */
  stop(): Promise<void> {
    return this.poller.stop();
  }

  /**
   * Opens the transport again (after a replug) and resets the SAM, so a card left
   * in the field is found afresh even if a read cut by the unplug HALTed it. A card
   * held before is reported removed: after a replug we cannot know it is the same one.
   */
  async reconnect(): Promise<IdCardResult<void>> {
    this.release();
    try {
      await this.transport.open();
    } catch (cause) {
      const error = new IdCardError('notOpen', 'could not reopen the reader connection', { cause });
      this.tracker.failed(error);
      return fail(error);
    }
    return this.reset();
  }

  /** Stops polling and detaches from the transport for good. */
  async dispose(): Promise<void> {
    await this.stop();
    for (const off of this.subscriptions) off();
    this.exchange.dispose();
    this.events.clear();
  }

  private async command<T>(
    name: IdCardCommandName,
    interpret: (response: IdCardResponse) => IdCardResult<T>,
    signal?: AbortSignal,
  ): Promise<IdCardResult<T>> {
    const timeout = name === 'readCard' ? this.readTimeoutMs : this.responseTimeoutMs;
    const result = await this.exchange.request(encodeCommand(name), timeout, signal);
    if (!result.ok) {
      this.tracker.failed(result.error);
      return result;
    }
    const interpreted = interpret(result.value);
    const misfit =
      !interpreted.ok && ['unexpectedResponse', 'malformedResponse'].includes(interpreted.error.code)
        ? interpreted.error
        : undefined;
    this.tracker.answered(result.value.sw3, misfit);
    return interpreted;
  }

  private async pollOnce(signal: AbortSignal): Promise<void> {
    if (!this.transport.isOpen) return; // wait for the device manager to reopen it
    if (this.holding) {
      const present = await this.selectCard(signal);
      // Only an explicit 81 means gone; on a timeout we do not know, and health covers a dead reader.
      if (present.ok && !present.value) this.release();
      return;
    }
    const found = await this.findCard(signal);
    if (!found.ok || !found.value || signal.aborted) return;
    const selected = await this.selectCard(signal);
    if (!selected.ok || !selected.value || signal.aborted) return;
    const read = await this.readCard(signal);
    if (read.ok) {
      this.holding = true;
      this.events.emit('cardInserted', read.value);
    } else if (read.error.code === 'cardTypeNotSupported') {
      this.holding = true;
      this.events.emit('cardRejected', read.error);
    } else if (read.error.code !== 'stopped') {
      this.events.emit('readFailed', read.error);
      // The card may have completed the read and gone into HALT while its answer was
      // lost; then `find` would never see it again. A SAM reset power-cycles the
      // module and its RF field, so the card is found afresh on the next cycle.
      if (ANSWER_LOST.has(read.error.code) && !signal.aborted) await this.reset();
    }
  }

  private onHealth(health: IdCardReaderHealth): void {
    this.events.emit('health', health);
    if (health.state === 'failed') this.release();
  }

  private release(): void {
    if (!this.holding) return;
    this.holding = false;
    this.events.emit('cardRemoved');
  }
}

const ANSWER_LOST: ReadonlySet<string> = new Set(['timeout', 'badChecksum', 'malformedResponse', 'unexpectedResponse']);
