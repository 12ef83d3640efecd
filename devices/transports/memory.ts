// Two in-memory transports wired back to back, for the in-process simulators of the
// embedded default and for tests. Bytes arrive asynchronously and, if asked, cut
// into random chunk sizes, because real serial ports never preserve write boundaries.
import { Emitter } from '../emitter';
import type { Transport, TransportEvents } from '../transport';
import { TransportError } from '../transport-error';

/** How a linked pair delivers bytes. */
export interface LinkedPairOptions {
  /** Split every write into chunks of 1..maxChunkSize bytes (default: deliver whole writes). */
  maxChunkSize?: number;
  /** Random source in [0, 1) for chunk sizes (default Math.random); inject for reproducible tests. */
  random?: () => number;
}

/** Two transports wired back to back, with a cable that can be pulled. */
export interface LinkedPair {
  /** One end (e.g. the driver's). */
  readonly a: Transport;
  /** The other end (e.g. the simulator's). */
  readonly b: Transport;
  /** True unless `unplug()` was called without a later `replug()`. */
  readonly plugged: boolean;
  /** Pulls the cable: bytes in flight are lost and both open ends close with `error`. */
  unplug(error?: Error): void;
  /** Puts the cable back; the ends stay closed until someone opens them. */
  replug(): void;
}

class MemoryEnd implements Transport {
  peer!: MemoryEnd;
  private open_ = false;
  private readonly events = new Emitter<TransportEvents>();
  private readonly inbox: Uint8Array[] = [];
  private draining = false;

  constructor(
    private readonly cable: { plugged: boolean },
    private readonly options: LinkedPairOptions,
  ) {}

  get isOpen(): boolean {
    return this.open_;
  }

  on<K extends keyof TransportEvents>(event: K, listener: (...args: TransportEvents[K]) => void) {
    return this.events.on(event, listener);
  }

  async open(): Promise<void> {
    if (this.open_) return;
    if (!this.cable.plugged) throw new TransportError('openFailed', 'the memory cable is unplugged');
    this.open_ = true;
  }

  async close(): Promise<void> {
    if (!this.open_) return;
    this.open_ = false;
    this.inbox.length = 0;
    this.events.emit('close');
  }

  async write(bytes: Uint8Array): Promise<void> {
    if (!this.open_) throw new TransportError('notOpen', 'write on a closed memory transport');
    for (const chunk of this.split(bytes.slice())) this.peer.enqueue(chunk);
  }

  /** Closes this end because the cable was pulled. */
  drop(error: Error): void {
    this.inbox.length = 0;
    if (!this.open_) return;
    this.open_ = false;
    this.events.emit('close', error);
  }

  private enqueue(chunk: Uint8Array): void {
    this.inbox.push(chunk);
    if (this.draining) return;
    this.draining = true;
    setImmediate(() => this.drainOne());
  }

  // One chunk per macrotask, so a reader sees the bytes trickle in as from a UART.
  private drainOne(): void {
    const chunk = this.inbox.shift();
    if (chunk && this.open_ && this.cable.plugged) this.events.emit('data', chunk);
    if (this.inbox.length > 0) setImmediate(() => this.drainOne());
    else this.draining = false;
  }

  private split(bytes: Uint8Array): Uint8Array[] {
    const max = this.options.maxChunkSize;
    if (!max || max < 1 || bytes.length <= 1) return [bytes];
    const random = this.options.random ?? Math.random;
    const chunks: Uint8Array[] = [];
    for (let i = 0; i < bytes.length;) {
      const size = 1 + Math.floor(random() * max);
      chunks.push(bytes.subarray(i, i + size));
      i += size;
    }
    return chunks;
  }
}

/** Creates two closed in-memory transports wired back to back; open both before use. */
export function createLinkedPair(options: LinkedPairOptions = {}): LinkedPair {
  const cable = { plugged: true };
  const a = new MemoryEnd(cable, options);
  const b = new MemoryEnd(cable, options);
  a.peer = b;
  b.peer = a;
  return {
    a,
    b,
    get plugged() {
      return cable.plugged;
    },
    unplug(error = new TransportError('disconnected', 'the memory cable was unplugged')) {
      cable.plugged = false;
      a.drop(error);
      b.drop(error);
    },
    replug() {
      cable.plugged = true;
    },
  };
}
