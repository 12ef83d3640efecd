import { describe, expect, it } from 'vitest';
import {
  SsCardError,
  decodeSsCardField,
  decodeResponseApdu,
  decodeSsCardData,
  decodeSimpleTlv,
  encodeCommandApdu,
  encodeSsCardField,
  getResponseApdu,
  interpretStatusWord,
  readSsCardRecord,
  selectSsCardFile,
  selectSsse,
  verifyPinApdu,
  type SsCardFieldName,
} from '../../devices/ss-card/codec';

const bytes = (hex: string) =>
  Uint8Array.from(
    hex
      .trim()
      .split(/\s+/)
      .map((b) => parseInt(b, 16)),
  );
const hexOf = (b: Uint8Array) => [...b].map((x) => x.toString(16).toUpperCase().padStart(2, '0')).join(' ');
const spaces = (n: number) => ' 20'.repeat(n);

describe('command APDUs (golden bytes from public reader code)', () => {
  it('selects SSSE by its DF name "sx1.sh.社会保障" in GBK', () => {
    expect(hexOf(encodeCommandApdu(selectSsse()))).toBe('00 A4 04 00 0F 73 78 31 2E 73 68 2E C9 E7 BB E1 B1 A3 D5 CF');
  });

  it('selects EF05 and EF06 by file id', () => {
    expect(hexOf(encodeCommandApdu(selectSsCardFile(0xef05)))).toBe('00 A4 02 00 02 EF 05');
    expect(hexOf(encodeCommandApdu(selectSsCardFile(0xef06)))).toBe('00 A4 02 00 02 EF 06');
  });

  it('reads a record by number (P2 = 04) with Le = tag + length + value', () => {
    expect(hexOf(encodeCommandApdu(readSsCardRecord(0x07, 0x0b)))).toBe('00 B2 07 04 0B'); // 卡号, 9 bytes
    expect(hexOf(encodeCommandApdu(readSsCardRecord(0x08, 0x14)))).toBe('00 B2 08 04 14'); // 社会保障号码, 18 bytes
    expect(hexOf(encodeCommandApdu(readSsCardRecord(0x09, 0x20)))).toBe('00 B2 09 04 20'); // 姓名, 30 bytes
    expect(hexOf(encodeCommandApdu(getResponseApdu(0x13)))).toBe('00 C0 00 00 13');
  });

  it('verifies a 6-digit PIN as 3 BCD bytes', () => {
    const command = verifyPinApdu('123456');
    expect(command.ok && hexOf(encodeCommandApdu(command.value))).toBe('00 20 00 00 03 12 34 56');
    const leadingZero = verifyPinApdu('000901');
    expect(leadingZero.ok && hexOf(encodeCommandApdu(leadingZero.value))).toBe('00 20 00 00 03 00 09 01');
  });

  it('refuses a PIN that is not exactly 6 ASCII digits', () => {
    for (const pin of ['', '12345', '1234567', '12a456', '１２３４５６', '12 456', '-12345']) {
      const result = verifyPinApdu(pin);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('invalidPin');
    }
  });

  it('encodes the four ISO 7816-3 cases and refuses impossible fields', () => {
    expect(hexOf(encodeCommandApdu({ cla: 0x80, ins: 0xca, p1: 0x9f, p2: 0x7f }))).toBe('80 CA 9F 7F');
    expect(hexOf(encodeCommandApdu({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 256 }))).toBe('00 B0 00 00 00');
    expect(hexOf(encodeCommandApdu({ cla: 0, ins: 0xa4, p1: 0, p2: 0, data: bytes('3F 00'), le: 0x12 }))).toBe(
      '00 A4 00 00 02 3F 00 12',
    );
    expect(() => encodeCommandApdu({ cla: 0, ins: 0x100, p1: 0, p2: 0 })).toThrow(SsCardError);
    expect(() => encodeCommandApdu({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 0 })).toThrow(/Le 0/);
    expect(() => encodeCommandApdu({ cla: 0, ins: 0xd6, p1: 0, p2: 0, data: new Uint8Array(256) })).toThrow(/256/);
  });
});

