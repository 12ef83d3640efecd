// Streaming ESC/POS command splitter: what a printer's parser does with the bytes
// we send, and what our driver does to cut a job only between commands. Text runs
// (every byte from 0x20 up, which includes both bytes of a GB18030 character) come
// out as `text`; everything else as one `command` with its parameters. It never
// throws and holds at most `maxCommandBytes`: a command declaring more is skipped
// byte by byte and reported once as `oversizeCommand`.
import { commandLength, commandName, isCommandPrefix } from './command-lengths';
import { ReceiptPrinterError } from './errors';

/** One piece of an ESC/POS stream. */
export type EscPosItem =
  | { kind: 'text'; bytes: Uint8Array }
  | { kind: 'command'; name: string; bytes: Uint8Array }
  | { kind: 'error'; error: ReceiptPrinterError };

/** Bounds for the splitter. */
export interface EscPosSplitterOptions {
  /** Largest command kept whole (default 256 KiB: a full-width raster of 3600 rows fits). */
  maxCommandBytes?: number;
}

/** Splits an ESC/POS byte stream cut anywhere into text runs and whole commands. */
export class EscPosSplitter {
  readonly maxCommandBytes: number;
  private command: Uint8Array;
  private filled = 0;
  private wanted = 0;
  private nulFrom = -1;
  private skipping = 0;

  constructor(options: EscPosSplitterOptions = {}) {
    this.maxCommandBytes = Math.max(16, options.maxCommandBytes ?? 256 * 1024);
    this.command = new Uint8Array(64);
  }

  /** Bytes held for an unfinished command. */
  get bufferedBytes(): number {
    return this.filled;
  }

  /** Forgets any unfinished command (the printer's buffer was cleared). */
  reset(): void {
    this.filled = 0;
    this.wanted = 0;
    this.nulFrom = -1;
    this.skipping = 0;
  }

  /** Feeds bytes; returns the items they completed (a text run ends with the chunk). */
  push(chunk: Uint8Array): EscPosItem[] {
    const items: EscPosItem[] = [];
    let i = 0;
    while (i < chunk.length) {
      if (this.skipping > 0) {
        const n = Math.min(this.skipping, chunk.length - i);
        this.skipping -= n;
        i += n;
      } else if (this.filled > 0) {
        i = this.continueCommand(chunk, i, items);
      } else if (chunk[i]! >= 0x20) {
        let end = i;
        while (end < chunk.length && chunk[end]! >= 0x20) end++;
        items.push({ kind: 'text', bytes: chunk.slice(i, end) });
        i = end;
      } else {
        this.append(chunk[i]!);
        this.wanted = 0;
        this.nulFrom = -1;
        i += 1;
        this.settle(items);
      }
    }
    return items;
  }

  private continueCommand(chunk: Uint8Array, i: number, items: EscPosItem[]): number {
    if (this.nulFrom >= 0) {
      const byte = chunk[i]!;
      this.append(byte);
      if (byte === 0x00 || this.filled >= this.wanted) this.emit(items);
      return i + 1;
    }
    const n = Math.min(this.wanted - this.filled, chunk.length - i);
    for (let k = 0; k < n; k++) this.append(chunk[i + k]!);
    this.settle(items);
    return i + n;
  }

  // Ask the length table again with what we have; emit, wait, or skip.
  private settle(items: EscPosItem[]): void {
    const prefix = this.command.subarray(0, this.filled);
    if (!isCommandPrefix(prefix[0]!)) return this.emit(items);
    if (this.filled < this.wanted) return;
    const length = commandLength(prefix);
    if ('nulFrom' in length) {
      this.nulFrom = length.nulFrom;
      this.wanted = length.max;
      if (this.filled > length.nulFrom && prefix[this.filled - 1] === 0x00) this.emit(items);
      return;
    }
    const size = 'atLeast' in length ? length.atLeast : length.total;
    if (size > this.maxCommandBytes) {
      items.push({
        kind: 'error',
        error: new ReceiptPrinterError(
          'oversizeCommand',
          `${commandName(prefix)} needs ${size} bytes or more, over the limit of ${this.maxCommandBytes}`,
        ),
      });
      // A known length is skipped exactly; an open-ended one (ESC & with absurd sizes) ends here.
      return this.finish('total' in length ? length.total - this.filled : 0);
    }
    this.wanted = size;
    if ('total' in length && this.filled >= this.wanted) this.emit(items);
  }

  private emit(items: EscPosItem[]): void {
    const bytes = this.command.slice(0, this.filled);
    items.push({ kind: 'command', name: commandName(bytes), bytes });
    this.finish(0);
  }

  private finish(skipping: number): void {
    this.reset();
    this.skipping = skipping;
  }

  private append(byte: number): void {
    if (this.filled === this.command.length) {
      const bigger = new Uint8Array(Math.min(this.maxCommandBytes, this.command.length * 2));
      bigger.set(this.command);
      this.command = bigger;
    }
    this.command[this.filled++] = byte;
  }
}
