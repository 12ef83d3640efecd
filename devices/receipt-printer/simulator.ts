// An ESC/POS thermal receipt printer seen from the wire. Real-time commands (DLE EOT
// n, DLE DC4 8) are answered the moment they arrive, wherever they sit; everything
// else goes through a receive buffer and is "printed" in order, one line or block at
// a time, only while the printer can print (cover closed, paper in, no error). A
// GS ( H process ID is answered when everything before it has printed. Each cut ends
// a receipt whose bytes are kept and can be drawn for a person.
import { Emitter, type Unsubscribe } from '../emitter';
import type { Transport } from '../transport';
import { encodeClearResponse, encodeProcessIdResponse, isProcessId } from './commands';
import { RealtimeScanner } from './realtime';
import { svgToPng } from './render/png';
import { receiptSvg } from './render/svg';
import { EscPosSplitter, type EscPosItem } from './splitter';
import { encodeStatus, type PrinterStatus } from './status';

/** What is on the paper roll. */
export type PaperState = 'ok' | 'nearEnd' | 'out';

/** A receipt the simulator printed: the print bytes between two cuts (conversation commands left out). */
export interface SimulatedReceipt {
  bytes: Uint8Array;
}

/** Events the simulator emits. */
export type ReceiptPrinterSimulatorEvents = {
  /** A receipt was cut off. */
  receipt: [receipt: SimulatedReceipt];
  /** Bytes arrived (running total). */
  received: [total: number];
  /** A line or block went onto the paper (running total). */
  fed: [total: number];
};

/** Simulator knobs. */
export interface ReceiptPrinterSimulatorOptions {
  /** Time to print one line or block (default 0: as fast as the event loop allows). */
  lineDelayMs?: number;
  /** Receive buffer; bytes arriving while it is full are lost, as without flow control (default 64 KiB). */
  receiveBufferBytes?: number;
  /** Printable width in dots for drawing (default 576, 80 mm paper). */
  paperWidth?: number;
}

type Queued = Extract<EscPosItem, { kind: 'text' | 'command' }>;

/** Commands that move paper: the printer needs paper to run them. */
const FEEDS = new Set(['LF', 'FF', 'ESC d', 'ESC J', 'GS V', 'GS v 0', 'GS k']);

