// A GA 467 reader seen from the wire: it sits on the far end of a Transport,
// decodes command frames with the same decoder the driver uses, and answers with
// real response bytes. It models the card states the driver relies on: a card is
// found, selected, read, then HALTed (find answers 80, select answers 90) until it
// is removed.
import { Emitter, type Unsubscribe } from '../emitter';
import type { Transport } from '../transport';
import { commandNameOf, encodeResponse, type IdCardCommandName } from './commands';
import { FrameDecoder } from './decoder';
import { encodeReadData, PHOTO_SIZE } from './read-response';
import { encodeIdCardText, type IdCardText } from './text';

/** A card to put on the simulated reader. */
export interface SimulatedCard {
  /** Text fields, or a raw 256-byte block (e.g. a foreign card's). */
  text: IdCardText | Uint8Array;
  /** Opaque photo bytes (default: 1024 filler bytes, not a real WLT image). */
  photo?: Uint8Array;
}

/** What the simulator heard: a known command, an unknown one, or a damaged frame. */
export type SimulatorCommand = IdCardCommandName | 'unknown' | 'badFrame';

/** Events the simulator emits. */
export type IdCardReaderSimulatorEvents = {
  /** A frame arrived, before it is answered. */
  command: [name: SimulatorCommand];
};

/** Simulator knobs. */
export interface IdCardReaderSimulatorOptions {
  /** Delay before each answer (default 0: answer on the next macrotask). */
  responseDelayMs?: number;
  /** The 16 bytes `readSamId` returns. */
  samId?: Uint8Array;
}

type CardState = 'idle' | 'found' | 'selected' | 'halted';

const SAM_OK = 0x90;

/** Answers GA 467 commands from the device's side of a Transport. */
export class IdCardReaderSimulator {
  private readonly decoder = new FrameDecoder({ maxLength: 0x0100 });
  private readonly events = new Emitter<IdCardReaderSimulatorEvents>();
  private readonly subscriptions: Unsubscribe[];
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private readonly counts = new Map<SimulatorCommand, number>();
  private readonly faults = new Map<IdCardCommandName, number>();
  private readonly corruptions = new Set<IdCardCommandName>();
  private card: { text: Uint8Array; photo: Uint8Array } | null = null;
  private state: CardState = 'idle';
  private silent = false;
  private garbage: Uint8Array[] = [];

  constructor(
    private readonly transport: Transport,
    private readonly options: IdCardReaderSimulatorOptions = {},
  ) {
    this.subscriptions = [transport.on('data', (chunk) => this.onData(chunk))];
  }

  /** Puts a card in the field (replacing any card there: a new placement). */
  insertCard(card: SimulatedCard): void {
    const text = card.text instanceof Uint8Array ? card.text.slice() : encodeIdCardText(card.text);
    const photo = card.photo?.slice() ?? new Uint8Array(PHOTO_SIZE).fill(0x5a);
    this.card = { text, photo };
    this.state = 'idle';
  }

  /** Takes the card out of the field. */
  removeCard(): void {
    this.card = null;
    this.state = 'idle';
  }

  /** Stops answering (as an unplugged or hung reader) or resumes. */
  setSilent(silent: boolean): void {
    this.silent = silent;
  }

  /** Sends these bytes just before the next answer (line noise). */
  injectGarbage(bytes: Uint8Array): void {
    this.garbage.push(bytes.slice());
  }

  /** Answers the next `command` with this SW3 instead of the normal answer. */
  failNext(command: IdCardCommandName, sw3: number): void {
    this.faults.set(command, sw3);
  }

  /** Damages the checksum of the next answer to `command` (the command still takes effect). */
  corruptNext(command: IdCardCommandName): void {
    this.corruptions.add(command);
  }

  /** How many frames of this kind arrived. */
  commandCount(name: SimulatorCommand): number {
    return this.counts.get(name) ?? 0;
  }

  /** Subscribes to a simulator event; returns the unsubscribe function. */
  on<K extends keyof IdCardReaderSimulatorEvents>(
    event: K,
    listener: (...args: IdCardReaderSimulatorEvents[K]) => void,
  ): Unsubscribe {
    return this.events.on(event, listener);
  }

  /** Detaches from the transport and cancels pending answers. */
  dispose(): void {
    for (const off of this.subscriptions) off();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.events.clear();
  }

  private onData(chunk: Uint8Array): void {
    for (const item of this.decoder.push(chunk)) {
      if (item.kind === 'frame') {
        const name = commandNameOf(item.payload) ?? 'unknown';
        this.heard(name);
        if (name === 'unknown') this.answer(encodeResponse(0x21));
        else this.answer(this.corrupt(name, this.respond(name)));
      } else if (item.error.code === 'badChecksum') {
        this.heard('badFrame');
        this.answer(encodeResponse(0x10));
      } else if (item.error.code === 'oversizeLength' || item.error.code === 'undersizeLength') {
        this.heard('badFrame');
        this.answer(encodeResponse(0x11));
      }
      // Garbage between frames gets no answer, as on a real reader.
    }
  }

  private heard(name: SimulatorCommand): void {
    this.counts.set(name, this.commandCount(name) + 1);
    this.events.emit('command', name);
  }

  private respond(name: IdCardCommandName): Uint8Array {
    const fault = this.faults.get(name);
    if (fault !== undefined) {
      this.faults.delete(name);
      return encodeResponse(fault);
    }
    const card = this.card;
    switch (name) {
      case 'reset':
        // The RF field restarts, so a halted card wakes up and will be found again.
        this.state = 'idle';
        return encodeResponse(SAM_OK);
      case 'samStatus':
        return encodeResponse(SAM_OK);
      case 'readSamId':
        return encodeResponse(SAM_OK, this.options.samId ?? new Uint8Array(16));
      case 'findCard':
        if (!card || this.state === 'halted') return encodeResponse(0x80);
        this.state = 'found';
        return encodeResponse(0x9f, new Uint8Array(4));
      case 'selectCard':
        if (!card || this.state === 'idle') return encodeResponse(0x81);
        if (this.state === 'found') this.state = 'selected';
        return encodeResponse(SAM_OK, new Uint8Array(8));
      case 'readCard':
        if (!card || this.state !== 'selected') return encodeResponse(0x41);
        this.state = 'halted';
        return encodeResponse(SAM_OK, encodeReadData(card.text, card.photo));
    }
  }

  private corrupt(name: IdCardCommandName, frame: Uint8Array): Uint8Array {
    if (!this.corruptions.delete(name)) return frame;
    frame[frame.length - 1]! ^= 0xff;
    return frame;
  }

  private answer(frame: Uint8Array): void {
    if (this.silent) return;
    const noise = this.garbage;
    this.garbage = [];
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.send([...noise, frame]);
    }, this.options.responseDelayMs ?? 0);
    this.timers.add(timer);
  }

  private async send(chunks: Uint8Array[]): Promise<void> {
    for (const chunk of chunks) {
      // A closed or unplugged line loses the answer, as a real wire would.
      if (!this.transport.isOpen) return;
      await this.transport.write(chunk).catch(() => undefined);
    }
  }
}
