import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  HidPosDecoder,
  KeyboardWedgeDecoder,
  QrScanError,
  US_CHAR_TO_KEY,
  hidPosReports,
  keyboardReports,
  type ScanItem,
} from '../../devices/qr-scanner/codec';

const r = (...b: number[]) => Uint8Array.from(b);
const UP = r(0, 0, 0, 0, 0, 0, 0, 0);
const zeros = (n: number) => new Array<number>(n).fill(0);
const feed = (decoder: { push(report: Uint8Array): ScanItem[] }, reports: Uint8Array[]) =>
  reports.flatMap((report) => decoder.push(report));
const summary = (items: ScanItem[]) => items.map((i) => (i.kind === 'scan' ? i.text : `!${i.error.code}`));

describe('keyboard wedge (HID boot keyboard reports)', () => {
  it('types "A" as Left Shift + keycode 04, then Enter', () => {
    expect(keyboardReports('A').map((x) => [...x])).toEqual([
      [0x02, 0, 0x04, 0, 0, 0, 0, 0],
      [0, 0, 0, 0, 0, 0, 0, 0],
      [0, 0, 0x28, 0, 0, 0, 0, 0],
      [0, 0, 0, 0, 0, 0, 0, 0],
    ]);
  });

  it('decodes letters, digits and URL punctuation with Shift', () => {
    const reports = [
      r(0, 0, 0x0b, 0, 0, 0, 0, 0), // h
      UP,
      r(0x20, 0, 0x15, 0, 0, 0, 0, 0), // R with Right Shift
      UP,
      r(0, 0, 0x1e, 0, 0, 0, 0, 0), // 1
      UP,
      r(0x02, 0, 0x33, 0, 0, 0, 0, 0), // :
      r(0x02, 0, 0x38, 0, 0, 0, 0, 0), // ? (Shift held, new key)
      UP,
      r(0, 0, 0x38, 0, 0, 0, 0, 0), // /
      r(0, 0, 0x2e, 0, 0, 0, 0, 0), // =
      UP,
      r(0x02, 0, 0x2e, 0, 0, 0, 0, 0), // +
      r(0x02, 0, 0x24, 0, 0, 0, 0, 0), // &
      r(0x02, 0, 0x22, 0, 0, 0, 0, 0), // %
      r(0x02, 0, 0x2d, 0, 0, 0, 0, 0), // _
      r(0, 0, 0x2d, 0, 0, 0, 0, 0), // - (same key, Shift released: not a new press)
      UP,
      r(0, 0, 0x2d, 0, 0, 0, 0, 0), // -
      r(0, 0, 0x37, 0, 0, 0, 0, 0), // .
      r(0, 0, 0x28, 0, 0, 0, 0, 0), // Enter
      UP,
    ];
    expect(summary(feed(new KeyboardWedgeDecoder(), reports))).toEqual(['hR1:?/=+&%_-.']);
  });

  it('counts a key held across reports once, and two new keys in one report in order', () => {
    const reports = [
      r(0, 0, 0x04, 0, 0, 0, 0, 0),
      r(0, 0, 0x04, 0, 0, 0, 0, 0), // still held: no second "a"
      r(0, 0, 0x04, 0x05, 0, 0, 0, 0), // b pressed while a held
      r(0, 0, 0x05, 0x06, 0, 0, 0, 0), // c pressed, a released
      UP,
      r(0, 0, 0x28, 0, 0, 0, 0, 0),
    ];
    expect(summary(feed(new KeyboardWedgeDecoder(), reports))).toEqual(['abc']);
  });

  it('gives a typed error for an unknown key and drops the rest of that scan up to its Enter', () => {
    const reports = [
      ...keyboardReports('ab').slice(0, 4), // a, b, no Enter yet
      r(0, 0, 0x3a, 0, 0, 0, 0, 0), // F1
      UP,
      ...keyboardReports('cd'), // rest of the damaged scan, then its Enter
      ...keyboardReports('ok'),
    ];
    expect(summary(feed(new KeyboardWedgeDecoder(), reports))).toEqual(['!unknownKey', 'ok']);
  });

  it('refuses Ctrl combinations, rollover and wrong-sized reports', () => {
    expect(summary(feed(new KeyboardWedgeDecoder(), [r(0x01, 0, 0x06, 0, 0, 0, 0, 0)]))).toEqual([
      '!unsupportedModifier',
    ]);
    expect(summary(feed(new KeyboardWedgeDecoder(), [r(0, 0, 1, 1, 1, 1, 1, 1)]))).toEqual(['!rollover']);
    expect(summary(feed(new KeyboardWedgeDecoder(), [r(0, 0, 0x04)]))).toEqual(['!malformedReport']);
  });

  it('bounds a scan: longer than maxLength is tooLong and nothing of it is emitted', () => {
    const decoder = new KeyboardWedgeDecoder(5);
    expect(summary(feed(decoder, keyboardReports('123456')))).toEqual(['!tooLong']);
    expect(summary(feed(decoder, keyboardReports('12345')))).toEqual(['12345']);
  });

  it('refuses to type a character the US layout has no key for', () => {
    expect(() => keyboardReports('社保')).toThrow(QrScanError);
  });
});