describe('response APDUs and status words', () => {
  it('splits data from SW1 SW2', () => {
    const answer = decodeResponseApdu(bytes('07 09 41 30 31 32 33 34 35 36 37 90 00'));
    expect(answer).toEqual({
      ok: true,
      value: { data: bytes('07 09 41 30 31 32 33 34 35 36 37'), sw1: 0x90, sw2: 0x00, sw: 0x9000 },
    });
    expect(decodeResponseApdu(bytes('6A 82'))).toMatchObject({
      ok: true,
      value: { data: new Uint8Array(0), sw: 0x6a82 },
    });
  });

  it('refuses an answer without a status word', () => {
    for (const answer of [new Uint8Array(0), bytes('90')]) {
      const result = decodeResponseApdu(answer);
      expect(!result.ok && result.error.code).toBe('malformedResponse');
    }
  });

  it('maps each status word to its meaning', () => {
    const code = (sw: number) => {
      const meaning = interpretStatusWord(sw >> 8, sw & 0xff);
      return meaning.kind === 'error' ? meaning.error.code : meaning.kind;
    };
    expect(code(0x9000)).toBe('ok');
    expect(code(0x6a82)).toBe('fileNotFound');
    expect(code(0x6a83)).toBe('recordNotFound');
    expect(code(0x6982)).toBe('securityStatusNotSatisfied');
    expect(code(0x6983)).toBe('pinBlocked');
    expect(code(0x6d00)).toBe('insNotSupported');
    expect(code(0x6e00)).toBe('claNotSupported');
    expect(code(0x6700)).toBe('wrongLength');
    expect(code(0x6a86)).toBe('incorrectP1P2');
    expect(code(0x6f00)).toBe('unknownStatus');
    expect(interpretStatusWord(0x61, 0x13)).toEqual({ kind: 'moreData', available: 0x13 });
    expect(interpretStatusWord(0x6c, 0x0b)).toEqual({ kind: 'wrongLe', exact: 0x0b });
  });

  it('reads tries left from 63Cx and treats 63C0 and 6983 as locked', () => {
    const error = (sw: number) => {
      const meaning = interpretStatusWord(sw >> 8, sw & 0xff);
      if (meaning.kind !== 'error') throw new Error(`expected an error for ${sw.toString(16)}`);
      return meaning.error;
    };
    expect(error(0x63c2)).toMatchObject({ code: 'wrongPin', triesLeft: 2, locked: false, sw: 0x63c2 });
    expect(error(0x63c1)).toMatchObject({ code: 'wrongPin', triesLeft: 1, locked: false });
    expect(error(0x63c0)).toMatchObject({ code: 'pinBlocked', locked: true });
    expect(error(0x6983)).toMatchObject({ code: 'pinBlocked', locked: true, sw: 0x6983 });
  });
});

