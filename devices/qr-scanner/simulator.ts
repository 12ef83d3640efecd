// A scanner seen from the USB side: turns a string into the exact input reports a
// keyboard-wedge or HID POS scanner sends, and can send them through a
// FakeHidDevice to a driver.
import type { FakeHidDevice } from '../hid/fake';
import { QrScanError, type QrScannerMode } from './scan';
import { HID_POS_REPORT } from './hid-pos';
import { BOOT_REPORT_SIZE } from './keyboard';
import { US_CHAR_TO_KEY } from './keymap';

/** Simulator knobs. */
export interface QrScannerSimulatorOptions {
  mode: QrScannerMode;
  /** HID POS: the AIM symbology identifier (default "]Q1", QR Code). */
  aim?: string;
  /** HID POS: the scanned data report's id (default 2). */
  reportId?: number;
}

const LEFT_SHIFT = 0x02;
const ENTER = 0x28;
const utf8 = new TextEncoder();

/** Boot keyboard reports typing `text` and Enter: a press and a release per character. */
export function keyboardReports(text: string): Uint8Array[] {
  const reports: Uint8Array[] = [];
  const key = (modifiers: number, keycode: number) => {
    const press = new Uint8Array(BOOT_REPORT_SIZE);
    press[0] = modifiers;
    press[2] = keycode;
    reports.push(press, new Uint8Array(BOOT_REPORT_SIZE));
  };
  for (const char of text) {
    const stroke = US_CHAR_TO_KEY.get(char);
    if (!stroke) throw new QrScanError('unsupportedCharacter', `no US key types ${JSON.stringify(char)}`);
    key(stroke.shift ? LEFT_SHIFT : 0, stroke.keycode);
  }
  key(0, ENTER);
  return reports;
}

/** HID POS scanned data reports carrying `text` as UTF-8, 56 bytes a report, the last without the more-data flag. */
export function hidPosReports(text: string, aim = ']Q1', reportId: number = HID_POS_REPORT.reportId): Uint8Array[] {
  const data = utf8.encode(text);
  const reports: Uint8Array[] = [];
  const { size, lengthAt, aimAt, dataAt, dataCapacity, flagsAt, moreData } = HID_POS_REPORT;
  for (let at = 0; at === 0 || at < data.length; at += dataCapacity) {
    const chunk = data.subarray(at, at + dataCapacity);
    const report = new Uint8Array(size);
    report[0] = reportId;
    report[lengthAt] = chunk.length;
    report.set(
      [...aim].slice(0, 3).map((c) => c.charCodeAt(0) & 0xff),
      aimAt,
    );
    report.set(chunk, dataAt);
    if (at + dataCapacity < data.length) report[flagsAt] = moreData;
    reports.push(report);
  }
  return reports;
}

/** Plays a scanner of one kind on a FakeHidDevice. */
export class QrScannerSimulator {
  constructor(
    private readonly device: FakeHidDevice,
    private readonly options: QrScannerSimulatorOptions,
  ) {}

  /** The reports a scan of `text` produces. */
  reports(text: string): Uint8Array[] {
    return this.options.mode === 'keyboard'
      ? keyboardReports(text)
      : hidPosReports(text, this.options.aim, this.options.reportId);
  }

  /** Sends the reports of one scan to the host. */
  scan(text: string): void {
    for (const report of this.reports(text)) this.device.sendReport(report);
  }
}
