// The pure half of the ESC/POS receipt printer: commands, status bytes, the answer
// parser, the command splitter and the receipt renderer's layout. No I/O, no timers.
export {
  DLE,
  EOT,
  DC4,
  ESC,
  GS,
  FS,
  LF,
  encodeStatusRequest,
  encodeStatusBatch,
  isProcessId,
  processIdFrom,
  PROCESS_ID_SPACE,
  encodeProcessIdRequest,
  encodeProcessIdResponse,
  encodeClearBuffers,
  encodeClearResponse,
  encodeCut,
  encodeQrCode,
  QR_LEVELS,
  QR_MAX_BYTES,
} from './commands';
export {
  STATUS_REQUESTS,
  STATUS_FIXED_MASK,
  STATUS_FIXED_BITS,
  isStatusByte,
  decodeStatusByte,
  decodeStatus,
  encodeStatus,
  printerFault,
} from './status';
export type { StatusRequest, PrinterStatus, StatusBits } from './status';
export { ResponseParser } from './responses';
export type { ResponseItem } from './responses';
export { EscPosSplitter } from './splitter';
export type { EscPosItem, EscPosSplitterOptions } from './splitter';
export { commandLength, commandName, isCommandPrefix } from './command-lengths';
export type { CommandLength } from './command-lengths';
export { RealtimeScanner } from './realtime';
export type { RealtimeCommand, RealtimeHit } from './realtime';
export { chunkJob } from './chunks';
export type { JobChunk } from './chunks';
export { layoutReceipt } from './render/layout';
export type { LayoutOptions } from './render/layout';
export { layoutToSvg, receiptSvg } from './render/svg';
export type { SvgOptions } from './render/svg';
export type { ReceiptLayout, Mark, TextMark, BoxMark, BitmapMark, CutMark } from './render/marks';
export { decodeText } from './render/text';
export { decodeCode128 } from './render/codes';
export { ReceiptPrinterError, succeed, fail } from './errors';
export type {
  ReceiptPrinterErrorCode,
  ReceiptPrinterErrorDetails,
  ReceiptPrinterResult,
  PrinterFault,
  JobDelivery,
} from './errors';
