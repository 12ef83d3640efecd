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
