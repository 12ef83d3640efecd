// The device's end of a FakeHidDevice as a byte Transport, using the mirror of the
// host's framing, so a stream simulator (e.g. IdCardReaderSimulator) can play a
// USB-HID reader without knowing about reports.
import { Emitter } from '../emitter';
import type { Transport, TransportEvents } from '../transport';
import { TransportError } from '../transport-error';
import type { FakeHidDevice } from './fake';
import { checkFraming, decodeOutputReport, encodeInputReports, type HidFraming } from './framing';
import type { HidTransportOptions } from './transport';

class HidDeviceSide implements Transport {
  private opened = false;
  private readonly events = new Emitter<TransportEvents>();

  constructor(
    private readonly device: FakeHidDevice,
    private readonly framing: HidFraming,
  ) {
    device.onDeviceSide('outputReport', (report) => {
      if (!this.isOpen) return;
      const payload = decodeOutputReport(report, framing);
      if (payload instanceof Error) this.events.emit('error', payload);
      else if (payload.length > 0) this.events.emit('data', payload);
    });
    device.onDeviceSide('unplugged', () => {
      if (!this.opened) return;
      this.opened = false;
      this.events.emit('close', new TransportError('disconnected', 'the HID cable was pulled'));
    });
  }

  get isOpen(): boolean {
    return this.opened && this.device.plugged;
  }

  on<K extends keyof TransportEvents>(event: K, listener: (...args: TransportEvents[K]) => void) {
    return this.events.on(event, listener);
  }

  async open(): Promise<void> {
    if (!this.device.plugged) throw new TransportError('openFailed', 'the HID cable is unplugged');
    this.opened = true;
  }

  async write(bytes: Uint8Array): Promise<void> {
    if (!this.isOpen) throw new TransportError('notOpen', 'the device side is not open');
    for (const report of encodeInputReports(bytes, this.framing)) this.device.sendReport(report);
  }

  async close(): Promise<void> {
    if (!this.opened) return;
    this.opened = false;
    this.events.emit('close');
  }
}

/** The device's end of a FakeHidDevice as a closed Transport, framed as `createHidTransport` with the same options. */
export function createHidDeviceSide(device: FakeHidDevice, options: HidTransportOptions = {}): Transport {
  const framing = checkFraming({ reportSize: options.reportSize ?? 64, reportId: options.reportId ?? 0 });
  return new HidDeviceSide(device, framing);
}
