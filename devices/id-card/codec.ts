// The pure half of the GA 467 ID card reader: frames, commands, statuses and the
// card's text block. No I/O, no timers; safe to use anywhere.
export { PREAMBLE, HEADER_SIZE, MAX_LENGTH_FIELD, xorChecksum, encodeFrame } from './frame';
export {
  ID_CARD_COMMANDS,
  encodeCommand,
  commandNameOf,
  encodeReset,
  encodeSamStatus,
  encodeReadSamId,
  encodeFindCard,
  encodeSelectCard,
  encodeReadCard,
  encodeResponse,
  parseResponse,
} from './commands';
export type { IdCardCommandName, IdCardResponse } from './commands';
export { FrameDecoder } from './decoder';
export type { DecodedItem, FrameDecoderOptions } from './decoder';
export { SAM_STATUS, samStatusName, isReaderFault } from './status';
export type { SamStatusName } from './status';
export { TEXT_SIZE, TEXT_LAYOUT, CARD_TYPE_OFFSET, cardTypeMarker, decodeIdCardText, encodeIdCardText } from './text';
export type { IdCardText } from './text';
export { PHOTO_SIZE, splitReadData, decodeReadData, encodeReadData } from './read-response';
export type { IdCardContent } from './read-response';
export { statusError, interpretOk, interpretSamId, interpretFind, interpretSelect, interpretRead } from './responses';
export { IdCardError, succeed, fail } from './errors';
export type { IdCardErrorCode, IdCardErrorDetails, IdCardResult, FrameDecodeErrorCode } from './errors';
