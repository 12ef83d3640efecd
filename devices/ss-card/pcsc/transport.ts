// An ApduTransport over the operating system's smart-card stack (pcscd on Linux, the Smart
// Card service on Windows) through a PC/SC binding. One loop follows the chosen reader with
// SCardGetStatusChange: a card in is connected EXCLUSIVE (so no other program talks to it
// during a session) with whichever of T=0/T=1 it offers; a card out, a reader gone or the
// service gone end that, and the loop finds the reader again on its own.
import { Emitter, type Unsubscribe } from '../../emitter';
import { TransportError } from '../../transport-error';
import { ApduTransportError, type ApduTransport, type ApduTransportEvents } from '../transport';
import type { PcscBinding, PcscCard, PcscContext, PcscReader } from './binding';
import { classifyPcscError } from './pcsc-errors';
import { FEATURE_VERIFY_PIN_DIRECT, parseFeatures, pinVerifyStructure } from './pin-pad';
import { pickReader } from './reader-name';

/** Transport knobs. */
export interface PcscTransportOptions {
  /** Reader name pattern (see pickReader); absent takes the first reader. */
  reader?: string;
  /** Pause before looking again for a missing reader or service (default 500 ms). */
  retryMs?: number;
  /** Longest single SCardGetStatusChange wait (default 1000 ms; it holds a libuv pool thread). */
  waitMs?: number;
}

/** Why the reader is not usable, for health. */
export type PcscOfflineReason = 'serviceGone' | 'noMatchingReader' | 'readerGone';

const SHORT_RESPONSE = 256 + 2;

/** The social security card slot behind PC/SC. Call `start()` once listeners are attached. */
export class PcscApduTransport implements ApduTransport {
  private readonly events = new Emitter<ApduTransportEvents>();
  private readonly retryMs: number;
  private readonly waitMs: number;
  /** Connects and transmits. */
  private context: PcscContext | null = null;
  /**
   * Waits for changes. pcsc-lite serialises the calls of one context, so a transmit on the
   * context that is waiting would queue behind the wait: status has a context of its own.
   */
  private watcher: PcscContext | null = null;
  private reader: PcscReader | null = null;
  private card: PcscCard | null = null;
  /** SCardControl code of FEATURE_VERIFY_PIN_DIRECT for the connected card's reader, if any. */
  private pinPadCode: number | null = null;
  private lastState = 0;
  private online = false;
  private stopped = false;
  private loop: Promise<void> | null = null;
  /** Why the reader is offline (null while online). */
  offlineReason: PcscOfflineReason | null = 'readerGone';

  constructor(
    private readonly binding: PcscBinding,
    private readonly options: PcscTransportOptions = {},
  ) {
    this.retryMs = options.retryMs ?? 500;
    this.waitMs = options.waitMs ?? 1000;
  }

  get isOpen(): boolean {
    return this.online;
  }

  /** The reader in use, once found. */
  get readerName(): string | null {
    return this.online ? (this.reader?.name ?? null) : null;
  }

  /** The protocol of the connected card: 'T0', 'T1' or null. */
  get protocol(): 'T0' | 'T1' | null {
    if (!this.card) return null;
    return this.card.protocol === this.binding.SCARD_PROTOCOL_T1 ? 'T1' : 'T0';
  }

  cardPresent(): boolean {
    return this.card !== null;
  }

  hasPinPad(): boolean {
    return this.card !== null && this.pinPadCode !== null;
  }

  async verifyPinOnPad(template: Uint8Array, digits: number): Promise<Uint8Array> {
    const card = this.card;
    const code = this.pinPadCode;
    if (!this.online) throw new ApduTransportError('readerUnavailable', 'the reader is not connected');
    if (!card || code === null) throw new ApduTransportError('noCard', 'no card in a reader with a PIN pad');
    try {
      const answer = await card.control(code, Buffer.from(pinVerifyStructure(template, { digits, timeoutS: 30 })));
      if (answer.length < 2) throw new ApduTransportError('cardRemoved', 'the PIN pad gave no answer');
      return new Uint8Array(answer);
    } catch (error) {
      if (error instanceof ApduTransportError) throw error;
      const failure = classifyPcscError(error);
      throw new ApduTransportError(
        failure === 'noCard' || failure === 'cardRemoved' ? failure : 'readerUnavailable',
        'the PIN pad could not be used',
      );
    }
  }

  /** Starts following the reader. */
  start(): void {
    this.loop ??= this.follow();
  }

  async transmit(apdu: Uint8Array): Promise<Uint8Array> {
    const copy = Buffer.from(apdu); // the caller wipes its buffer once we return
    try {
      // A short APDU is at most 4 + 1 + 255 + 1 bytes; P3 = 00 with data means an extended length.
      if (copy.length > 261 || (copy.length > 5 && copy[4] === 0)) {
        throw new ApduTransportError('extendedLength', 'extended-length APDUs are not sent to the card');
      }
      const card = this.card;
      if (!this.online) throw new ApduTransportError('readerUnavailable', 'the reader is not connected');
      if (!card) throw new ApduTransportError('noCard', 'no card in the reader');
      let answer: Buffer;
      try {
        answer = await card.transmit(copy, { maxRecvLength: SHORT_RESPONSE });
      } catch (error) {
        const failure = classifyPcscError(error);
        const code = failure === 'noCard' || failure === 'cardRemoved' || failure === 'extendedLength' ? failure : null;
        if (code) throw new ApduTransportError(code, 'the card could not be reached');
        // The card went quiet or the reader/service went away mid-APDU: look again now.
        if (failure === 'unresponsiveCard') throw new ApduTransportError('cardRemoved', 'the card stopped answering');
        throw new ApduTransportError('readerUnavailable', 'the reader could not be reached');
      }
      // No status word at all: the card went away mid-exchange (vpcd, and some readers, report
      // a lost card as an empty answer rather than an error).
      if (answer.length < 2) throw new ApduTransportError('cardRemoved', 'the card gave no answer');
      return new Uint8Array(answer);
    } finally {
      copy.fill(0); // it may have carried the PIN
    }
  }

