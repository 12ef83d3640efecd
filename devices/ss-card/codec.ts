// The pure half of the social security card reader: APDUs, status words, simple
// TLV, the EF05/EF06 record layout. No I/O, no timers; safe to use anywhere.
export { encodeCommandApdu, decodeResponseApdu, encodeResponseApdu } from './apdu';
export type { CommandApdu, ResponseApdu } from './apdu';
export { SS_CARD_STATUS_WORDS, interpretStatusWord } from './status-words';
export type { StatusWordMeaning } from './status-words';
export { decodeSimpleTlv, encodeSimpleTlv } from './tlv';
export type { TlvItem } from './tlv';
export { SSSE_EF05, SSSE_EF06, SS_CARD_FIELDS, decodeSsCardField, encodeSsCardField } from './records';
export type { SsCardFieldFormat, SsCardField, SsCardFieldName } from './records';
export { SS_CARD_FIELDS_READ, decodeSsCardData } from './card-data';
export type { SsCardData } from './card-data';
export {
  SSSE_DF_NAME,
  selectSsse,
  selectSsCardFile,
  readSsCardRecord,
  getResponseApdu,
  verifyPinApdu,
  isValidSsCardPin,
} from './commands';
export { parseCommandApdu } from './parse-command';
export type { ParsedCommandApdu } from './parse-command';
export { SsCardError } from './errors';
export type { SsCardErrorCode, SsCardErrorDetails, SsCardResult } from './errors';
