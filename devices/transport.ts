// The byte transport contract every device driver and simulator speaks through,
// modelled on node-serialport's bindings interface: promises for open, write and
// close; events for whatever arrives. Types only, so drivers never import an I/O
// package and tests can hand them an in-memory pair.
import type { Unsubscribe } from './emitter';

/** Events a transport emits. */
export type TransportEvents = {
  /** Bytes arrived; chunk boundaries carry no meaning. */
  data: [chunk: Uint8Array];
  /** The transport closed; `error` is set when it was not asked to (cable pulled, port vanished). */
  close: [error?: Error];
  /** A non-fatal fault; the transport is still open. */
  error: [error: Error];
};

/** A bidirectional byte pipe to one device. Listeners survive close and reopen. */
export interface Transport {
  /** True between a successful `open()` and the next close. */
  readonly isOpen: boolean;
  /** Opens the pipe; resolves at once if already open; rejects with a `TransportError` (`openFailed`). */
  open(): Promise<void>;
  /** Hands bytes to the wire; rejects with a `TransportError` (`notOpen`, `writeFailed`). */
  write(bytes: Uint8Array): Promise<void>;
  /** Closes the pipe; resolves at once if already closed. */
  close(): Promise<void>;
  /** Subscribes to an event; returns the unsubscribe function. */
  on<K extends keyof TransportEvents>(event: K, listener: (...args: TransportEvents[K]) => void): Unsubscribe;
}