  async close(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    try {
      this.watcher?.cancel();
    } catch {
      // already released
    }
    await this.loop;
    this.releaseCard();
    this.dropContext();
    if (this.online) {
      this.online = false;
      this.events.emit('close');
    }
  }

  on<K extends keyof ApduTransportEvents>(event: K, listener: (...args: ApduTransportEvents[K]) => void): Unsubscribe {
    return this.events.on(event, listener);
  }

  private async follow(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.step();
      } catch (error) {
        if (this.stopped) return;
        const failure = classifyPcscError(error);
        this.goOffline(failure === 'serviceGone' ? 'serviceGone' : 'readerGone');
        if (failure === 'serviceGone') this.dropContext();
        await sleep(this.retryMs);
      }
    }
  }

  /** One turn: find the reader, then wait for its next change. */
  private async step(): Promise<void> {
    const b = this.binding;
    if (!this.context || !this.watcher) {
      this.dropContext();
      this.context = new b.Context(); // throws while the service is down
      this.watcher = new b.Context();
      this.lastState = 0;
    }
    if (!this.reader || !this.online) {
      const readers = this.context.listReaders();
      const name = pickReader(
        readers.map((r) => r.name),
        this.options.reader,
      );
      const reader = readers.find((r) => r.name === name);
      if (!reader) {
        this.goOffline('noMatchingReader');
        await sleep(this.retryMs);
        return;
      }
      this.reader = reader;
      this.lastState = 0;
      this.online = true;
      this.offlineReason = null;
      this.events.emit('open');
    }
    const changes = await this.watcher.waitForChange([{ name: this.reader.name, state: this.lastState }], this.waitMs);
    if (changes === null || this.stopped) return; // cancelled
    const change = changes[0];
    if (!change) return; // timeout: nothing changed
    this.lastState = change.state & ~b.SCARD_STATE_CHANGED;
    if (change.state & (b.SCARD_STATE_UNKNOWN | b.SCARD_STATE_UNAVAILABLE)) {
      this.goOffline('readerGone');
      return;
    }
    const present = (change.state & b.SCARD_STATE_PRESENT) !== 0 && (change.state & b.SCARD_STATE_MUTE) === 0;
    if (present && !this.card) await this.connect(change.atr);
    else if (!present && this.card) {
      this.releaseCard();
      this.events.emit('cardRemoved');
    }
  }

  private async connect(atr: Buffer | null): Promise<void> {
    const b = this.binding;
    try {
      this.card = await this.reader!.connect(b.SCARD_SHARE_EXCLUSIVE, b.SCARD_PROTOCOL_T0 | b.SCARD_PROTOCOL_T1);
    } catch (error) {
      // Held by another program, or a card that does not answer: try again on its next change.
      const failure = classifyPcscError(error);
      if (failure === 'serviceGone') throw error;
      this.lastState = 0;
      await sleep(this.retryMs);
      return;
    }
    this.pinPadCode = await this.findPinPad(this.card);
    this.events.emit('cardInserted', new Uint8Array(atr ?? this.reader!.atr ?? []));
  }

  /** FEATURE_VERIFY_PIN_DIRECT's control code, or null (no pad, or a driver without SCardControl). */
  private async findPinPad(card: PcscCard): Promise<number | null> {
    try {
      const features = parseFeatures(await card.control(this.binding.CM_IOCTL_GET_FEATURE_REQUEST));
      return features.get(FEATURE_VERIFY_PIN_DIRECT) ?? null;
    } catch {
      return null;
    }
  }

  private goOffline(reason: PcscOfflineReason): void {
    this.offlineReason = reason;
    const hadCard = this.card !== null;
    this.releaseCard();
    this.reader = null;
    if (hadCard) this.events.emit('cardRemoved');
    if (this.online) {
      this.online = false;
      const message = reason === 'serviceGone' ? 'the PC/SC service went away' : 'the card reader went away';
      this.events.emit('close', new TransportError('disconnected', message));
    }
  }

  private releaseCard(): void {
    const card = this.card;
    this.card = null;
    this.pinPadCode = null;
    try {
      // Reset, so the card's verified-PIN state does not outlive the session.
      card?.disconnect(this.binding.SCARD_RESET_CARD);
    } catch {
      // the card or the service is already gone
    }
  }

  private dropContext(): void {
    const contexts = [this.context, this.watcher];
    this.context = this.watcher = null;
    this.reader = null;
    for (const context of contexts) {
      try {
        context?.close();
      } catch {
        // already gone with the service
      }
    }
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
