// Streaming parser for what an ESC/POS printer sends back to us: one-byte real-time
// status answers (0xx1 xx10), process ID responses (37 22 d1..d4 00) and clear
// responses (37 25 00). XON/XOFF bytes are skipped: a printer set to software flow
// control may send them anywhere, even inside a response block (Epson, dle_dc4_fn8.html).
// It never throws, and holds at most one unfinished block (6 bytes). Junk comes out
// as plain typed records, not Error objects: a noisy line can produce a lot of it.
import { isStatusByte } from './status';

/** One thing found in the printer's byte stream. */
export type ResponseItem =
  | { kind: 'status'; byte: number }
  | { kind: 'processId'; id: string }
  | { kind: 'cleared' }
  | { kind: 'error'; code: 'unexpectedByte' | 'malformedResponse'; byte: number };

const HEADER = 0x37;
const PROCESS_ID = 0x22;
const CLEARED = 0x25;
const XON = 0x11;
const XOFF = 0x13;

/** Splits the printer's answers out of a byte stream cut anywhere. */
export class ResponseParser {
  private block: number[] = [];

  /** Bytes held for an unfinished response block. */
  get bufferedBytes(): number {
    return this.block.length;
  }

  /** Forgets any unfinished block. */
  reset(): void {
    this.block = [];
  }

  /** Feeds bytes; returns what they completed. */
  push(chunk: Uint8Array): ResponseItem[] {
    const items: ResponseItem[] = [];
    for (const byte of chunk) this.take(byte, items);
    return items;
  }

  private take(byte: number, items: ResponseItem[]): void {
    if (byte === XON || byte === XOFF) return;
    const block = this.block;
    if (block.length === 0) {
      if (byte === HEADER) block.push(byte);
      else if (isStatusByte(byte)) items.push({ kind: 'status', byte });
      else items.push({ kind: 'error', code: 'unexpectedByte', byte });
      return;
    }
    const id = block[1];
    if (id === undefined) {
      if (byte === PROCESS_ID || byte === CLEARED) return void block.push(byte);
      return this.broken(byte, items);
    }
    if (id === CLEARED || block.length === 6) {
      if (byte !== 0x00) return this.broken(byte, items); // a block ends with NUL
      this.block = [];
      if (id === CLEARED) items.push({ kind: 'cleared' });
      else items.push({ kind: 'processId', id: String.fromCharCode(...block.slice(2)) });
      return;
    }
    if (byte < 0x20 || byte > 0x7e) return this.broken(byte, items); // process ID bytes are 20..7E
    block.push(byte);
  }

  // Drop the broken block and look at the byte again: it may start the next answer.
  private broken(byte: number, items: ResponseItem[]): void {
    this.block = [];
    items.push({ kind: 'error', code: 'malformedResponse', byte });
    this.take(byte, items);
  }
}
