// A card's contents for the simulator: the fields the kiosk reads plus the ones it
// does not, laid out as the card's EF05 and EF06 records (one simple-TLV each).
import type { SsCardData } from './card-data';
import { encodeSsCardField, SS_CARD_FIELDS, type SsCardFieldName } from './records';
import { encodeSimpleTlv } from './tlv';

/** A social security card as the simulator holds it. */
export interface SsCardImage extends SsCardData {
  /** The holder's 6-digit PIN. */
  pin: string;
  /** 卡识别码, 16 ASCII characters (default: synthetic). */
  cardId?: string;
  /** 初始化机构编号, 24 hex digits (default: synthetic). */
  issuerCode?: string;
  /** 出生地, a 6-digit GB/T 2260 region code (default: the ID number's first 6 digits). */
  birthPlace?: string;
}

/** Builds file id -> (record number -> record bytes) for the image; throws RangeError for a field that does not fit. */
export function layOutRecords(image: SsCardImage): Map<number, Map<number, Uint8Array>> {
  const text: Record<SsCardFieldName, string> = {
    ...image,
    cardId: image.cardId ?? `${image.idNumber.slice(0, 6)}D156000005`, // synthetic: region + 10 characters
    issuerCode: image.issuerCode ?? '000000000000000000000000',
    birthPlace: image.birthPlace ?? image.idNumber.slice(0, 6),
  };
  const files = new Map<number, Map<number, Uint8Array>>();
  for (const name of Object.keys(SS_CARD_FIELDS) as SsCardFieldName[]) {
    const { ef, tag } = SS_CARD_FIELDS[name];
    const records = files.get(ef) ?? new Map<number, Uint8Array>();
    records.set(tag, encodeSimpleTlv(tag, encodeSsCardField(name, text[name])));
    files.set(ef, records);
  }
  return files;
}
