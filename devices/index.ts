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
