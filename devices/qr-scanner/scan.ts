// What a scan yields: a text, or a typed error with a `code`.

/** Which kind of scanner: USB HID POS (usage page 0x8C) or a keyboard wedge (HID boot keyboard). */
export type QrScannerMode = 'hidPos' | 'keyboard';

/** Why a scan failed. */
export type QrScanErrorCode =
  /** A report of the wrong size or with an impossible length field. */
  | 'malformedReport'
  /** A keycode outside the characters a QR payload or receipt barcode uses. */
  | 'unknownKey'
  /** Ctrl, Alt or GUI held with a key: not typing, so not a scan. */
  | 'unsupportedModifier'
  /** The keyboard reported ErrorRollOver (too many keys at once). */
  | 'rollover'
  /** The scan is longer than the bound. */
  | 'tooLong'
  /** The simulator was asked to type a character the layout has no key for. */
  | 'unsupportedCharacter';

/** A scan failure with a `code` a screen can map to a sentence. */
export class QrScanError extends Error {
  override readonly name = 'QrScanError';

  constructor(
    readonly code: QrScanErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Builds an error without a stack trace: bad reports are expected events, and hot in property tests. */
export function quietError(code: QrScanErrorCode, message: string): QrScanError {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return new QrScanError(code, message);
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** What a decoder found in the reports it was fed. */
export type ScanItem = { kind: 'scan'; text: string } | { kind: 'error'; error: QrScanError };

/** The default bound on one scan, in characters (keyboard) or bytes (HID POS). */
export const DEFAULT_MAX_SCAN_LENGTH = 2048;
