// The few ESC/POS commands the driver and simulator speak themselves (receiptline
// writes the receipt body). Byte layouts from the Epson ESC/POS Command Reference
// (https://download4.epson.biz/sec_pubs/pos/reference_en/escpos/):
//   DLE EOT n          dle_eot.html         10 04 n
//   DLE DC4 (fn = 8)   dle_dc4_fn8.html     10 14 08 01 03 14 01 06 02 08, answered 37 25 00
//   GS ( H <fn 48>     gs_lparen_ch_fn48.html  1D 28 48 06 00 30 30 d1 d2 d3 d4, answered
//                      37 22 d1 d2 d3 d4 00 "when the printing is completed" of the data before it
//   GS V <fn B>        gs_cv.html           1D 56 42 n: feed to the cutter (+n) and partial cut
//   GS ( k QR, fn 165/167/169/180/181    gs_lparen_lk.html
import { STATUS_REQUESTS, type StatusRequest } from './status';

export const DLE = 0x10;
export const EOT = 0x04;
export const DC4 = 0x14;
export const ESC = 0x1b;
export const GS = 0x1d;
export const FS = 0x1c;
export const LF = 0x0a;

/** DLE EOT n: ask for one real-time status byte. */
export function encodeStatusRequest(n: StatusRequest): Uint8Array {
  return Uint8Array.of(DLE, EOT, n);
}

/**
 * DLE EOT 1, 2, 3, 4 in one write. Epson allows up to four at once, provided nothing
 * else is sent until all four answers are in (dle_eot.html, notes).
 */
export function encodeStatusBatch(): Uint8Array {
  return Uint8Array.from(STATUS_REQUESTS.flatMap((n) => [DLE, EOT, n]));
}

/** A process ID is four bytes in 0x20..0x7E (gs_lparen_ch_fn48.html, range). */
export function isProcessId(id: string): boolean {
  return /^[\x20-\x7e]{4}$/.test(id);
}

const ID_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Number of distinct IDs `processIdFrom` makes (62^4). */
export const PROCESS_ID_SPACE = 62 ** 4;

/** Four alphanumeric characters for `n` (mod 62^4): a process ID. */
export function processIdFrom(n: number): string {
  let rest = Math.abs(Math.trunc(n)) % PROCESS_ID_SPACE;
  let id = '';
  for (let i = 0; i < 4; i++) {
    id = ID_ALPHABET[rest % 62]! + id;
    rest = Math.floor(rest / 62);
  }
  return id;
}

/** GS ( H fn 48: answer with this ID once everything sent before it has printed. */
export function encodeProcessIdRequest(id: string): Uint8Array {
  if (!isProcessId(id))
    throw new RangeError(`process ID must be 4 printable ASCII characters, got ${JSON.stringify(id)}`);
  return Uint8Array.of(GS, 0x28, 0x48, 0x06, 0x00, 0x30, 0x30, ...asciiBytes(id));
}

/** The printer's answer to GS ( H fn 48 (for the simulator). */
export function encodeProcessIdResponse(id: string): Uint8Array {
  if (!isProcessId(id))
    throw new RangeError(`process ID must be 4 printable ASCII characters, got ${JSON.stringify(id)}`);
  return Uint8Array.of(0x37, 0x22, ...asciiBytes(id), 0x00);
}

/** DLE DC4 fn 8: clear the receive and print buffers, in real time (works while offline). */
export function encodeClearBuffers(): Uint8Array {
  return Uint8Array.of(DLE, DC4, 0x08, 0x01, 0x03, 0x14, 0x01, 0x06, 0x02, 0x08);
}

/** The printer's answer to DLE DC4 fn 8 (for the simulator). */
export function encodeClearResponse(): Uint8Array {
  return Uint8Array.of(0x37, 0x25, 0x00);
}

/** GS V 66 n: feed to the cutting position plus n dots, then partial cut (what receiptline emits, n = 0). */
export function encodeCut(feed = 0): Uint8Array {
  return Uint8Array.of(GS, 0x56, 0x42, feed & 0xff);
}

/** QR error correction levels, as GS ( k fn 169 numbers them. */
export const QR_LEVELS = Object.freeze({ l: 48, m: 49, q: 50, h: 51 } as const);

/** Largest QR payload GS ( k fn 180 accepts: (pL + pH × 256) ≤ 7092, three of them fixed. */
export const QR_MAX_BYTES = 7089;

/** The printer's own QR Code: model 2, module size, level, store the data, print. */
export function encodeQrCode(data: Uint8Array, moduleSize: number, level: keyof typeof QR_LEVELS): Uint8Array {
  if (data.length < 1 || data.length > QR_MAX_BYTES) throw new RangeError(`QR data must be 1..${QR_MAX_BYTES} bytes`);
  const size = Math.min(16, Math.max(1, Math.trunc(moduleSize)));
  const store = data.length + 3;
  return Uint8Array.of(
    ...[GS, 0x28, 0x6b, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00], // fn 165: model 2
    ...[GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x43, size], // fn 167: module size in dots
    ...[GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x45, QR_LEVELS[level]], // fn 169: error correction
    ...[GS, 0x28, 0x6b, store & 0xff, store >> 8, 0x31, 0x50, 0x30], // fn 180: store data
    ...data,
    ...[GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30], // fn 181: print
  );
}

function asciiBytes(text: string): number[] {
  return [...text].map((c) => c.charCodeAt(0));
}
