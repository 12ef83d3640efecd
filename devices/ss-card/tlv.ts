// Simple-TLV as the social security card's record files hold it: a 1-byte tag, a
// 1-byte length, then the value. Every record of EF05/EF06 is one such object whose
// tag equals its record number (see records.ts). Pure; decoding never throws.
import { fail, quietError, succeed, type SsCardResult } from './errors';

/** One tag-length-value object. */
export interface TlvItem {
  tag: number;
  value: Uint8Array;
}

/**
 * Decodes a run of simple-TLV objects. Per ISO/IEC 7816-4, 00 and FF are not valid
 * simple-TLV tags; as padding before, between or after objects they are skipped.
 * A length running past the end is `truncatedTlv`.
 */
export function decodeSimpleTlv(bytes: Uint8Array): SsCardResult<TlvItem[]> {
  const items: TlvItem[] = [];
  let at = 0;
  while (at < bytes.length) {
    const tag = bytes[at]!;
    if (tag === 0x00 || tag === 0xff) {
      at += 1;
      continue;
    }
    if (at + 1 >= bytes.length) {
      return fail(quietError('truncatedTlv', `tag ${tag} at offset ${at} has no length byte`, { tag }));
    }
    const length = bytes[at + 1]!;
    const end = at + 2 + length;
    if (end > bytes.length) {
      return fail(
        quietError('truncatedTlv', `tag ${tag} claims ${length} bytes, ${bytes.length - at - 2} remain`, { tag }),
      );
    }
    items.push({ tag, value: bytes.slice(at + 2, end) });
    at = end;
  }
  return succeed(items);
}

/** Encodes one simple-TLV object with a 1-byte length (used by the simulator); throws for values over 254 bytes. */
export function encodeSimpleTlv(tag: number, value: Uint8Array): Uint8Array {
  if (tag === 0x00 || tag === 0xff || tag < 0 || tag > 0xff) throw new RangeError(`invalid simple-TLV tag ${tag}`);
  // FF as a length byte would announce a 3-byte length in ISO simple-TLV; the card never uses it.
  if (value.length > 0xfe) throw new RangeError(`simple-TLV value of ${value.length} bytes needs a long length`);
  const bytes = new Uint8Array(2 + value.length);
  bytes[0] = tag;
  bytes[1] = value.length;
  bytes.set(value, 2);
  return bytes;
}
