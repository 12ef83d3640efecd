import fc from 'fast-check';
import { describe, it } from 'vitest';
import {
  HidPosDecoder,
  KeyboardWedgeDecoder,
  QrScanError,
  US_KEYMAP,
  type ScanItem,
} from '../../devices/qr-scanner/codec';

/** Plain assertion: `expect` is too slow for 100,000 runs, and fast-check reports the counterexample anyway. */
function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

const CODES = new Set(['malformedReport', 'unknownKey', 'unsupportedModifier', 'rollover', 'tooLong']);
const TYPABLE = new Set([...US_KEYMAP.values()].flatMap(([plain, shifted]) => (shifted ? [plain, shifted] : [plain])));

/** How many scans and errors the runs produced, so a property that never reaches a scan cannot pass. */
const seen = { scan: 0, error: 0 };

function checkItems(items: ScanItem[], bound: number, charset?: Set<string>): void {
  for (const item of items) {
    seen[item.kind] += 1;
    if (item.kind === 'error') {
      check(item.error instanceof QrScanError && CODES.has(item.error.code), `untyped error ${String(item.error)}`);
      continue;
    }
    check(item.kind === 'scan' && item.text.length > 0, 'empty scan');
    check(item.text.length <= bound, `scan of ${item.text.length} over the bound ${bound}`);
    if (charset)
      check(
        [...item.text].every((c) => charset.has(c)),
        `untypable character in ${item.text}`,
      );
  }
}

const keycode = fc.oneof(
  { weight: 3, arbitrary: fc.constant(0) },
  { weight: 6, arbitrary: fc.integer({ min: 0x04, max: 0x38 }) },
  { weight: 2, arbitrary: fc.constantFrom(0x28, 0x58) }, // Enter
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 255 }) },
);
const modifier = fc.oneof(fc.constantFrom(0x00, 0x00, 0x02, 0x20), fc.integer({ min: 0, max: 255 }));
const keyboardReport = fc.oneof(
  {
    weight: 12,
    arbitrary: fc
      .tuple(modifier, fc.array(keycode, { minLength: 6, maxLength: 6 }))
      .map(([m, k]) => Uint8Array.of(m, 0, ...k)),
  },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 12 }) },
);

const hidPosReport = fc.oneof(
  {
    weight: 12,
    arbitrary: fc
      .record({
        id: fc.constantFrom(0x02, 0x02, 0x02, 0x04),
        length: fc.oneof(fc.integer({ min: 0, max: 56 }), fc.integer({ min: 0, max: 255 })),
        fill: fc.integer({ min: 0, max: 255 }),
        flags: fc.oneof(fc.constantFrom(0x00, 0x01), fc.integer({ min: 0, max: 255 })),
      })
      .map(({ id, length, fill, flags }) => {
        const report = new Uint8Array(64).fill(fill);
        report[0] = id;
        report[1] = length;
        report[63] = flags;
        return report;
      }),
  },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 70 }) },
);

describe('QR scanner decoders on random report sequences', () => {
  it('keyboard wedge: 100,000 sequences never throw and never emit more than the bound', () => {
    seen.scan = seen.error = 0;
    fc.assert(
      fc.property(fc.array(keyboardReport, { maxLength: 16 }), fc.integer({ min: 1, max: 12 }), (reports, bound) => {
        const decoder = new KeyboardWedgeDecoder(bound);
        for (const report of reports) checkItems(decoder.push(report), bound, TYPABLE);
      }),
      { numRuns: 100_000 },
    );
    check(seen.scan > 1000 && seen.error > 1000, `only ${seen.scan} scans and ${seen.error} errors`);
  }, 60_000);

  it('HID POS: 100,000 sequences never throw and never emit more than the bound', () => {
    seen.scan = seen.error = 0;
    fc.assert(
      fc.property(fc.array(hidPosReport, { maxLength: 8 }), fc.integer({ min: 1, max: 200 }), (reports, bound) => {
        const decoder = new HidPosDecoder(bound);
        for (const report of reports) checkItems(decoder.push(report), bound);
      }),
      { numRuns: 100_000 },
    );
    check(seen.scan > 1000 && seen.error > 1000, `only ${seen.scan} scans and ${seen.error} errors`);
  }, 60_000);
});
