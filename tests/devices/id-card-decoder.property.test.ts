import fc from 'fast-check';
import { describe, it } from 'vitest';
import {
  FrameDecoder,
  IdCardError,
  TEXT_LAYOUT,
  decodeIdCardText,
  encodeFrame,
  encodeIdCardText,
  type DecodedItem,
  type IdCardText,
} from '../../devices/id-card/codec';

const PREAMBLE = [0xaa, 0xaa, 0xaa, 0x96, 0x69];
const DECODER_ERRORS = new Set(['garbageSkipped', 'badChecksum', 'oversizeLength', 'undersizeLength']);

function preamblePositions(bytes: Uint8Array): number[] {
  const found: number[] = [];
  for (let i = 0; i + PREAMBLE.length <= bytes.length; i++) {
    if (PREAMBLE.every((b, j) => bytes[i + j] === b)) found.push(i);
  }
  return found;
}

const containsPreamble = (bytes: Uint8Array) => preamblePositions(bytes).length > 0;

/** Plain assertion: `expect` is too slow for 100,000 runs, and fast-check reports the counterexample anyway. */
function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

function sameBytes(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
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
    check(decoder.bufferedBytes <= bound, `buffer grew to ${decoder.bufferedBytes}`);
  }
  return items;
}

/** Bytes that favour the preamble's own values, so partial preambles and resyncs happen often. */
const byte = fc.oneof(fc.constantFrom(0xaa, 0x96, 0x69, 0x00, 0x03, 0x05), fc.integer({ min: 0, max: 255 }));
const payload = fc.uint8Array({ minLength: 2, maxLength: 10 });
const chunkSizes = fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 6 });