describe('simple TLV records', () => {
  // 姓名 record as the card returns it: tag 09, length 1E, "张三" in GBK (D5 C5 C8 FD), space padded.
  const nameRecord = bytes(`09 1E D5 C5 C8 FD${spaces(26)}`);

  it('decodes a hand-built 姓名 record to 张三', () => {
    const items = decodeSimpleTlv(nameRecord);
    expect(items.ok && items.value.map((i) => [i.tag, i.value.length])).toEqual([[0x09, 30]]);
    if (!items.ok) return;
    expect(decodeSsCardField('name', items.value[0]!.value)).toEqual({ ok: true, value: '张三' });
  });

  it('skips 00 and FF padding around objects', () => {
    const items = decodeSimpleTlv(bytes('00 FF 0A 01 32 FF 0B 01 01 00 00'));
    expect(items.ok && items.value).toEqual([
      { tag: 0x0a, value: bytes('32') },
      { tag: 0x0b, value: bytes('01') },
    ]);
  });

  it('reports truncation as a typed error, never a throw', () => {
    for (const record of [bytes('09 1E D5 C5 C8 FD'), bytes('07'), bytes('07 09 41 30')]) {
      const result = decodeSimpleTlv(record);
      expect(result.ok).toBe(false);
      if (!result.ok) expect([result.error.code, result.error.tag]).toEqual(['truncatedTlv', record[0]]);
    }
  });

  it('decodes BCD dates, codes and ASCII fields, and refuses malformed ones', () => {
    expect(decodeSsCardField('issueDate', bytes('20 20 06 01'))).toEqual({ ok: true, value: '20200601' });
    expect(decodeSsCardField('nation', bytes('01'))).toEqual({ ok: true, value: '01' });
    expect(decodeSsCardField('cardNo', bytes('41 30 31 32 33 34 35 36 37'))).toEqual({ ok: true, value: 'A01234567' });
    expect(decodeSsCardField('version', bytes('33 2E 30 30'))).toEqual({ ok: true, value: '3.00' });
    expect(decodeSsCardField('sex', bytes('31'))).toEqual({ ok: true, value: '1' });
    const bad: [SsCardFieldName, Uint8Array][] = [
      ['issueDate', bytes('20 2A 06 01')], // not BCD
      ['issueDate', bytes('20 20 06')], // short
      ['cardNo', bytes('41 30 31 32 33 34 35 36 37 38')], // too long
      ['idNumber', bytes('C9 E7 33')], // not ASCII
    ];
    for (const [name, value] of bad) {
      const result = decodeSsCardField(name, value);
      expect(!result.ok && result.error.code).toBe('malformedRecord');
    }
  });

  it('encodes fields as fixed-width values (the simulator side)', () => {
    expect(hexOf(encodeSsCardField('name', '张三'))).toBe(`D5 C5 C8 FD${spaces(26)}`.trim());
    expect(hexOf(encodeSsCardField('birthDate', '19520314'))).toBe('19 52 03 14');
    expect(() => encodeSsCardField('name', '一二三四五六七八九十一二三四五六')).toThrow(RangeError);
    expect(() => encodeSsCardField('birthDate', '1952031')).toThrow(RangeError);
  });
});

describe('card data from decoded records', () => {
  const values = () =>
    new Map<SsCardFieldName, Uint8Array>([
      ['cardType', bytes('33')],
      ['version', bytes('33 2E 30 30')],
      ['issueDate', bytes('20 20 06 01')],
      ['expiryDate', bytes('20 30 06 01')],
      ['cardNo', bytes('41 30 31 32 33 34 35 36 37')],
      ['idNumber', Uint8Array.from('11010119500101001X', (c) => c.charCodeAt(0))],
      ['name', bytes(`D5 C5 C8 FD${spaces(26)}`)],
      ['sex', bytes('31')],
      ['nation', bytes('01')],
      ['birthDate', bytes('19 50 01 01')],
    ]);

  it('builds the card data', () => {
    expect(decodeSsCardData(values())).toEqual({
      ok: true,
      value: {
        cardType: '3',
        version: '3.00',
        issueDate: '20200601',
        expiryDate: '20300601',
        cardNo: 'A01234567',
        idNumber: '11010119500101001X',
        name: '张三',
        sex: '1',
        nation: '01',
        birthDate: '19500101',
      },
    });
  });

  it('refuses a missing record or an impossible value', () => {
    const missing = values();
    missing.delete('name');
    expect(decodeSsCardData(missing)).toMatchObject({ ok: false, error: { code: 'missingRecord', tag: 0x09 } });
    const badMonth = values();
    badMonth.set('birthDate', bytes('19 50 13 01'));
    expect(decodeSsCardData(badMonth)).toMatchObject({ ok: false, error: { code: 'malformedRecord', tag: 0x0d } });
    const badId = values();
    badId.set(
      'idNumber',
      Uint8Array.from('1101011950010100XX', (c) => c.charCodeAt(0)),
    );
    expect(decodeSsCardData(badId)).toMatchObject({ ok: false, error: { code: 'malformedRecord', tag: 0x08 } });
  });
});
