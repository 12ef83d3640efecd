// Random byte streams, cut at random chunk boundaries, into everything that parses
// printer bytes: typed results only, no throw, no hang, bounded buffers, and the
// same answer however the stream was cut.
import fc from 'fast-check';
import { describe, it } from 'vitest';
import {
  EscPosSplitter,
  RealtimeScanner,
  ResponseParser,
  encodeClearResponse,
  encodeProcessIdResponse,
  isStatusByte,
  layoutReceipt,
  type EscPosItem,
  type ResponseItem,
} from '../../devices/receipt-printer/codec';
import { ReceiptPrinterSimulator } from '../../devices/receipt-printer/simulator';
import { Emitter } from '../../devices/emitter';
import type { Transport, TransportEvents } from '../../devices/transport';

/** Plain assertion: `expect` is too slow for 100,000 runs, and fast-check reports the counterexample anyway. */
function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

/** Bytes that favour command prefixes, lengths and response headers, so real structure turns up often. */
const interestingByte = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 255 }) },
  { weight: 2, arbitrary: fc.constantFrom(0x10, 0x1b, 0x1d, 0x1c, 0x0a, 0x00) },
  { weight: 2, arbitrary: fc.constantFrom(0x04, 0x14, 0x28, 0x6b, 0x76, 0x30, 0x38, 0x4c, 0x56, 0x48, 0x26, 0x44) },
  { weight: 1, arbitrary: fc.constantFrom(0x37, 0x22, 0x25, 0x12, 0x16, 0x7e, 0x11, 0x13, 0x01, 0x02, 0x03) },
);
const stream = fc.array(interestingByte, { maxLength: 96 }).map((a) => Uint8Array.from(a));
const cuts = fc.array(fc.integer({ min: 1, max: 24 }), { minLength: 1, maxLength: 8 });

function* chunksOf(bytes: Uint8Array, sizes: number[]): Generator<Uint8Array> {
  for (let at = 0, k = 0; at < bytes.length; k++) {
    const size = sizes[k % sizes.length]!;
    yield bytes.subarray(at, at + size);
    at += size;
  }
}

const RESPONSE_ERRORS = new Set(['unexpectedByte', 'malformedResponse']);

function describeResponse(item: ResponseItem): string {
  switch (item.kind) {
    case 'status':
      return `s${item.byte}`;
    case 'processId':
      return `p${item.id}`;
    case 'cleared':
      return 'c';
    case 'error':
      return `e${item.code}${item.byte}`;
  }
}

/** Items with adjacent text runs merged: how a stream splits into text may follow the chunking. */
function normalise(items: EscPosItem[]): string[] {
  const out: string[] = [];
  let text = '';
  for (const item of items) {
    if (item.kind === 'text') {
      text += Buffer.from(item.bytes).toString('hex');
      continue;
    }
    if (text) out.push(`t${text}`);
    text = '';
    out.push(
      item.kind === 'command' ? `${item.name}:${Buffer.from(item.bytes).toString('hex')}` : `!${item.error.code}`,
    );
  }
  if (text) out.push(`t${text}`);
  return out;
}

describe('ResponseParser on random bytes', () => {
  it('yields typed items, holds at most one block, and ignores how the stream was cut (100,000 streams)', () => {
    fc.assert(
      fc.property(stream, cuts, (bytes, sizes) => {
        const parser = new ResponseParser();
        const items: ResponseItem[] = [];
        for (const chunk of chunksOf(bytes, sizes)) {
          items.push(...parser.push(chunk));
          check(parser.bufferedBytes <= 6, `buffer grew to ${parser.bufferedBytes}`);
        }
        for (const item of items) {
          if (item.kind === 'status') check(isStatusByte(item.byte), `status ${item.byte} has wrong fixed bits`);
          if (item.kind === 'processId') check(/^[\x20-\x7e]{4}$/.test(item.id), `bad process ID ${item.id}`);
          if (item.kind === 'error') check(RESPONSE_ERRORS.has(item.code), `untyped ${item.code}`);
        }
        const whole = new ResponseParser().push(bytes);
        check(whole.map(describeResponse).join() === items.map(describeResponse).join(), 'chunking changed the result');
      }),
      { numRuns: 100_000 },
    );
  });

  it('decodes exactly the answers a printer sent, around XON/XOFF', () => {
    const answer = fc.oneof(
      fc
        .integer({ min: 0, max: 255 })
        .filter(isStatusByte)
        .map((b) => ({ bytes: [b], item: `s${b}` })),
      fc.stringMatching(/^[\x20-\x7e]{4}$/).map((id) => ({ bytes: [...encodeProcessIdResponse(id)], item: `p${id}` })),
      fc.constant({ bytes: [...encodeClearResponse()], item: 'c' }),
      fc.constantFrom(0x11, 0x13).map((b) => ({ bytes: [b], item: '' })),
    );
    fc.assert(
      fc.property(fc.array(answer, { maxLength: 20 }), cuts, (answers, sizes) => {
        const parser = new ResponseParser();
        const bytes = Uint8Array.from(answers.flatMap((a) => a.bytes));
        const items = [...chunksOf(bytes, sizes)].flatMap((c) => parser.push(c));
        const wanted = answers.map((a) => a.item).filter(Boolean);
        check(items.map(describeResponse).join() === wanted.join(), 'answers lost or invented');
      }),
      { numRuns: 5_000 },
    );
  });
});