describe('FrameDecoder properties', () => {
  it('recovers every valid frame embedded among preamble-free garbage, however the stream is split', () => {
    const garbage = fc
      .array(byte, { maxLength: 12 })
      .map((a) => Uint8Array.from(a))
      .filter((g) => !containsPreamble(g));
    const segment = fc.record({ garbage, payload });
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 4 }), garbage, chunkSizes, (segments, tail, sizes) => {
        const parts: Uint8Array[] = [];
        const expected: { offset: number; payload: Uint8Array }[] = [];
        let at = 0;
        let garbageBytes = tail.length;
        for (const s of segments) {
          const frame = encodeFrame(s.payload);
          parts.push(s.garbage, frame);
          expected.push({ offset: at + s.garbage.length, payload: s.payload });
          at += s.garbage.length + frame.length;
          garbageBytes += s.garbage.length;
        }
        parts.push(tail);
        const decoder = new FrameDecoder();
        const items = feed(decoder, concat(parts), sizes, 7 + decoder.maxLength - 1);

        let next = 0;
        let skipped = 0;
        for (const item of items) {
          if (item.kind === 'frame') {
            const want = expected[next++];
            check(want !== undefined, `extra frame at ${item.offset}`);
            check(
              item.offset === want.offset && sameBytes(item.payload, want.payload),
              `wrong frame at ${item.offset}`,
            );
          } else {
            check(item.error instanceof IdCardError && item.error.code === 'garbageSkipped', item.error.message);
            skipped += item.error.skipped ?? 0;
          }
        }
        check(next === expected.length, `recovered ${next} of ${expected.length} frames`);
        // Every garbage byte is reported, except a trailing partial preamble still held back.
        check(skipped + decoder.bufferedBytes === garbageBytes, `reported ${skipped} of ${garbageBytes} garbage bytes`);
      }),
      { numRuns: 100_000 },
    );
  }, 60_000);

  it('recovers every valid frame after damaged frames and false headers that never complete', () => {
    const garbage = fc
      .array(byte, { maxLength: 12 })
      .map((a) => Uint8Array.from(a))
      .filter((g) => !containsPreamble(g));
    const item = fc.oneof(
      payload.map((p) => ({ valid: p, bytes: encodeFrame(p) })),
      // One byte after the length field flipped: the checksum must fail.
      fc.tuple(payload, fc.nat(), fc.integer({ min: 1, max: 255 })).map(([p, at, flip]) => {
        const bytes = encodeFrame(p);
        bytes[7 + (at % (bytes.length - 7))]! ^= flip;
        return { valid: undefined, bytes };
      }),
      // A header claiming more bytes (>= 512) than the whole stream holds.
      fc
        .tuple(fc.integer({ min: 2, max: 0x0a }), fc.integer({ min: 0, max: 255 }))
        .map(([hi, lo]) => ({ valid: undefined, bytes: Uint8Array.of(...PREAMBLE, hi, lo) })),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(garbage, item), { maxLength: 5 }), chunkSizes, (segments, sizes) => {
        const parts: Uint8Array[] = [];
        const starts: number[] = [];
        const expected: { offset: number; payload: Uint8Array }[] = [];
        let at = 0;
        for (const [g, it] of segments) {
          parts.push(g, it.bytes);
          starts.push(at + g.length);
          if (it.valid) expected.push({ offset: at + g.length, payload: it.valid });
          at += g.length + it.bytes.length;
        }
        const stream = concat(parts);
        // Keep the oracle exact: no preamble may arise except where we put one.
        fc.pre(sameBytes(preamblePositions(stream), starts));
        const decoder = new FrameDecoder();
        const items = feed(decoder, stream, sizes, 7 + decoder.maxLength - 1);

        let next = 0;
        for (const item of items) {
          if (item.kind === 'error') {
            check(item.error instanceof IdCardError && DECODER_ERRORS.has(item.error.code), item.error.message);
            continue;
          }
          const want = expected[next++];
          check(want !== undefined, `extra frame at ${item.offset}`);
          check(item.offset === want.offset && sameBytes(item.payload, want.payload), `wrong frame at ${item.offset}`);
        }
        check(next === expected.length, `recovered ${next} of ${expected.length} frames`);
      }),
      { numRuns: 30_000 },
    );
  }, 60_000);

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
        const sentinels: { offset: number; payload: Uint8Array }[] = [];
        let at = 0;
        for (const b of blocks) {
          for (const n of b.noise) {
            parts.push(n);
            at += n.length;
          }
          const sentinel = encodeFrame(b.sentinel);
          parts.push(gap, sentinel);
          sentinels.push({ offset: at + gap.length, payload: b.sentinel });
          at += gap.length + sentinel.length;
        }
        const stream = concat(parts);
        const decoder = new FrameDecoder({ maxLength });
        const items = feed(decoder, stream, sizes, 7 + maxLength - 1);

        const found = new Map<number, Uint8Array>();
        for (const item of items) {
          if (item.kind === 'error') {
            check(item.error instanceof IdCardError && DECODER_ERRORS.has(item.error.code), item.error.message);
          } else {
            // A frame is always a real, checksum-valid slice of the stream.
            const framed = encodeFrame(item.payload);
            check(
              sameBytes(stream.subarray(item.offset, item.offset + framed.length), framed),
              `frame at ${item.offset} is not in the stream`,
            );
            found.set(item.offset, item.payload);
          }
        }
        for (const s of sentinels) {
          const got = found.get(s.offset);
          check(got !== undefined && sameBytes(got, s.payload), `lost the frame after the gap at ${s.offset}`);
        }
      }),
      { numRuns: 30_000 },
    );
  }, 60_000);
});

describe('text block properties', () => {
  it('round-trips arbitrary CJK (and digit) strings through encode and decode', () => {
    const unit = fc.oneof(
      fc.integer({ min: 0x4e00, max: 0x9fff }).map((c) => String.fromCharCode(c)), // CJK Unified Ideographs
      fc.integer({ min: 0x3400, max: 0x4dbf }).map((c) => String.fromCharCode(c)), // Extension A
      fc.constantFrom('0', '1', '9', 'X', '·', '号'),
    );
    const record = Object.fromEntries(
      TEXT_LAYOUT.map(([name, width]) => [name, fc.string({ unit, maxLength: width / 2 })]),
    ) as { [K in keyof IdCardText]: fc.Arbitrary<string> };
    fc.assert(
      fc.property(fc.record(record), (text) => {
        const decoded = decodeIdCardText(encodeIdCardText(text));
        check(decoded.ok, 'decode failed');
        for (const [name] of TEXT_LAYOUT) check(decoded.value[name] === text[name], `${name} changed`);
      }),
      { numRuns: 5_000 },
    );
  });
});
