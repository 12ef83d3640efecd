// Streaming frame decoder: push chunks split anywhere, get frames and typed errors
// out. It never throws, keeps at most one frame's worth of bytes, and resynchronises
// on the next preamble after garbage or a bad frame.
import { IdCardError, type FrameDecodeErrorCode, type IdCardErrorDetails } from './errors';
import { HEADER_SIZE, PREAMBLE, xorChecksum } from './frame';

/** One thing the decoder found in the stream. */
export type DecodedItem =
  | {
      kind: 'frame';
      /** The bytes between the length field and the checksum. */
      payload: Uint8Array;
      /** Stream position of the frame's first preamble byte, counted since construction or reset. */
      offset: number;
    }
  | { kind: 'error'; error: IdCardError };

/** Bounds for the length field. */
export interface FrameDecoderOptions {
  /** Largest length field accepted (default 0x0A00: text + photo + fingerprint responses fit). */
  maxLength?: number;
  /** Smallest length field accepted (default 3: two payload bytes and the checksum). */
  minLength?: number;
}

const [P0, P1, P2, P3, P4] = PREAMBLE as [number, number, number, number, number];

function preambleAt(buf: Uint8Array, i: number): boolean {
  return buf[i] === P0 && buf[i + 1] === P1 && buf[i + 2] === P2 && buf[i + 3] === P3 && buf[i + 4] === P4;
}

function indexOfPreamble(buf: Uint8Array, from: number): number {
  for (let i = buf.indexOf(P0, from); i >= 0 && i + PREAMBLE.length <= buf.length; i = buf.indexOf(P0, i + 1)) {
    if (preambleAt(buf, i)) return i;
  }
  return -1;
}

/** Length of the longest tail of `buf` (after `from`) that could still grow into a preamble. */
function partialPreambleTail(buf: Uint8Array, from: number): number {
  for (let k = Math.min(PREAMBLE.length - 1, buf.length - from); k > 0; k--) {
    let match = true;
    for (let j = 0; j < k && match; j++) match = buf[buf.length - k + j] === PREAMBLE[j];
    if (match) return k;
  }
  return 0;
}

/** Splits a byte stream into GA 467 frames. */
export class FrameDecoder {
  readonly maxLength: number;
  readonly minLength: number;
  private buffer = new Uint8Array(0);
  /** Stream position of buffer[0]. */
  private position = 0;

  constructor(options: FrameDecoderOptions = {}) {
    this.maxLength = options.maxLength ?? 0x0a00;
    this.minLength = options.minLength ?? 3;
  }

  /** Bytes held back waiting for the rest of a frame; never more than HEADER_SIZE + maxLength - 1. */
  get bufferedBytes(): number {
    return this.buffer.length;
  }

  /** Forgets any partial frame (e.g. before a new request, whose answer cannot start in old bytes). */
  reset(): void {
    this.position += this.buffer.length;
    this.buffer = new Uint8Array(0);
  }

  /** Feeds a chunk; returns the frames and errors it completed, in stream order. */
  push(chunk: Uint8Array): DecodedItem[] {
    const buf = new Uint8Array(this.buffer.length + chunk.length);
    buf.set(this.buffer, 0);
    buf.set(chunk, this.buffer.length);
    const out: DecodedItem[] = [];
    let garbage = 0;
    const flushGarbage = () => {
      if (garbage === 0) return;
      out.push(error('garbageSkipped', `skipped ${garbage} bytes outside any frame`, { skipped: garbage }));
      garbage = 0;
    };

    let i = 0;
    for (;;) {
      const p = indexOfPreamble(buf, i);
      if (p < 0) {
        const keep = partialPreambleTail(buf, i);
        garbage += buf.length - keep - i;
        i = buf.length - keep;
        break;
      }
      garbage += p - i;
      i = p;
      if (buf.length - i < HEADER_SIZE) break;

      const length = (buf[i + 5]! << 8) | buf[i + 6]!;
      if (length > this.maxLength || length < this.minLength) {
        flushGarbage();
        const code = length > this.maxLength ? 'oversizeLength' : 'undersizeLength';
        out.push(
          error(code, `frame length ${length} outside ${this.minLength}..${this.maxLength}`, {
            declaredLength: length,
          }),
        );
        i += 1; // resync on the next preamble, which may start inside this false header
        continue;
      }

      const end = i + HEADER_SIZE + length;
      if (end > buf.length) {
        // Still incomplete. If a whole valid frame already sits inside the bytes this
        // header claims, the header was noise (a false preamble in garbage): take the
        // real frame now rather than wait for bytes that may never come.
        const q = this.findCompleteFrame(buf, i + 1);
        if (q < 0) break;
        garbage += q - i;
        i = q;
        continue;
      }

      const payload = buf.subarray(i + HEADER_SIZE, end - 1);
      if (xorChecksum(buf[i + 5]!, buf[i + 6]!, payload) !== buf[end - 1]) {
        flushGarbage();
        out.push(error('badChecksum', `frame checksum mismatch at stream position ${this.position + i}`));
        i += 1; // a real frame may hide inside a false header's span
        continue;
      }
      flushGarbage();
      out.push({ kind: 'frame', payload: payload.slice(), offset: this.position + i });
      i = end;
    }
    flushGarbage();
    this.buffer = buf.slice(i);
    this.position += i;
    return out;
  }

  private findCompleteFrame(buf: Uint8Array, from: number): number {
    for (let q = indexOfPreamble(buf, from); q >= 0; q = indexOfPreamble(buf, q + 1)) {
      if (buf.length - q < HEADER_SIZE) return -1;
      const length = (buf[q + 5]! << 8) | buf[q + 6]!;
      const end = q + HEADER_SIZE + length;
      if (length > this.maxLength || length < this.minLength || end > buf.length) continue;
      if (xorChecksum(buf[q + 5]!, buf[q + 6]!, buf.subarray(q + HEADER_SIZE, end - 1)) === buf[end - 1]) return q;
    }
    return -1;
  }
}

function error(code: FrameDecodeErrorCode, message: string, details: IdCardErrorDetails = {}): DecodedItem {
  // Noise on a serial line is an expected event, not a bug: a stack trace would only
  // name this function, and capturing one costs more than decoding the frame.
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return { kind: 'error', error: new IdCardError(code, message, details) };
  } finally {
    Error.stackTraceLimit = limit;
  }
}