/** Answers ESC/POS from the printer's side of a Transport and keeps what it printed. */
export class ReceiptPrinterSimulator {
  private readonly events = new Emitter<ReceiptPrinterSimulatorEvents>();
  private readonly subscriptions: Unsubscribe[];
  private readonly realtime = new RealtimeScanner();
  private readonly splitter = new EscPosSplitter();
  private readonly queue: Queued[] = [];
  private readonly printed: SimulatedReceipt[] = [];
  private readonly torn: SimulatedReceipt[] = [];
  private readonly confirmed: string[] = [];
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private current: Uint8Array[] = [];
  /** How much of `current` is on paper: items up to the last feed (the rest is the line being composed). */
  private onPaper = 0;
  private queuedBytes = 0;
  private paper: PaperState = 'ok';
  private linesLeft = Infinity;
  private cover = false;
  private offline = false;
  private cutter = false;
  private connected = true;
  private pumping = false;
  private received = 0;
  private lost = 0;
  private feeds = 0;
  private sending: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly transport: Transport,
    private readonly options: ReceiptPrinterSimulatorOptions = {},
  ) {
    this.subscriptions = [transport.on('data', (chunk) => this.onData(chunk))];
  }

  /** The status the printer reports right now. */
  get status(): PrinterStatus {
    return {
      online: this.canPrint(),
      coverOpen: this.cover,
      paperNearEnd: this.paper !== 'ok',
      paperOut: this.paper === 'out',
      cutterError: this.cutter,
      unrecoverable: false,
      recoverable: false,
    };
  }

  /** Receipts cut off so far, oldest first. */
  get receipts(): readonly SimulatedReceipt[] {
    return this.printed;
  }

  /** Uncut print left on a roll that was replaced (a torn, partial receipt). */
  get tornReceipts(): readonly SimulatedReceipt[] {
    return this.torn;
  }

  /** Process IDs answered, in order. */
  get confirmedProcessIds(): readonly string[] {
    return this.confirmed;
  }

  /** Bytes heard since construction, and bytes lost to a full receive buffer. */
  get counters(): { received: number; lost: number; fed: number; queued: number } {
    return { received: this.received, lost: this.lost, fed: this.feeds, queued: this.queuedBytes };
  }

  /** Loads a roll (`ok`), marks it near its end, or takes it out; a new roll drops the uncut print with the old one. */
  setPaper(state: PaperState): void {
    if (this.paper === 'out' && state !== 'out') this.tearOff();
    this.paper = state;
    this.linesLeft = state === 'out' ? 0 : Infinity;
    this.pump();
  }

  /** The roll runs out after this many more lines or blocks (to stop a job midway). */
  runOutAfterLines(lines: number): void {
    this.linesLeft = Math.max(0, Math.trunc(lines));
    if (this.paper === 'ok') this.paper = 'nearEnd';
  }

  /** Opens or closes the paper cover; printing stops while it is open. */
  setCoverOpen(open: boolean): void {
    this.cover = open;
    this.pump();
  }

  /** Takes the printer offline without a specific cause, or back online. */
  setOffline(offline: boolean): void {
    this.offline = offline;
    this.pump();
  }

  /** Raises or clears an auto-cutter error. */
  setCutterError(error: boolean): void {
    this.cutter = error;
    this.pump();
  }

  /** Pulls the printer's cable: it hears nothing and answers nothing, but keeps printing what it has. */
  unplug(): void {
    this.connected = false;
  }

  /** Puts the cable back. */
  replug(): void {
    this.connected = true;
  }

  /** Draws the most recent receipt as SVG, from the bytes it received. */
  lastReceiptSvg(): string | undefined {
    const last = this.printed.at(-1);
    return last && receiptSvg(last.bytes, { paperWidth: this.options.paperWidth });
  }

  /** Draws a receipt (default the last) as PNG, one pixel per dot times `zoom`. */
  renderPng(index = this.printed.length - 1, zoom = 1): Uint8Array | undefined {
    const receipt = this.printed[index];
    return receipt && svgToPng(receiptSvg(receipt.bytes, { paperWidth: this.options.paperWidth }), zoom);
  }

  /** Subscribes to a simulator event; returns the unsubscribe function. */
  on<K extends keyof ReceiptPrinterSimulatorEvents>(
    event: K,
    listener: (...args: ReceiptPrinterSimulatorEvents[K]) => void,
  ): Unsubscribe {
    return this.events.on(event, listener);
  }

  /** Detaches from the transport and stops printing. */
  dispose(): void {
    for (const off of this.subscriptions) off();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.queue.length = 0;
    this.events.clear();
  }

  private canPrint(): boolean {
    return !this.cover && this.paper !== 'out' && !this.offline && !this.cutter;
  }

  private onData(chunk: Uint8Array): void {
    if (!this.connected) return;
    this.received += chunk.length;
    let start = 0;
    for (const hit of this.realtime.push(chunk)) {
      if (hit.command.kind === 'status') {
        this.send(encodeStatus(this.status).subarray(hit.command.n - 1, hit.command.n));
      } else {
        // Everything received so far, and the line being composed, is gone.
        this.queue.length = 0;
        this.queuedBytes = 0;
        this.splitter.reset();
        this.current.length = this.onPaper;
        start = hit.end;
        this.send(encodeClearResponse());
      }
    }
    for (const item of this.splitter.push(chunk.subarray(start))) {
      if (item.kind === 'error') continue; // an oversize command is lost, as on a printer with a small buffer
      const limit = this.options.receiveBufferBytes ?? 64 * 1024;
      if (this.queuedBytes + item.bytes.length > limit) {
        this.lost += item.bytes.length;
        continue;
      }
      this.queuedBytes += item.bytes.length;
      this.queue.push(item);
    }
    this.events.emit('received', this.received);
    this.pump();
  }

  // Work through the receive buffer while the printer can print; one feed per lineDelayMs.
  private pump(): void {
    if (this.pumping) return;
    this.pumping = true;
    while (this.queue.length > 0 && this.canPrint()) {
      const item = this.queue[0]!;
      const feeds = (item.kind === 'command' && FEEDS.has(item.name)) || isPrintCode(item);
      if (feeds && this.linesLeft === 0) {
        this.paper = 'out'; // the end sensor trips; the item waits for a new roll
        break;
      }
      this.queue.shift();
      this.queuedBytes -= item.bytes.length;
      this.execute(item);
      if (feeds) {
        this.onPaper = this.current.length;
        this.linesLeft -= 1;
        this.events.emit('fed', ++this.feeds);
        const delay = this.options.lineDelayMs ?? 0;
        if (delay > 0) {
          const timer = setTimeout(() => {
            this.timers.delete(timer);
            this.pumping = false;
            this.pump();
          }, delay);
          this.timers.add(timer);
          return;
        }
      }
    }
    this.pumping = false;
  }

  private execute(item: Queued): void {
    if (item.kind === 'command') {
      if (item.name.startsWith('DLE')) return; // answered on arrival
      if (item.name === 'GS ( H') return this.processId(item.bytes);
    }
    this.current.push(item.bytes);
    if (item.kind === 'command' && item.name === 'GS V') {
      const receipt = { bytes: concat(this.current) };
      this.current = [];
      this.onPaper = 0;
      this.printed.push(receipt);
      this.events.emit('receipt', receipt);
    }
  }

  // GS ( H fn 48 (1D 28 48 06 00 30 30 d1..d4): everything before it has printed, so answer now.
  private processId(bytes: Uint8Array): void {
    if (bytes.length !== 11 || bytes[5] !== 0x30 || bytes[6] !== 0x30) return;
    const id = String.fromCharCode(...bytes.subarray(7));
    if (!isProcessId(id)) return;
    this.confirmed.push(id);
    this.send(encodeProcessIdResponse(id));
  }

  private tearOff(): void {
    if (this.onPaper > 0) this.torn.push({ bytes: concat(this.current.slice(0, this.onPaper)) });
    this.current = [];
    this.onPaper = 0;
  }

  private send(bytes: Uint8Array): void {
    if (!this.connected) return;
    this.sending = this.sending.then(async () => {
      // A closed or unplugged line loses the answer, as a real wire would.
      if (this.connected && this.transport.isOpen) await this.transport.write(bytes).catch(() => undefined);
    });
  }
}

// GS ( k fn 181 prints a stored QR; GS ( L fn 50 prints a stored raster.
function isPrintCode(item: Queued): boolean {
  if (item.kind !== 'command') return false;
  const b = item.bytes;
  return (item.name === 'GS ( k' && b[6] === 0x51) || (item.name === 'GS ( L' && (b[6] === 50 || b[6] === 2));
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
