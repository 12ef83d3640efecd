import { describe, expect, it } from 'vitest';
import {
  CARD_TYPE_OFFSET,
  FrameDecoder,
  IdCardError,
  decodeIdCardText,
  decodeReadData,
  encodeCommand,
  encodeFindCard,
  encodeIdCardText,
  encodeReadCard,
  encodeReadSamId,
  encodeReset,
  encodeResponse,
  encodeSamStatus,
  encodeSelectCard,
  interpretFind,
  interpretRead,
  interpretSelect,
  parseResponse,
  samStatusName,
  statusError,
  type IdCardText,
} from '../../devices/id-card/codec';

const bytes = (hex: string) => Uint8Array.from(hex.split(/\s+/).map((b) => parseInt(b, 16)));

/** Decodes exactly one frame from the bytes, failing the test otherwise. */
function onlyFrame(frame: Uint8Array) {
  const items = new FrameDecoder().push(frame);
  expect(items).toHaveLength(1);
  const item = items[0]!;
  if (item.kind !== 'frame') throw new Error(`expected a frame, got ${item.error.code}`);
  return parseResponse(item.payload)!;
}

describe('command frames (public SAM protocol golden bytes)', () => {
  it('encodes find, select, read and SAM status exactly as the protocol documents', () => {
    expect([...encodeFindCard()]).toEqual([0xaa, 0xaa, 0xaa, 0x96, 0x69, 0x00, 0x03, 0x20, 0x01, 0x22]);
    expect([...encodeSelectCard()]).toEqual([0xaa, 0xaa, 0xaa, 0x96, 0x69, 0x00, 0x03, 0x20, 0x02, 0x21]);
    expect([...encodeReadCard()]).toEqual([0xaa, 0xaa, 0xaa, 0x96, 0x69, 0x00, 0x03, 0x30, 0x01, 0x32]);
    expect([...encodeSamStatus()]).toEqual([0xaa, 0xaa, 0xaa, 0x96, 0x69, 0x00, 0x03, 0x11, 0xff, 0xed]);
  });

  it('encodes reset and read SAM id with computed checksums', () => {
    expect([...encodeReset()]).toEqual([0xaa, 0xaa, 0xaa, 0x96, 0x69, 0x00, 0x03, 0x10, 0xff, 0xec]);
    expect([...encodeReadSamId()]).toEqual([0xaa, 0xaa, 0xaa, 0x96, 0x69, 0x00, 0x03, 0x12, 0xff, 0xee]);
    expect(encodeCommand('findCard')).toEqual(encodeFindCard());
  });
});

describe('response frames (golden bytes from vendor documentation)', () => {
  it('decodes "card found" with its 4 IIN bytes', () => {
    const response = onlyFrame(bytes('AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97'));
    expect(response.sw3).toBe(0x9f);
    expect(interpretFind(response)).toEqual({ ok: true, value: true });
  });

  it('decodes "find failed" as no card', () => {
    const response = onlyFrame(bytes('AA AA AA 96 69 00 04 00 00 80 84'));
    expect(interpretFind(response)).toEqual({ ok: true, value: false });
  });

  it('decodes "selected" with its 8 serial bytes and "select failed"', () => {
    const selected = onlyFrame(bytes('AA AA AA 96 69 00 0C 00 00 90 00 00 00 00 00 00 00 00 9C'));
    expect(interpretSelect(selected)).toEqual({ ok: true, value: true });
    expect(interpretSelect(onlyFrame(bytes('AA AA AA 96 69 00 04 00 00 81 85')))).toEqual({ ok: true, value: false });
  });

  it('encodes responses the way the reader sends them', () => {
    expect([...encodeResponse(0x80)]).toEqual([0xaa, 0xaa, 0xaa, 0x96, 0x69, 0x00, 0x04, 0x00, 0x00, 0x80, 0x84]);
    expect([...encodeResponse(0x9f, new Uint8Array(4))]).toEqual([
      ...bytes('AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97'),
    ]);
  });
});

