// PIN pads through PC/SC part 10: the reader lists its features (CM_IOCTL_GET_FEATURE_REQUEST);
// with FEATURE_VERIFY_PIN_DIRECT it collects the PIN on its own keypad and sends the card the
// VERIFY we give it, the PIN put in by the reader. The PIN never passes through the kiosk. Pure.

/** PC/SC part 10 feature tag of "verify PIN direct". */
export const FEATURE_VERIFY_PIN_DIRECT = 0x06;

/** Feature tag -> control code, from the GET_FEATURE_REQUEST answer (TLV: tag, 04, code big-endian). */
export function parseFeatures(bytes: Uint8Array): Map<number, number> {
  const features = new Map<number, number>();
  for (let at = 0; at + 6 <= bytes.length; at += 2 + bytes[at + 1]!) {
    if (bytes[at + 1] !== 4) break; // every feature carries a 4-byte control code
    const view = new DataView(bytes.buffer, bytes.byteOffset + at + 2, 4);
    features.set(bytes[at]!, view.getUint32(0, false));
  }
  return features;
}

/** How the reader puts the PIN into the VERIFY APDU. */
export interface PinPadEntry {
  /** Digits the holder types (min = max: the card's PIN is exactly this long). */
  digits: number;
  /** Seconds the reader waits for the first key and between keys. */
  timeoutS: number;
}

/**
 * PIN_VERIFY_STRUCTURE (PC/SC part 10, little-endian) for a VERIFY whose data is the PIN as BCD
 * (2 digits a byte, left-justified) right after Lc: `template` is the whole APDU with placeholder
 * PIN bytes.
 */
export function pinVerifyStructure(template: Uint8Array, entry: PinPadEntry): Uint8Array {
  const header = Uint8Array.of(
    entry.timeoutS, // bTimerOut
    entry.timeoutS, // bTimerOut2
    0x81, // bmFormatString: units of bytes, PIN at offset 0 of the data, left-justified, BCD
    Math.ceil(entry.digits / 2), // bmPINBlockString: no length field, PIN block of this many bytes
    0x00, // bmPINLengthFormat: the PIN length is not written
    entry.digits, // wPINMaxExtraDigit, low byte: maximum digits
    entry.digits, // wPINMaxExtraDigit, high byte: minimum digits
    0x02, // bEntryValidationCondition: the OK key
    0x01, // bNumberMessage: the reader's own "enter PIN" message
    0x04, // wLangId 0x0804 (zh-CN), low byte
    0x08,
    0x00, // bMsgIndex
    0x00, // bTeoPrologue (T=1 only; the reader fills it)
    0x00,
    0x00,
  );
  const out = new Uint8Array(header.length + 4 + template.length);
  out.set(header, 0);
  new DataView(out.buffer).setUint32(header.length, template.length, true); // ulDataLength
  out.set(template, header.length + 4);
  return out;
}
