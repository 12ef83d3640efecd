// GA 467 reader framing: preamble AA AA AA 96 69, a big-endian length of what
// follows (payload + checksum), the payload, then an XOR checksum over the two
// length bytes and the payload.
import { IdCardError } from './errors';

/** The five bytes that open every frame in both directions. */
export const PREAMBLE: readonly number[] = Object.freeze([0xaa, 0xaa, 0xaa, 0x96, 0x69]);

/** Preamble plus the two length bytes. */
export const HEADER_SIZE = 7;

/** The largest length field a frame can carry. */
export const MAX_LENGTH_FIELD = 0xffff;

/** XOR of both length bytes and every payload byte. */
export function xorChecksum(lengthHigh: number, lengthLow: number, payload: Uint8Array): number {
  let sum = lengthHigh ^ lengthLow;
  for (const byte of payload) sum ^= byte;
  return sum & 0xff;
}

/** Wraps a payload (`CMD PARA data` or `SW1 SW2 SW3 data`) in a complete frame. */
export function encodeFrame(payload: Uint8Array): Uint8Array {
  const length = payload.length + 1;
  if (length > MAX_LENGTH_FIELD) {
    throw new IdCardError('payloadTooLong', `payload of ${payload.length} bytes does not fit a frame`);
  }
  const frame = new Uint8Array(HEADER_SIZE + length);
  frame.set(PREAMBLE, 0);
  frame[5] = length >> 8;
  frame[6] = length & 0xff;
  frame.set(payload, HEADER_SIZE);
  frame[frame.length - 1] = xorChecksum(length >> 8, length & 0xff, payload);
  return frame;
}
