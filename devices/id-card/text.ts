// The 256-byte text block of a resident ID card: fixed-width UCS-2 little-endian
// fields, right-padded with spaces (GB 13000 UCS-2 per the reader protocol).
import { IdCardError, fail, succeed, type IdCardResult } from './errors';

/** The text fields of a resident ID card, trimmed. */
export interface IdCardText {
  name: string;
  /** GB/T 2261.1 code: `1` 男, `2` 女, `0` unknown, `9` unspecified. */
  sex: string;
  /** Two-digit GB 3304 code, e.g. `01` 汉. */
  nation: string;
  /** YYYYMMDD. */
  birthDate: string;
  address: string;
  /** 18 characters, the last may be `X`. */
  idNumber: string;
  issuingAuthority: string;
  /** YYYYMMDD. */
  validFrom: string;
  /** YYYYMMDD, or 长期 for a card that does not expire. */
  validTo: string;
}

/** Size of the text block in bytes. */
export const TEXT_SIZE = 256;

/** Field name -> width in bytes, in block order (frozen data). The last 36 bytes are reserved. */
export const TEXT_LAYOUT: ReadonlyArray<readonly [keyof IdCardText, number]> = Object.freeze([
  ['name', 30],
  ['sex', 2],
  ['nation', 4],
  ['birthDate', 16],
  ['address', 70],
  ['idNumber', 36],
  ['issuingAuthority', 30],
  ['validFrom', 16],
  ['validTo', 16],
] as const);

/**
 * Byte offset of the card type marker (证件类型标识), one UCS-2 character in the
 * reserved area. The 2017 foreign permanent resident ID card (外国人永久居留身份证)
 * stores a capital `I` here (its table: English name 120, sex 2, number 30,
 * nationality 6, Chinese name 30, issue 16, expiry 16, birth 16, version 4,
 * authority code 8 = 248 bytes, then the marker), and lays its other fields out
 * differently, so we must not decode it as a resident card. A resident card has a
 * space here. Other markers (the HK/Macao/Taiwan residence permit's, the 2023
 * foreign card's) are not established from public sources we could check, so any
 * marker other than a space or NUL is refused rather than misread.
 */
export const CARD_TYPE_OFFSET = 248;

const SPACE = 0x20;
const utf16 = new TextDecoder('utf-16le', { ignoreBOM: true });

function field(bytes: Uint8Array, start: number, width: number): string {
  // Trim the space padding, and NULs some readers pad with instead.
  return utf16.decode(bytes.subarray(start, start + width)).replace(/^[\s\0]+|[\s\0]+$/g, '');
}

/** The card type marker character, or '' for a resident ID card. */
export function cardTypeMarker(bytes: Uint8Array): string {
  const code = bytes[CARD_TYPE_OFFSET]! | (bytes[CARD_TYPE_OFFSET + 1]! << 8);
  return code === SPACE || code === 0 ? '' : String.fromCharCode(code);
}

/** Decodes a 256-byte text block; refuses card types whose layout differs. */
export function decodeIdCardText(bytes: Uint8Array): IdCardResult<IdCardText> {
  if (bytes.length !== TEXT_SIZE) {
    return fail(new IdCardError('malformedResponse', `text block is ${bytes.length} bytes, expected ${TEXT_SIZE}`));
  }
  const marker = cardTypeMarker(bytes);
  if (marker !== '') {
    return fail(
      new IdCardError('cardTypeNotSupported', `card type marker ${JSON.stringify(marker)} is not a resident ID card`, {
        cardType: marker,
      }),
    );
  }
  const text = {} as IdCardText;
  let offset = 0;
  for (const [name, width] of TEXT_LAYOUT) {
    text[name] = field(bytes, offset, width);
    offset += width;
  }
  return succeed(text);
}

/** Encodes text fields into a 256-byte block (used by the simulator); throws `fieldTooLong`. */
export function encodeIdCardText(text: IdCardText): Uint8Array {
  const bytes = new Uint8Array(TEXT_SIZE);
  for (let i = 0; i < TEXT_SIZE; i += 2) bytes[i] = SPACE;
  let offset = 0;
  for (const [name, width] of TEXT_LAYOUT) {
    const value = text[name];
    if (value.length * 2 > width) {
      throw new IdCardError('fieldTooLong', `${name} has ${value.length} characters, room for ${width / 2}`);
    }
    for (let i = 0; i < value.length; i++) {
      const unit = value.charCodeAt(i);
      bytes[offset + 2 * i] = unit & 0xff;
      bytes[offset + 2 * i + 1] = unit >> 8;
    }
    offset += width;
  }
  return bytes;
}
