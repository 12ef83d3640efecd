// The HID device contract, modelled on Julusian's stream-deck core (`HIDDevice`):
// types only, so drivers never import node-hid and tests can hand them a fake.
// A report is passed exactly as node-hid passes it: on write the first byte is
// the report id (0 for a device without numbered reports); on read the report id
// byte is present only for numbered reports (hidapi strips id 0 on every platform).
import type { Unsubscribe } from '../emitter';

/** Events a HID device emits. */
export type HidDeviceEvents = {
  /** One input report arrived. */
  data: [report: Uint8Array];
  /** The device failed (usually: it was unplugged); no further reports will come. */
  error: [error: Error];
};

/** An open HID device. */
export interface HidDevice {
  /** Sends one output report; rejects if the device is gone. */
  write(report: Uint8Array): Promise<void>;
  /** Releases the device; resolves at once if already closed. */
  close(): Promise<void>;
  /** Subscribes to an event; returns the unsubscribe function. */
  on<K extends keyof HidDeviceEvents>(event: K, listener: (...args: HidDeviceEvents[K]) => void): Unsubscribe;
}

/** Opens (or reopens) one HID device; rejects when it is not there. */
export type HidDeviceOpener = () => Promise<HidDevice>;
