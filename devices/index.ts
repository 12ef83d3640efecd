// devices/: bytes, not business. Each device is a pure codec, a driver over an
// injected Transport, and a simulator speaking the same bytes from the device's side.
export type { Transport, TransportEvents } from './transport';
export { TransportError } from './transport-error';
export type { TransportErrorCode } from './transport-error';
export { Emitter } from './emitter';
export type { EventMap, Unsubscribe } from './emitter';
export { createSerialTransport } from './transports/serial';
export type { SerialTransportOptions, SerialBinding, SerialBindingPort } from './transports/serial';
export { createLinkedPair } from './transports/memory';
export type { LinkedPair, LinkedPairOptions } from './transports/memory';

export * from './id-card/codec';
export { IdCardReaderDriver } from './id-card/driver';
export type { IdCardReaderDriverOptions, IdCardReaderEvents } from './id-card/driver';
export type { IdCardReaderHealth } from './id-card/health';
export { IdCardReaderSimulator } from './id-card/simulator';
export type {
  SimulatedCard,
  SimulatorCommand,
  IdCardReaderSimulatorEvents,
  IdCardReaderSimulatorOptions,
} from './id-card/simulator';

export type { HidDevice, HidDeviceEvents, HidDeviceOpener } from './hid/device';
export { openNodeHidDevice } from './hid/node-hid';
export type { NodeHidDeviceOptions } from './hid/node-hid';
export { createHidTransport } from './hid/transport';
export type { HidTransportOptions } from './hid/transport';
export {
  HidReportError,
  encodeOutputReports,
  decodeInputReport,
  encodeInputReports,
  decodeOutputReport,
} from './hid/framing';
export type { HidFraming } from './hid/framing';
export { FakeHidDevice } from './hid/fake';
export type { FakeHidDeviceSideEvents } from './hid/fake';
export { createHidDeviceSide } from './hid/device-side';

export * from './ss-card/codec';
export { ApduTransportError } from './ss-card/transport';
export type { ApduTransport, ApduTransportEvents, ApduTransportErrorCode } from './ss-card/transport';
export { SsCardReaderDriver } from './ss-card/driver';
export type { SsCardReaderDriverOptions, SsCardReaderEvents } from './ss-card/driver';
export type { SsCardReaderHealth } from './ss-card/health';
export { SsCardSimulator } from './ss-card/simulator';
export type { SsCardSimulatorOptions } from './ss-card/simulator';
export type { SsCardImage } from './ss-card/card-image';
export { createSimulatedSsCardReader } from './ss-card/simulated-reader';
export type { SimulatedSsCardReader, SimulatedSsCardReaderEvents } from './ss-card/simulated-reader';

export * from './qr-scanner/codec';
export { QrScannerDriver } from './qr-scanner/driver';
export type { QrScannerDriverOptions, QrScannerEvents, QrScannerHealth } from './qr-scanner/driver';
export { QrScannerSimulator } from './qr-scanner/simulator';
export type { QrScannerSimulatorOptions } from './qr-scanner/simulator';

// The receipt printer's pure half, minus its `succeed`/`fail` helpers (the ID card's own are exported above).
export {
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
  STATUS_REQUESTS,
  STATUS_FIXED_MASK,
  STATUS_FIXED_BITS,
  isStatusByte,
  decodeStatusByte,
  decodeStatus,
  encodeStatus,
  printerFault,
  ResponseParser,
  EscPosSplitter,
  commandLength,
  commandName,
  isCommandPrefix,
  RealtimeScanner,
  chunkJob,
  layoutReceipt,
  layoutToSvg,
  receiptSvg,
  decodeText,
  decodeCode128,
  ReceiptPrinterError,
} from './receipt-printer/codec';
export type {
  StatusRequest,
  PrinterStatus,
  StatusBits,
  ResponseItem,
  EscPosItem,
  EscPosSplitterOptions,
  CommandLength,
  RealtimeCommand,
  RealtimeHit,
  JobChunk,
  LayoutOptions,
  SvgOptions,
  ReceiptLayout,
  Mark,
  TextMark,
  BoxMark,
  BitmapMark,
  CutMark,
  ReceiptPrinterErrorCode,
  ReceiptPrinterErrorDetails,
  ReceiptPrinterResult,
  PrinterFault,
  JobDelivery,
} from './receipt-printer/codec';
export { buildReceiptJob } from './receipt-printer/job';
export type { ReceiptJob, ReceiptJobOptions, ReceiptEncoding } from './receipt-printer/job';
export { ReceiptPrinterDriver } from './receipt-printer/driver';
export type {
  ReceiptPrinterDriverOptions,
  ReceiptPrinterEvents,
  PrintRequest,
  PrintedJob,
} from './receipt-printer/driver';
export type { ReceiptPrinterHealth } from './receipt-printer/health';
export { ReceiptPrinterSimulator } from './receipt-printer/simulator';
export type {
  PaperState,
  SimulatedReceipt,
  ReceiptPrinterSimulatorEvents,
  ReceiptPrinterSimulatorOptions,
} from './receipt-printer/simulator';
export { svgToPng, CJK_FONT_FILES } from './receipt-printer/render/png';

export type {
  A4Printer,
  A4JobState,
  A4JobStatus,
  A4PrintOptions,
  A4PrinterHealth,
  WaitOptions,
} from './a4-printer/a4-printer';
export { A4PrinterError } from './a4-printer/errors';
export type { A4PrinterErrorCode, A4PrinterErrorDetails, A4Result } from './a4-printer/errors';
export { CupsA4Printer } from './a4-printer/cups';
export type { CupsA4PrinterOptions } from './a4-printer/cups';
export { WindowsA4Printer } from './a4-printer/windows';
export type { WindowsA4PrinterOptions } from './a4-printer/windows';
export { A4PrinterSimulator } from './a4-printer/simulator';
export type { A4Fault, A4PrinterSimulatorOptions, SimulatedDocument } from './a4-printer/simulator';
export { execCommand } from './a4-printer/exec';
export type { ExecFn, ExecOptions, ExecResult } from './a4-printer/exec';
