// Keyboard-wedge scanners type the code as a HID boot keyboard: 8-byte reports of
// modifier, reserved, then up to six keycodes of the keys currently down (HID 1.11
// Appendix B). A key present in a report but not in the one before is one press;
// a key held across reports is still one press. Enter ends the scan. After any
// error the rest of that scan is dropped, up to its Enter, so no fragment is ever
// taken for a whole code.
import { DEFAULT_MAX_SCAN_LENGTH, quietError, type QrScanError, type ScanItem } from './scan';
import { ENTER_KEYS, NON_TYPING_MODIFIERS, SHIFT_BITS, US_KEYMAP } from './keymap';

/** Size of a boot keyboard input report. */
export const BOOT_REPORT_SIZE = 8;

/** Turns boot keyboard reports into scans; never throws, never emits more than `maxLength` characters. */
export class KeyboardWedgeDecoder {
  private down = new Set<number>();
  private chars: string[] = [];
  private discarding = false;

  constructor(readonly maxLength: number = DEFAULT_MAX_SCAN_LENGTH) {}

  /** Forgets a scan in progress and any keys held (e.g. after a quiet gap). */
  reset(): void {
    this.down = new Set();
    this.chars = [];
    this.discarding = false;
  }

  /** Feeds one input report. */
  push(report: Uint8Array): ScanItem[] {
    if (report.length !== BOOT_REPORT_SIZE) {
      return this.abort(quietError('malformedReport', `keyboard report of ${report.length} bytes`), true);
    }
    const keys = [...report.subarray(2)].filter((k) => k !== 0);
    if (keys.some((k) => k <= 0x03)) {
      // ErrorRollOver / POSTFail / ErrorUndefined: the key state is unknown.
      return this.abort(quietError('rollover', 'the keyboard reported a rollover error'), true);
    }
    const pressed = keys.filter((k) => !this.down.has(k));
    this.down = new Set(keys);
    const modifiers = report[0]!;
    const out: ScanItem[] = [];
    for (const key of pressed) {
      if (ENTER_KEYS.has(key)) {
        if (!this.discarding && this.chars.length > 0) out.push({ kind: 'scan', text: this.chars.join('') });
        this.chars = [];
        this.discarding = false;
      } else if (!this.discarding) {
        const error = this.type(key, modifiers);
        if (error) out.push(...this.abort(error, false));
      }
    }
    return out;
  }

  private type(key: number, modifiers: number): QrScanError | undefined {
    if (modifiers & NON_TYPING_MODIFIERS) {
      return quietError('unsupportedModifier', `key ${key} with modifiers ${modifiers.toString(16)}`);
    }
    const char = US_KEYMAP.get(key)?.[modifiers & SHIFT_BITS ? 1 : 0];
    if (char == null) return quietError('unknownKey', `keycode ${key.toString(16)} is not a character we accept`);
    if (this.chars.length >= this.maxLength) return quietError('tooLong', `scan longer than ${this.maxLength}`);
    this.chars.push(char);
    return undefined;
  }

  private abort(error: QrScanError, forgetKeys: boolean): ScanItem[] {
    if (forgetKeys) this.down = new Set();
    this.chars = [];
    this.discarding = true;
    return [{ kind: 'error', error }];
  }
}
