// The records of the SSSE application's basic data files, after the public
// 社会保障(个人)卡规范 as reader code in the wild uses it. Each record is one
// simple-TLV object whose tag equals its record number.
//
// Sources (public code reading real cards; we could not check the MOHRSS text itself):
// - EF05 records 01 卡识别码 16, 02 卡的类别 1, 03 规范版本 4, 04 初始化机构编号 12,
//   05 发卡日期 4, 06 卡有效期 4, 07 卡号 9; EF06 records 08 社会保障号码 18,
//   09 姓名 30, 0A 性别 1, 0B 民族 1, 0C 出生地 3, 0D 出生日期 4 (tag and value
//   length as read by several independent readers: `00 B2 02 00 01`, `00 B2 09 00 1E`...).
// - Formats: 卡的类别, 规范版本, 卡号, 社会保障号码 and 性别 are read as ASCII; dates,
//   民族 and 出生地 as BCD digits (e.g. 民族 0x01 -> "01"); 姓名 as GBK (Windows
//   "Encoding.Default" on Chinese systems), padded with spaces or NULs.
// Assumptions: text is right-padded with spaces or NULs (both are trimmed); BCD
// fields are exact width with no F padding; 初始化机构编号 is treated as opaque bytes.
import iconv from 'iconv-lite';
import { fail, quietError, succeed, type SsCardResult } from './errors';

/** How a field's bytes encode its text. */
export type SsCardFieldFormat = 'an' | 'cn' | 'gbk' | 'b';

/** One field of the card: its file, record (= tag), width in bytes and format. */
export interface SsCardField {
  ef: number;
  tag: number;
  length: number;
  format: SsCardFieldFormat;
}

const field = (ef: number, tag: number, length: number, format: SsCardFieldFormat): SsCardField =>
  Object.freeze({ ef, tag, length, format });

/** Elementary file ids of the basic data files under SSSE. */
export const SSSE_EF05 = 0xef05;
export const SSSE_EF06 = 0xef06;

/** Field name -> location and format (frozen data). */
export const SS_CARD_FIELDS = Object.freeze({
  cardId: field(SSSE_EF05, 0x01, 16, 'an'), // 卡识别码
  cardType: field(SSSE_EF05, 0x02, 1, 'an'), // 卡的类别
  version: field(SSSE_EF05, 0x03, 4, 'an'), // 规范版本
  issuerCode: field(SSSE_EF05, 0x04, 12, 'b'), // 初始化机构编号
  issueDate: field(SSSE_EF05, 0x05, 4, 'cn'), // 发卡日期 YYYYMMDD
  expiryDate: field(SSSE_EF05, 0x06, 4, 'cn'), // 卡有效期 YYYYMMDD
  cardNo: field(SSSE_EF05, 0x07, 9, 'an'), // 卡号
  idNumber: field(SSSE_EF06, 0x08, 18, 'an'), // 社会保障号码
  name: field(SSSE_EF06, 0x09, 30, 'gbk'), // 姓名
  sex: field(SSSE_EF06, 0x0a, 1, 'an'), // 性别, GB/T 2261.1
  nation: field(SSSE_EF06, 0x0b, 1, 'cn'), // 民族, GB 3304
  birthPlace: field(SSSE_EF06, 0x0c, 3, 'cn'), // 出生地, GB/T 2260 region code
  birthDate: field(SSSE_EF06, 0x0d, 4, 'cn'), // 出生日期 YYYYMMDD
});

/** A field name. */
export type SsCardFieldName = keyof typeof SS_CARD_FIELDS;

const PADDING = /^[ \0]+|[ \0]+$/g;

/** Decodes one field's value bytes to text; never throws. */
export function decodeSsCardField(name: SsCardFieldName, value: Uint8Array): SsCardResult<string> {
  const { tag, length, format } = SS_CARD_FIELDS[name];
  const bad = (why: string) => fail<string>(quietError('malformedRecord', `${name} (tag ${tag}): ${why}`, { tag }));
  if (value.length > length || (format === 'cn' && value.length !== length)) {
    return bad(`${value.length} bytes, expected ${length}`);
  }
  switch (format) {
    case 'an': {
      if (value.some((b) => b !== 0 && (b < 0x20 || b > 0x7e))) return bad('not printable ASCII');
      return succeed(String.fromCharCode(...value).replace(PADDING, ''));
    }
    case 'cn': {
      const digits = [...value].map((b) => b.toString(16).padStart(2, '0')).join('');
      return /^\d+$/.test(digits) ? succeed(digits) : bad('not BCD digits');
    }
    case 'gbk':
      return succeed(iconv.decode(Buffer.from(value), 'gbk').replace(PADDING, ''));
    case 'b':
      return succeed([...value].map((b) => b.toString(16).padStart(2, '0')).join(''));
  }
}

/** Encodes one field's text as its fixed-width value bytes (used by the simulator); throws RangeError if it does not fit. */
export function encodeSsCardField(name: SsCardFieldName, text: string): Uint8Array {
  const { length, format } = SS_CARD_FIELDS[name];
  let bytes: Uint8Array;
  if (format === 'cn' || format === 'b') {
    const pattern = format === 'cn' ? /^\d*$/ : /^[0-9a-fA-F]*$/;
    if (!pattern.test(text) || text.length !== length * 2) {
      throw new RangeError(`${name} needs ${length * 2} ${format === 'cn' ? 'digits' : 'hex digits'}`);
    }
    return Uint8Array.from({ length }, (_, i) => parseInt(text.slice(2 * i, 2 * i + 2), 16));
  } else if (format === 'gbk') {
    bytes = iconv.encode(text, 'gbk');
  } else {
    if (!/^[\x20-\x7e]*$/.test(text)) throw new RangeError(`${name} must be printable ASCII`);
    bytes = Uint8Array.from(text, (c) => c.charCodeAt(0));
  }
  if (bytes.length > length) throw new RangeError(`${name} takes ${bytes.length} bytes, room for ${length}`);
  const value = new Uint8Array(length).fill(0x20);
  value.set(bytes, 0);
  return value;
}
