// The APDUs the kiosk sends to a social security card. Byte values from public
// reader code for the card (see records.ts), checked against ISO/IEC 7816-4:
// - SELECT SSSE by DF name: 00 A4 04 00 0F "sx1.sh.社会保障" (GBK), answered 61xx.
//   (Not a 4-byte AID such as 7D 53 53 45 "}SSE": every public reader we found
//   selects by this 15-byte name.)
// - SELECT EF by file id under the current DF: 00 A4 02 00 02 EF 05.
// - READ RECORD, P1 = record number, P2 = 04 ("record number in P1", current EF).
// - GET RESPONSE: 00 C0 00 00 Le after 61xx.
// - VERIFY: 00 20 00 00 03 + the 6-digit PIN as 3 BCD bytes (the common Chinese COS
//   form, e.g. 00 20 00 00 03 12 34 56; the card specification text itself we could
//   not check).
import type { CommandApdu } from './apdu';
import { fail, quietError, succeed, type SsCardResult } from './errors';

/** "sx1.sh.社会保障" in GBK: the DF name of the SSSE (社会保障应用) directory. */
export const SSSE_DF_NAME: Uint8Array = Uint8Array.of(
  0x73,
  0x78,
  0x31,
  0x2e,
  0x73,
  0x68,
  0x2e,
  0xc9,
  0xe7,
  0xbb,
  0xe1,
  0xb1,
  0xa3,
  0xd5,
  0xcf,
);

/** SELECT SSSE by DF name. */
export const selectSsse = (): CommandApdu => ({ cla: 0x00, ins: 0xa4, p1: 0x04, p2: 0x00, data: SSSE_DF_NAME });

/** SELECT an elementary file by its 2-byte id under the current DF. */
export const selectSsCardFile = (fileId: number): CommandApdu => ({
  cla: 0x00,
  ins: 0xa4,
  p1: 0x02,
  p2: 0x00,
  data: Uint8Array.of(fileId >> 8, fileId & 0xff),
});

/** READ RECORD `record` of the current EF, expecting `le` bytes. */
export const readSsCardRecord = (record: number, le: number): CommandApdu => ({
  cla: 0x00,
  ins: 0xb2,
  p1: record,
  p2: 0x04,
  le,
});

/** GET RESPONSE for `le` bytes (1..256). */
export const getResponseApdu = (le: number): CommandApdu => ({ cla: 0x00, ins: 0xc0, p1: 0x00, p2: 0x00, le });

/** True for a PIN the card can take: exactly 6 digits. */
export const isValidSsCardPin = (pin: string): boolean => /^\d{6}$/.test(pin);

/** VERIFY with a 6-digit PIN as BCD; `invalidPin` for anything else, before it could reach a card. */
export function verifyPinApdu(pin: string): SsCardResult<CommandApdu> {
  if (!isValidSsCardPin(pin)) return fail(quietError('invalidPin', 'a PIN is exactly 6 digits'));
  const data = Uint8Array.from({ length: 3 }, (_, i) => parseInt(pin.slice(2 * i, 2 * i + 2), 16));
  return succeed({ cla: 0x00, ins: 0x20, p1: 0x00, p2: 0x00, data });
}
