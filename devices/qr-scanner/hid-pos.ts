// USB HID Point of Sale barcode scanners (usage page 0x8C, usage 0x02 Bar Code
// Scanner), per the HID POS Usage Tables 1.02 and the input report layout that
// scanner manuals publish (e.g. Access-IS LSR116/ATR110, Honeywell "HID POS"):
//
//   byte 0      report id (2)
//   byte 1      number of data bytes in this report, 0..56
//   bytes 2-4   AIM symbology identifier, e.g. "]Q1" for QR Code
//   bytes 5-60  data, zero padded
//   byte 61     vendor symbology id; byte 62 reserved
//   byte 63     bit 0 set: more data follows in the next report
//
// Data of a multi-report scan is concatenated until a report without the flag.
import { DEFAULT_MAX_SCAN_LENGTH, quietError, type ScanItem } from './scan';

/** Layout constants (frozen data). */
export const HID_POS_REPORT = Object.freeze({
  size: 64,
  reportId: 0x02,
  lengthAt: 1,
  aimAt: 2,
  dataAt: 5,
  dataCapacity: 56,
  symbologyAt: 61,
  flagsAt: 63,
  moreData: 0x01,
});

const utf8 = new TextDecoder('utf-8');

/** Turns HID POS input reports into scans; never throws, never emits more than `maxLength` bytes' worth. */
export class HidPosDecoder {
  private parts: Uint8Array[] = [];
  private length = 0;
  private overflow = false;

  constructor(
    readonly maxLength: number = DEFAULT_MAX_SCAN_LENGTH,
    readonly reportId: number = HID_POS_REPORT.reportId,
  ) {}

  /** Forgets a scan in progress. */
  reset(): void {
    this.parts = [];
    this.length = 0;
    this.overflow = false;
  }

  /** Feeds one input report (report id byte included, as node-hid delivers numbered reports). */
  push(report: Uint8Array): ScanItem[] {
    if (report[0] !== this.reportId) return []; // another report of the device (status, trigger...)
    const count = report[HID_POS_REPORT.lengthAt] ?? 0;
    if (report.length !== HID_POS_REPORT.size || count > HID_POS_REPORT.dataCapacity) {
      this.reset();
      return [
        {
          kind: 'error',
          error: quietError('malformedReport', `HID POS report of ${report.length} bytes claims ${count}`),
        },
      ];
    }
    const more = (report[HID_POS_REPORT.flagsAt]! & HID_POS_REPORT.moreData) !== 0;
    const out: ScanItem[] = [];
    if (!this.overflow) {
      this.length += count;
      if (this.length > this.maxLength) {
        this.overflow = true;
        this.parts = [];
        out.push({ kind: 'error', error: quietError('tooLong', `scan longer than ${this.maxLength} bytes`) });
      } else {
        this.parts.push(report.slice(HID_POS_REPORT.dataAt, HID_POS_REPORT.dataAt + count));
      }
    }
    if (more) return out;
    if (!this.overflow && this.length > 0) out.push({ kind: 'scan', text: utf8.decode(concat(this.parts)) });
    this.reset();
    return out;
  }
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