describe('HID POS (usage page 0x8C scanned data reports)', () => {
  it('carries a short code in one 64-byte report: id 02, length, AIM "]Q1", data, no more-data flag', () => {
    expect(hidPosReports('HRSS').map((x) => [...x])).toEqual([
      [0x02, 0x04, 0x5d, 0x51, 0x31, 0x48, 0x52, 0x53, 0x53, ...zeros(55)],
    ]);
  });

  it('splits 60 bytes into 56 + 4 with the more-data flag on the first report only', () => {
    const text = 'M1GATHERGOOD/MICHAEL YABCDEF LHRDURAK 3542 052Y003D2300000XY';
    expect(text).toHaveLength(60);
    const reports = hidPosReports(text);
    expect(reports.map((x) => [x.length, x[1], x[63]])).toEqual([
      [64, 56, 0x01],
      [64, 4, 0x00],
    ]);
    expect(summary(feed(new HidPosDecoder(), reports))).toEqual([text]);
  });

  it('decodes a hand-built report and ignores other report ids', () => {
    const scan = r(0x02, 0x03, 0x5d, 0x51, 0x31, 0x41, 0x42, 0x43, ...zeros(55), 0x00);
    const status = r(0x04, 0x01, ...zeros(62));
    expect(summary(feed(new HidPosDecoder(), [status, scan]))).toEqual(['ABC']);
  });

  it('reports malformed and too-long scans as typed errors', () => {
    expect(summary(feed(new HidPosDecoder(), [r(0x02, 57, ...zeros(62))]))).toEqual(['!malformedReport']);
    expect(summary(feed(new HidPosDecoder(), [r(0x02, 1, 0x41)]))).toEqual(['!malformedReport']);
    const decoder = new HidPosDecoder(100);
    expect(summary(feed(decoder, hidPosReports('x'.repeat(101))))).toEqual(['!tooLong']);
    expect(summary(feed(decoder, hidPosReports('y'.repeat(100))))).toEqual(['y'.repeat(100)]);
  });
});

describe('simulator round trip', () => {
  // Electronic social security card QR payloads are URLs with base64url tokens.
  const alphabet = [...US_CHAR_TO_KEY.keys()].filter((c) => c !== ' ');
  const text = fc.array(fc.constantFrom(...alphabet), { minLength: 1, maxLength: 300 }).map((a) => a.join(''));

  it('gets back exactly what was scanned, by either kind of scanner', () => {
    expect(
      summary(feed(new KeyboardWedgeDecoder(), keyboardReports('https://h5.example.cn/e?t=aB-_9%2F&x=1+2'))),
    ).toEqual(['https://h5.example.cn/e?t=aB-_9%2F&x=1+2']);
    fc.assert(
      fc.property(text, (t) => {
        expect(summary(feed(new KeyboardWedgeDecoder(), keyboardReports(t)))).toEqual([t]);
        expect(summary(feed(new HidPosDecoder(), hidPosReports(t)))).toEqual([t]);
      }),
      { numRuns: 300 },
    );
  });

  it('carries UTF-8 through HID POS even when a character straddles two reports', () => {
    const t = `${'a'.repeat(55)}社会保障卡`;
    expect(summary(feed(new HidPosDecoder(), hidPosReports(t)))).toEqual([t]);
  });
});
