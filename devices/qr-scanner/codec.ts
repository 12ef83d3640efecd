// The pure half of the QR scanner: HID POS and boot keyboard report decoders, the
// US key layout, and the report encoders the simulator uses. No I/O.
export { HID_POS_REPORT, HidPosDecoder } from './hid-pos';
export { BOOT_REPORT_SIZE, KeyboardWedgeDecoder } from './keyboard';
export { US_KEYMAP, US_CHAR_TO_KEY, ENTER_KEYS, SHIFT_BITS, NON_TYPING_MODIFIERS } from './keymap';
export { keyboardReports, hidPosReports } from './simulator';
export { QrScanError, DEFAULT_MAX_SCAN_LENGTH } from './scan';
export type { QrScanErrorCode, QrScannerMode, ScanItem } from './scan';
