// A contact card reader in memory that implements ApduTransport over an
// SsCardSimulator: the embedded default's social security card reader, and the
// tests'. Answers arrive on a later macrotask, as from a real reader.
import { Emitter, type Unsubscribe } from '../emitter';
import { TransportError } from '../transport-error';
import type { SsCardImage } from './card-image';
import { SsCardSimulator } from './simulator';
import { ApduTransportError, type ApduTransport, type ApduTransportEvents } from './transport';

/** What the simulated reader hears, for tests that act at a chosen moment. */
export type SimulatedSsCardReaderEvents = {
  /** An APDU reached the card (a copy), just before the card answers it. */
  apdu: [apdu: Uint8Array];
};

/** The simulated reader and its controls. */
export interface SimulatedSsCardReader {
  /** The driver's side. */
  readonly transport: ApduTransport;
  /** The card in the slot, if any. */
  readonly card: SsCardSimulator | null;
  /** Puts a card in (replacing any card there); returns it, so its PIN counter can be inspected. */
  insertCard(card: SsCardImage | SsCardSimulator): SsCardSimulator;
  /** Takes the card out. */
  removeCard(): void;
  /** Pulls the reader's cable: pending and later exchanges fail, `close` fires with an error. */
  unplug(): void;
  /** Puts the cable back: `open` fires, then `cardInserted` if a card is in. */
  replug(): void;
  /** Stops answering (a hung reader) or resumes. */
  setSilent(silent: boolean): void;
  /** Subscribes to a simulator event; returns the unsubscribe function. */
  on<K extends keyof SimulatedSsCardReaderEvents>(
    event: K,
    listener: (...args: SimulatedSsCardReaderEvents[K]) => void,
  ): Unsubscribe;
}

/** Creates a connected reader with an empty slot. */
export function createSimulatedSsCardReader(): SimulatedSsCardReader {
  const events = new Emitter<ApduTransportEvents>();
  const sideEvents = new Emitter<SimulatedSsCardReaderEvents>();
  let card: SsCardSimulator | null = null;
  let plugged = true;
  let opened = true;
  let silent = false;
  const online = () => plugged && opened;

  const transport: ApduTransport = {
    get isOpen() {
      return online();
    },
    cardPresent: () => online() && card !== null,
    transmit(apdu) {
      const copy = apdu.slice(); // the caller wipes its buffer once we return
      const target = card;
      if (!online()) return Promise.reject(new ApduTransportError('readerUnavailable', 'the reader is not connected'));
      if (!target) return Promise.reject(new ApduTransportError('noCard', 'no card in the reader'));
      return new Promise<Uint8Array>((resolve, reject) => {
        setImmediate(() => {
          sideEvents.emit('apdu', copy.slice());
          if (!online()) return reject(new ApduTransportError('readerUnavailable', 'the reader went away'));
          if (card !== target) return reject(new ApduTransportError('cardRemoved', 'the card was removed'));
          if (!silent) resolve(target.process(copy));
        });
      });
    },
    async close() {
      if (!opened) return;
      opened = false;
      events.emit('close');
    },
    on: (event, listener) => events.on(event, listener),
  };

  const reader: SimulatedSsCardReader = {
    transport,
    get card() {
      return card;
    },
    insertCard(next) {
      if (card) reader.removeCard();
      card = next instanceof SsCardSimulator ? next : new SsCardSimulator(next);
      card.reset();
      if (online()) events.emit('cardInserted', card.atr.slice());
      return card;
    },
    removeCard() {
      if (!card) return;
      card = null;
      if (online()) events.emit('cardRemoved');
    },
    unplug() {
      if (!plugged) return;
      const wasOnline = online();
      plugged = false;
      if (wasOnline) events.emit('close', new TransportError('disconnected', 'the card reader was unplugged'));
    },
    replug() {
      if (plugged) return;
      plugged = true;
      opened = true;
      events.emit('open');
      if (card) {
        card.reset();
        events.emit('cardInserted', card.atr.slice());
      }
    },
    setSilent(value) {
      silent = value;
    },
    on: (event, listener) => sideEvents.on(event, listener),
  };
  return reader;
}