describe('EscPosSplitter on random bytes', () => {
  it('yields typed items, stays within its bound, and ignores how the stream was cut (100,000 streams)', () => {
    fc.assert(
      fc.property(stream, cuts, (bytes, sizes) => {
        const maxCommandBytes = 64;
        const splitter = new EscPosSplitter({ maxCommandBytes });
        const items: EscPosItem[] = [];
        for (const chunk of chunksOf(bytes, sizes)) {
          items.push(...splitter.push(chunk));
          check(splitter.bufferedBytes <= maxCommandBytes, `buffer grew to ${splitter.bufferedBytes}`);
        }
        for (const item of items) {
          if (item.kind === 'error') check(item.error.code === 'oversizeCommand', `untyped ${item.error.code}`);
          else check(item.bytes.length > 0, 'empty item');
          if (item.kind === 'text')
            check(
              item.bytes.every((b) => b >= 0x20),
              'control byte in text',
            );
        }
        const whole = new EscPosSplitter({ maxCommandBytes });
        const once = whole.push(bytes);
        check(normalise(once).join() === normalise(items).join(), 'chunking changed the result');
        check(whole.bufferedBytes === splitter.bufferedBytes, 'chunking changed what is held');
        if (!items.some((i) => i.kind === 'error')) {
          const out = items.reduce((n, i) => n + (i.kind === 'error' ? 0 : i.bytes.length), 0);
          check(out + splitter.bufferedBytes === bytes.length, 'bytes lost or invented');
        }
      }),
      { numRuns: 100_000 },
    );
  });

  it('finds real-time commands the same way however the stream was cut', () => {
    fc.assert(
      fc.property(stream, cuts, (bytes, sizes) => {
        const scanner = new RealtimeScanner();
        let offset = 0;
        const hits: string[] = [];
        for (const chunk of chunksOf(bytes, sizes)) {
          for (const hit of scanner.push(chunk)) hits.push(`${JSON.stringify(hit.command)}@${offset + hit.end}`);
          offset += chunk.length;
        }
        const once = new RealtimeScanner().push(bytes).map((h) => `${JSON.stringify(h.command)}@${h.end}`);
        check(once.join() === hits.join(), 'chunking changed the hits');
      }),
      { numRuns: 20_000 },
    );
  });
});

describe('the receipt renderer and the simulator on random bytes', () => {
  it('lay out any bytes without throwing (20,000 streams)', () => {
    fc.assert(
      fc.property(stream, (bytes) => {
        const layout = layoutReceipt(bytes);
        check(Number.isFinite(layout.height) && layout.height >= 0, `height ${layout.height}`);
      }),
      { numRuns: 20_000 },
    );
  });

  it('the simulator takes any stream, answers only with well-formed responses, and keeps its buffers bounded', async () => {
    await fc.assert(
      fc.asyncProperty(stream, cuts, async (bytes, sizes) => {
        const wire = new FakeWire();
        const simulator = new ReceiptPrinterSimulator(wire, { receiveBufferBytes: 256 });
        for (const chunk of chunksOf(bytes, sizes)) wire.deliver(chunk);
        simulator.lastReceiptSvg();
        check(simulator.counters.queued <= 256, `receive buffer at ${simulator.counters.queued}`);
        simulator.dispose();
        const sent = await wire.flushed();
        const parser = new ResponseParser();
        const items = parser.push(sent);
        check(parser.bufferedBytes === 0 && items.every((i) => i.kind !== 'error'), 'simulator sent junk');
      }),
      { numRuns: 2_000 },
    );
  });
});

/** A transport end we drive by hand: `deliver` plays bytes from the host; writes are collected. */
class FakeWire implements Transport {
  readonly isOpen = true;
  private readonly events = new Emitter<TransportEvents>();
  private readonly sent: number[] = [];
  on<K extends keyof TransportEvents>(event: K, listener: (...args: TransportEvents[K]) => void) {
    return this.events.on(event, listener);
  }
  async open() {}
  async close() {}
  async write(bytes: Uint8Array): Promise<void> {
    this.sent.push(...bytes);
  }
  deliver(chunk: Uint8Array): void {
    this.events.emit('data', chunk);
  }
  async flushed(): Promise<Uint8Array> {
    // The simulator chains its writes on promises; they have all run by the next macrotask.
    await new Promise((resolve) => setImmediate(resolve));
    return Uint8Array.from(this.sent);
  }
}
