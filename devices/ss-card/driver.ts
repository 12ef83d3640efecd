// The social security card reader driver: on every insertion it selects SSSE,
// reads EF05 and EF06 and announces the card; it verifies the holder's PIN on
// request. Methods never reject; the PIN is never logged, kept or echoed.
import { Emitter, type Unsubscribe } from '../emitter';
import type { CommandApdu } from './apdu';
import { decodeSsCardData, SS_CARD_FIELDS_READ, type SsCardData } from './card-data';
import { readSsCardRecord, selectSsCardFile, selectSsse, verifyPinApdu } from './commands';
import { SsCardError, fail, quietError, succeed, type SsCardResult } from './errors';
import { ApduExchange } from './exchange';
import { SsCardHealthTracker, type SsCardReaderHealth } from './health';
import { SS_CARD_FIELDS, type SsCardFieldName } from './records';
import { decodeSimpleTlv } from './tlv';
import type { ApduTransport } from './transport';

/** Driver knobs. */
export interface SsCardReaderDriverOptions {
  /** Deadline for one APDU (default 3000 ms; contact cards at 9600 baud answer within tens of ms). */
  apduTimeoutMs?: number;
  /** Consecutive timeouts after which health is `failed` (default 3). */
  failAfterTimeouts?: number;
}

/** Events the driver emits. */
export type SsCardReaderEvents = {
  /** A card was inserted and read; once per insertion. */
  cardInserted: [card: SsCardData];
  /** A card was inserted but could not be read (not a social security card, pulled mid-read...). */
  readFailed: [error: SsCardError];
  /** The card announced by `cardInserted` left, or the reader was lost while holding it. */
  cardRemoved: [];
  /** Health changed. */
  health: [health: SsCardReaderHealth];
};

/** Drives a contact reader holding a third-generation social security card. */
export class SsCardReaderDriver {
  private readonly events = new Emitter<SsCardReaderEvents>();
  private readonly tracker: SsCardHealthTracker;
  private readonly exchange: ApduExchange;
  private readonly subscriptions: Unsubscribe[];
  private held: SsCardData | null = null;
  /** Counts insertions and removals, so a read overtaken by a removal is not announced. */
  private insertion = 0;

  constructor(
    private readonly transport: ApduTransport,
    options: SsCardReaderDriverOptions = {},
  ) {
    this.tracker = new SsCardHealthTracker(
      options.failAfterTimeouts ?? 3,
      (health) => this.events.emit('health', health),
      transport.isOpen ? { state: 'ok' } : { state: 'failed', reason: 'notOpen' },
    );
    this.exchange = new ApduExchange(transport, options.apduTimeoutMs ?? 3000, (outcome, error) =>
      this.tracker.observe(outcome, error),
    );
    this.subscriptions = [
      transport.on('cardInserted', () => void this.onInserted()),
      transport.on('cardRemoved', () => this.release()),
      transport.on('open', () => this.tracker.set({ state: 'ok' })),
      transport.on('close', (error) => {
        this.tracker.set({ state: 'failed', reason: error ? 'disconnected' : 'transportClosed' });
        this.release();
      }),
    ];
  }

  /** Current health. */
  get health(): SsCardReaderHealth {
    return this.tracker.health;
  }

  /** The card announced by the last `cardInserted`, while it stays in. */
  get card(): SsCardData | null {
    return this.held;
  }

  /** Subscribes to a driver event; returns the unsubscribe function. */
  on<K extends keyof SsCardReaderEvents>(event: K, listener: (...args: SsCardReaderEvents[K]) => void): Unsubscribe {
    return this.events.on(event, listener);
  }

  /** Selects SSSE and reads the card's EF05 and EF06 records. */
  async readCard(): Promise<SsCardResult<SsCardData>> {
    const values = new Map<SsCardFieldName, Uint8Array>();
    let ef = 0;
    const selected = await this.exchange.run(selectSsse());
    if (!selected.ok) return selected;
    for (const name of SS_CARD_FIELDS_READ) {
      const field = SS_CARD_FIELDS[name];
      if (field.ef !== ef) {
        const file = await this.exchange.run(selectSsCardFile(field.ef));
        if (!file.ok) return file;
        ef = field.ef;
      }
      const value = await this.readField(name);
      if (!value.ok) return value;
      values.set(name, value.value);
    }
    return decodeSsCardData(values);
  }

  /** Verifies the holder's 6-digit PIN; `wrongPin` carries `triesLeft`, `pinBlocked` carries `locked`. */
  async verifyPin(pin: string): Promise<SsCardResult<void>> {
    const command = verifyPinApdu(pin);
    if (!command.ok) return command; // never reaches the card
    try {
      const selected = await this.exchange.run(selectSsse());
      if (!selected.ok) return selected;
      const verified = await this.exchange.run(command.value);
      return verified.ok ? succeed(undefined) : verified;
    } finally {
      wipe(command.value);
    }
  }

  /** True when the reader has a PIN pad (PC/SC part 10 FEATURE_VERIFY_PIN_DIRECT) for the card in it. */
  get hasPinPad(): boolean {
    return this.transport.hasPinPad?.() ?? false;
  }

  /**
   * Verifies the holder's PIN typed on the reader's own keypad: the PIN never reaches the kiosk.
   * Same outcomes as verifyPin, plus `pinEntryTimeout`, `pinEntryCancelled` and `noPinPad`.
   */
  async verifyPinOnPad(timeoutS = 30): Promise<SsCardResult<void>> {
    const selected = await this.exchange.run(selectSsse());
    if (!selected.ok) return selected;
    // VERIFY with three placeholder bytes: the reader puts the 6 typed digits there as BCD.
    const template = { cla: 0x00, ins: 0x20, p1: 0x00, p2: 0x00, data: new Uint8Array(3) };
    const verified = await this.exchange.runOnPinPad(template, 6, (timeoutS + 5) * 1000);
    return verified.ok ? succeed(undefined) : verified;
  }

  /** Detaches from the transport for good. */
  dispose(): void {
    for (const off of this.subscriptions) off();
    this.events.clear();
  }

  private async readField(name: SsCardFieldName): Promise<SsCardResult<Uint8Array>> {
    const { tag, length } = SS_CARD_FIELDS[name];
    const record = await this.exchange.run(readSsCardRecord(tag, 2 + length));
    if (!record.ok) return record;
    const items = decodeSimpleTlv(record.value);
    if (!items.ok) return items;
    const item = items.value.find((i) => i.tag === tag);
    return item
      ? succeed(item.value)
      : fail(quietError('malformedRecord', `record ${tag} does not hold tag ${tag}`, { tag }));
  }

  private async onInserted(): Promise<void> {
    this.release();
    const insertion = ++this.insertion;
    const read = await this.readCard();
    if (insertion !== this.insertion) {
      // Removed (and maybe reinserted) while we read: whatever we got is not this card's.
      this.events.emit(
        'readFailed',
        read.ok ? new SsCardError('cardRemoved', 'the card left during the read') : read.error,
      );
      return;
    }
    if (read.ok) {
      this.held = read.value;
      this.events.emit('cardInserted', read.value);
    } else {
      this.events.emit('readFailed', read.error);
    }
  }

  private release(): void {
    this.insertion += 1;
    if (!this.held) return;
    this.held = null;
    this.events.emit('cardRemoved');
  }
}

function wipe(command: CommandApdu): void {
  command.data?.fill(0);
}