describe('SW3 status map', () => {
  it('names the documented codes', () => {
    expect(samStatusName(0x90)).toBe('ok');
    expect(samStatusName(0x9f)).toBe('cardFound');
    expect(samStatusName(0x80)).toBe('findFailed');
    expect(samStatusName(0x81)).toBe('selectFailed');
    expect(samStatusName(0x41)).toBe('readFailed');
    expect(samStatusName(0x10)).toBe('checksumError');
    expect(samStatusName(0x11)).toBe('lengthError');
    expect(samStatusName(0x21)).toBe('commandError');
    expect(samStatusName(0x23)).toBe('notAllowed');
    expect(samStatusName(0x24)).toBe('unrecognizedError');
    expect(samStatusName(0x60)).toBe('samSelfTestFailed');
    expect(samStatusName(0x66)).toBe('samNotAuthorized');
  });

  it('maps an undocumented byte to a typed unknownStatus error carrying the byte', () => {
    const error = statusError(0x5c, 'findCard');
    expect(error).toBeInstanceOf(IdCardError);
    expect(error.code).toBe('unknownStatus');
    expect(error.status).toBe(0x5c);
  });

  it('refuses a success status that cannot answer the command', () => {
    const response = onlyFrame(encodeResponse(0x90));
    const result = interpretFind(response);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('unexpectedResponse');
  });
});

/** A UCS-2 LE field padded with spaces, built with Buffer rather than our encoder. */
function ucs2Field(value: string, width: number): Buffer {
  const field = Buffer.from(value.padEnd(width / 2, ' '), 'utf16le');
  expect(field.length).toBe(width);
  return field;
}

const handBuiltFields: IdCardText = {
  name: '张三',
  sex: '1',
  nation: '01',
  birthDate: '19500101',
  address: '北京市东城区景山前街4号',
  idNumber: '11010119500101001X',
  issuingAuthority: '北京市公安局东城分局',
  validFrom: '20150101',
  validTo: '长期',
};

// Literal strings, not handBuiltFields, so a typo there cannot hide in both.
function handBuiltTextBlock(): Buffer {
  return Buffer.concat([
    ucs2Field('张三', 30),
    ucs2Field('1', 2),
    ucs2Field('01', 4),
    ucs2Field('19500101', 16),
    ucs2Field('北京市东城区景山前街4号', 70),
    ucs2Field('11010119500101001X', 36),
    ucs2Field('北京市公安局东城分局', 30),
    ucs2Field('20150101', 16),
    ucs2Field('长期', 16),
    ucs2Field('', 36),
  ]);
}

describe('read text+photo response', () => {
  it('decodes a hand-built 1295-byte response to the right fields', () => {
    const text = handBuiltTextBlock();
    const photo = Buffer.alloc(1024, 0x77);
    const body = Buffer.concat([Buffer.from([0x00, 0x00, 0x90, 0x01, 0x00, 0x04, 0x00]), text, photo]);
    const head = Buffer.from([0xaa, 0xaa, 0xaa, 0x96, 0x69, 0x05, 0x08]);
    let checksum = 0x05 ^ 0x08;
    for (const b of body) checksum ^= b;
    const frame = Buffer.concat([head, body, Buffer.from([checksum])]);
    expect(frame.length).toBe(1295);

    const response = onlyFrame(new Uint8Array(frame));
    const read = interpretRead(response);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.value.text).toEqual(handBuiltFields);
    expect([...read.value.photo]).toEqual([...photo]);
  });

  it('refuses a response whose length fields do not add up', () => {
    const result = decodeReadData(Uint8Array.of(0x01, 0x00, 0x04, 0x00, 1, 2, 3));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('malformedResponse');
  });
});

describe('text block', () => {
  const fields: IdCardText = {
    name: '欧阳娜娜',
    sex: '2',
    nation: '05',
    birthDate: '19880808',
    address: '新疆维吾尔自治区乌鲁木齐市天山区解放南路1号',
    idNumber: '650102198808080026',
    issuingAuthority: '乌鲁木齐市公安局天山区分局',
    validFrom: '20200101',
    validTo: '20400101',
  };

  it('writes the layout of the hand-built block', () => {
    const block = Buffer.from(encodeIdCardText(handBuiltFields));
    expect(block.equals(handBuiltTextBlock())).toBe(true);
  });

  it('round-trips fields', () => {
    expect(decodeIdCardText(encodeIdCardText(fields))).toEqual({ ok: true, value: fields });
  });

  it('refuses a field too long for its slot', () => {
    expect(() => encodeIdCardText({ ...fields, name: '一二三四五六七八九十一二三四五六' })).toThrow(
      expect.objectContaining({ code: 'fieldTooLong' }),
    );
  });

  it('recognises a foreign permanent resident ID card by its "I" marker and refuses it', () => {
    const block = encodeIdCardText(fields);
    block[CARD_TYPE_OFFSET] = 0x49; // 'I', UCS-2 little-endian
    block[CARD_TYPE_OFFSET + 1] = 0x00;
    const result = decodeIdCardText(block);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('cardTypeNotSupported');
    expect(result.error.cardType).toBe('I');
  });
});
