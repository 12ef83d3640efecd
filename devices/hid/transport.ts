// A byte-stream Transport over a HID device: writes are cut into output reports,
// input reports are unpacked and their payloads emitted in order. Any GA 467
// driver (or other stream protocol) then runs unchanged over USB-HID.
import { Emitter, type Unsubscribe } from '../emitter';
import type { Transport, TransportEvents } from '../transport';
import { TransportError } from '../transport-error';
import type { HidDevice, HidDeviceOpener } from './device';
import { checkFraming, decodeInputReport, encodeOutputReports, type HidFraming } from './framing';

/** Report layout; see framing.ts. */
export type HidTransportOptions = Partial<HidFraming>;

class HidTransport implements Transport {
  private device: HidDevice | null = null;
  private subscriptions: Unsubscribe[] = [];
  private opening: Promise<void> | null = null;
  private writes: Promise<unknown> = Promise.resolve();
  private readonly events = new Emitter<TransportEvents>();

  constructor(
    private readonly openDevice: HidDeviceOpener,
    private readonly framing: HidFraming,
  ) {}

  get isOpen(): boolean {
    return this.device !== null;
  }

  on<K extends keyof TransportEvents>(event: K, listener: (...args: TransportEvents[K]) => void) {
    return this.events.on(event, listener);
  }

  open(): Promise<void> {
    if (this.device) return Promise.resolve();
    this.opening ??= this.attach().finally(() => {
      this.opening = null;
    });
    return this.opening;
  }

  private async attach(): Promise<void> {
    let device: HidDevice;
    try {
      device = await this.openDevice();
    } catch (cause) {
      throw new TransportError('openFailed', 'cannot open the HID device', { cause });
    }
    this.device = device;
    this.writes = Promise.resolve();
    this.subscriptions = [
      device.on('data', (report) => this.onReport(device, report)),
      device.on('error', (cause) => void this.disconnect(device, cause)),
    ];
  }

  async write(bytes: Uint8Array): Promise<void> {
    const device = this.device;
    if (!device) throw new TransportError('notOpen', 'the HID device is not open');
    const reports = encodeOutputReports(bytes, this.framing);
    // Reports of one write must not interleave with another's.
    const job = this.writes.then(async () => {
      for (const report of reports) {
        if (this.device !== device) throw new TransportError('writeFailed', 'the HID device went away mid-write');
        try {
          await device.write(report);
        } catch (cause) {
          // A HID write fails when the device is gone; there is no transient case to retry.
          void this.disconnect(device, cause);
          throw new TransportError('writeFailed', 'write to the HID device failed', { cause });
        }
      }
    });
    this.writes = job.catch(() => undefined);
    return job;
  }

  async close(): Promise<void> {
    const device = this.detach();
    if (!device) return;
    try {
      await device.close();
    } catch (cause) {
      throw new TransportError('closeFailed', 'closing the HID device failed', { cause });
    } finally {
      this.events.emit('close');
    }
  }

  private onReport(device: HidDevice, report: Uint8Array): void {
    if (this.device !== device) return;
    const payload = decodeInputReport(report, this.framing);
    if (payload instanceof Error) this.events.emit('error', payload);
    else if (payload.length > 0) this.events.emit('data', payload);
  }

  private async disconnect(device: HidDevice, cause: unknown): Promise<void> {
    if (this.device !== device) return;
    this.detach();
    this.events.emit('close', new TransportError('disconnected', 'the HID device disconnected', { cause }));
    // The device is already gone; its close error would only repeat the cause.
    await device.close().catch(() => undefined);
  }

  private detach(): HidDevice | null {
    const device = this.device;
    this.device = null;
    for (const off of this.subscriptions.splice(0)) off();
    return device;
  }
}

/** Creates a closed Transport over a HID device (default 64-byte reports, report id 0); call `open()`. */
export function createHidTransport(openDevice: HidDeviceOpener, options: HidTransportOptions = {}): Transport {
  const framing = checkFraming({ reportSize: options.reportSize ?? 64, reportId: options.reportId ?? 0 });
  return new HidTransport(openDevice, framing);
}
