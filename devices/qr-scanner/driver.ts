// The QR scanner driver: reports from a HidDevice through the decoder for its
// kind, out as `scanned(text)`. Scanners only talk, so there is no request to
// fail; health follows the device and the sanity of what it sends.
import { Emitter, type Unsubscribe } from '../emitter';
import type { HidDevice } from '../hid/device';
import { DEFAULT_MAX_SCAN_LENGTH, type QrScanError, type QrScannerMode, type ScanItem } from './scan';
import { HidPosDecoder } from './hid-pos';
import { KeyboardWedgeDecoder } from './keyboard';

/** Driver knobs. */
export interface QrScannerDriverOptions {
  mode: QrScannerMode;
  /** Longest scan accepted (default 2048); longer ones fail with `tooLong`. */
  maxLength?: number;
  /** HID POS scanned data report id (default 2). */
  reportId?: number;
  /** A gap this long between reports drops a half-received scan (default 500 ms; a scanner sends a code in a burst). */
  idleResetMs?: number;
  /** Clock in ms (default Date.now); inject for tests. */
  now?: () => number;
}

/** How well the scanner is doing. */
export interface QrScannerHealth {
  state: 'ok' | 'degraded' | 'failed';
  reason?: string;
}

/** Events the driver emits. */
export type QrScannerEvents = {
  /** A complete scan, at most `maxLength` long. */
  scanned: [text: string];
  /** A scan that could not be taken (garbage, too long, unknown keys). */
  scanFailed: [error: QrScanError];
  /** Health changed. */
  health: [health: QrScannerHealth];
};

/** Drives a QR/barcode scanner over a HidDevice. */
export class QrScannerDriver {
  private readonly events = new Emitter<QrScannerEvents>();
  private readonly decoder: HidPosDecoder | KeyboardWedgeDecoder;
  private readonly subscriptions: Unsubscribe[];
  private readonly idleResetMs: number;
  private readonly now: () => number;
  private lastReportAt = -Infinity;
  private current: QrScannerHealth = { state: 'ok' };

  constructor(device: HidDevice, options: QrScannerDriverOptions) {
    const maxLength = options.maxLength ?? DEFAULT_MAX_SCAN_LENGTH;
    this.decoder =
      options.mode === 'keyboard'
        ? new KeyboardWedgeDecoder(maxLength)
        : new HidPosDecoder(maxLength, options.reportId);
    this.idleResetMs = options.idleResetMs ?? 500;
    this.now = options.now ?? Date.now;
    this.subscriptions = [
      device.on('data', (report) => this.onReport(report)),
      device.on('error', () => {
        this.decoder.reset();
        this.setHealth({ state: 'failed', reason: 'disconnected' });
      }),
    ];
  }

  /** Current health. */
  get health(): QrScannerHealth {
    return { ...this.current };
  }

  /** Subscribes to a driver event; returns the unsubscribe function. */
  on<K extends keyof QrScannerEvents>(event: K, listener: (...args: QrScannerEvents[K]) => void): Unsubscribe {
    return this.events.on(event, listener);
  }

  /** Detaches from the device (the caller closes it). */
  dispose(): void {
    for (const off of this.subscriptions) off();
    this.events.clear();
  }

  private onReport(report: Uint8Array): void {
    const now = this.now();
    if (now - this.lastReportAt > this.idleResetMs) this.decoder.reset();
    this.lastReportAt = now;
    for (const item of this.decoder.push(report)) this.deliver(item);
  }

  private deliver(item: ScanItem): void {
    if (item.kind === 'scan') {
      this.setHealth({ state: 'ok' });
      this.events.emit('scanned', item.text);
      return;
    }
    // A malformed report means a misconfigured or failing scanner; the rest are bad scans.
    if (item.error.code === 'malformedReport') this.setHealth({ state: 'degraded', reason: 'malformedReport' });
    this.events.emit('scanFailed', item.error);
  }

  private setHealth(next: QrScannerHealth): void {
    if (next.state === this.current.state && next.reason === this.current.reason) return;
    this.current = next;
    this.events.emit('health', { ...next });
  }
}
