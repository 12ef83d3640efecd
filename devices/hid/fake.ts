// An in-memory HID device for tests and the embedded default: the host side is a
// HidDevice; the other side lets a test or a simulator play the device by sending
// input reports and hearing output reports. Reports arrive asynchronously and in
// order, one per macrotask, as from an interrupt endpoint.
import { Emitter, type Unsubscribe } from '../emitter';
import type { HidDevice, HidDeviceEvents } from './device';

/** What the device side of a FakeHidDevice hears. */
export type FakeHidDeviceSideEvents = {
  /** The host wrote an output report (exactly the bytes passed to write()). */
  outputReport: [report: Uint8Array];
  /** The cable was pulled. */
  unplugged: [];
};

/** A HID device in memory, with a cable that can be pulled. */
export class FakeHidDevice implements HidDevice {
  /** Every output report the host wrote, in order. */
  readonly written: Uint8Array[] = [];
  private readonly hostEvents = new Emitter<HidDeviceEvents>();
  private readonly sideEvents = new Emitter<FakeHidDeviceSideEvents>();
  private opened = true;
  private cable = true;

  /** True while the host holds the device open and the cable is in. */
  get isOpen(): boolean {
    return this.opened && this.cable;
  }

  /** True unless unplugged. */
  get plugged(): boolean {
    return this.cable;
  }

  /** An opener for createHidTransport: hands out this device again while it is plugged. */
  readonly open = async (): Promise<HidDevice> => {
    if (!this.cable) throw new Error('HID device not found');
    this.opened = true;
    return this;
  };

  async write(report: Uint8Array): Promise<void> {
    if (!this.isOpen) throw new Error('Cannot write to HID device');
    const copy = report.slice();
    this.written.push(copy);
    setImmediate(() => this.sideEvents.emit('outputReport', copy));
  }

  async close(): Promise<void> {
    this.opened = false;
  }

  on<K extends keyof HidDeviceEvents>(event: K, listener: (...args: HidDeviceEvents[K]) => void): Unsubscribe {
    return this.hostEvents.on(event, listener);
  }

  /** Device side: sends one input report to the host (lost if the host is not listening). */
  sendReport(report: Uint8Array): void {
    const copy = report.slice();
    setImmediate(() => {
      if (this.isOpen) this.hostEvents.emit('data', copy);
    });
  }

  /** Device side: subscribes to what the host does. */
  onDeviceSide<K extends keyof FakeHidDeviceSideEvents>(
    event: K,
    listener: (...args: FakeHidDeviceSideEvents[K]) => void,
  ): Unsubscribe {
    return this.sideEvents.on(event, listener);
  }

  /** Pulls the cable: the host sees `error` as node-hid reports a failed read, then nothing more. */
  unplug(): void {
    if (!this.cable) return;
    const wasOpen = this.isOpen;
    this.cable = false;
    this.sideEvents.emit('unplugged');
    if (wasOpen) this.hostEvents.emit('error', new Error('could not read from HID device'));
  }

  /** Puts the cable back; the host must open the device again. */
  replug(): void {
    this.cable = true;
    this.opened = false;
  }
}
