import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FrameDecoder, IdCardError, encodeFrame, type DecodedItem } from '../../devices/id-card/codec';

const PREAMBLE = [0xaa, 0xaa, 0xaa, 0x96, 0x69];
const DECODER_ERRORS = new Set(['garbageSkipped', 'badChecksum', 'oversizeLength', 'undersizeLength']);

function containsPreamble(bytes: Uint8Array): boolean {
  for (let i = 0; i + PREAMBLE.length <= bytes.length; i++) {
    if (PREAMBLE.every((b, j) => bytes[i + j] === b)) return true;
  }
  return false;
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

/** Feeds `stream` cut at the given chunk sizes (cycled); checks the buffer bound after every push. */
function feed(decoder: FrameDecoder, stream: Uint8Array, chunkSizes: number[], bound: number): DecodedItem[] {
  const items: DecodedItem[] = [];
  for (let at = 0, k = 0; at < stream.length; k++) {
    const size = chunkSizes[k % chunkSizes.length]!;
    items.push(...decoder.push(stream.subarray(at, at + size)));
    at += size;
    if (decoder.bufferedBytes > bound) throw new Error(`buffer grew to ${decoder.bufferedBytes}`);
  }
  return items;
}

/** Bytes that favour the preamble's own values, so partial preambles and resyncs happen often. */
const byte = fc.oneof(fc.constantFrom(0xaa, 0x96, 0x69, 0x00, 0x03, 0x05), fc.integer({ min: 0, max: 255 }));
const payload = fc.uint8Array({ minLength: 2, maxLength: 10 });
const chunkSizes = fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 6 });

describe('FrameDecoder properties', () => {
  it('recovers every valid frame embedded among preamble-free garbage, however the stream is split', () => {
    const garbage = fc.array(byte, { maxLength: 12 }).map((a) => Uint8Array.from(a)).filter((g) => !containsPreamble(g));
    const segment = fc.record({ garbage, payload });
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 4 }), garbage, chunkSizes, (segments, tail, sizes) => {
        const parts: Uint8Array[] = [];
        const expected: { offset: number; payload: number[] }[] = [];
        let at = 0;
        let garbageBytes = tail.length;
        for (const s of segments) {
          const frame = encodeFrame(s.payload);
          parts.push(s.garbage, frame);
          expected.push({ offset: at + s.garbage.length, payload: [...s.payload] });
          at += s.garbage.length + frame.length;
          garbageBytes += s.garbage.length;
        }
        parts.push(tail);
        const decoder = new FrameDecoder();
        const items = feed(decoder, concat(parts), sizes, 7 + decoder.maxLength - 1);

        const frames = items.flatMap((i) => (i.kind === 'frame' ? [{ offset: i.offset, payload: [...i.payload] }] : []));
        expect(frames).toEqual(expected);
        let skipped = 0;
        for (const item of items) {
          if (item.kind === 'frame') continue;
          expect(item.error).toBeInstanceOf(IdCardError);
          expect(item.error.code).toBe('garbageSkipped');
          skipped += item.error.skipped ?? 0;
        }
        // Every garbage byte is reported, except a trailing partial preamble still held back.
        expect(skipped + decoder.bufferedBytes).toBe(garbageBytes);
      }),
      { numRuns: 100_000 },
    );
  });

  it('survives hostile streams and resynchronises on the first frame after a quiet gap', () => {
    const maxLength = 64;
    const gap = new Uint8Array(7 + maxLength); // longer than any header can claim
    const frame = payload.map((p) => encodeFrame(p));
    const hostile = fc.oneof(
      frame,
      fc.array(byte, { maxLength: 16 }).map((a) => Uint8Array.from(a)),
      fc.tuple(byte, byte).map(([hi, lo]) => Uint8Array.of(...PREAMBLE, hi, lo)), // false header
      fc.integer({ min: maxLength + 1, max: 0xffff }).map((n) => Uint8Array.of(...PREAMBLE, n >> 8, n & 0xff)),
      fc
        .tuple(frame, fc.nat(), fc.integer({ min: 1, max: 255 }))
        .map(([f, at, flip]) => f.map((b, i) => (i === at % f.length ? b ^ flip : b))), // damaged frame
      fc.tuple(frame, fc.nat()).map(([f, cut]) => f.subarray(0, cut % f.length)), // truncated frame
    );
    const block = fc.record({ noise: fc.array(hostile, { maxLength: 4 }), sentinel: payload });
    fc.assert(
      fc.property(fc.array(block, { minLength: 1, maxLength: 3 }), chunkSizes, (blocks, sizes) => {
        const parts: Uint8Array[] = [];
        const sentinels: { offset: number; payload: number[] }[] = [];
        let at = 0;
        for (const b of blocks) {
          for (const n of b.noise) {
            parts.push(n);
            at += n.length;
          }
          const sentinel = encodeFrame(b.sentinel);
          parts.push(gap, sentinel);
          sentinels.push({ offset: at + gap.length, payload: [...b.sentinel] });
          at += gap.length + sentinel.length;
        }
        const stream = concat(parts);
        const decoder = new FrameDecoder({ maxLength });
        const items = feed(decoder, stream, sizes, 7 + maxLength - 1);

        for (const item of items) {
          if (item.kind === 'error') {
            expect(item.error).toBeInstanceOf(IdCardError);
            expect(DECODER_ERRORS.has(item.error.code)).toBe(true);
          } else {
            // A frame is always a real, checksum-valid slice of the stream.
            const framed = encodeFrame(item.payload);
            expect([...stream.subarray(item.offset, item.offset + framed.length)]).toEqual([...framed]);
          }
        }
        const frames = items.flatMap((i) => (i.kind === 'frame' ? [{ offset: i.offset, payload: [...i.payload] }] : []));
        for (const s of sentinels) expect(frames).toContainEqual(s);
      }),
      { numRuns: 30_000 },
    );
  });
});
