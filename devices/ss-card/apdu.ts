// ISO/IEC 7816-4 short APDUs: C-APDU = CLA INS P1 P2 [Lc data] [Le];
// R-APDU = [data] SW1 SW2. Pure; nothing here talks to a card.
import { SsCardError, fail, quietError, succeed, type SsCardResult } from './errors';

/** A command to a card. */
export interface CommandApdu {
  cla: number;
  ins: number;
  p1: number;
  p2: number;
  /** Command data (Lc is its length, 1..255); absent for none. */
  data?: Uint8Array;
  /** Expected response length 1..256 (256 is sent as 00); absent for none. */
  le?: number;
}

/** A card's answer. */
export interface ResponseApdu {
  data: Uint8Array;
  sw1: number;
  sw2: number;
  /** SW1 SW2 as one number, e.g. 0x9000. */
  sw: number;
}

const isByte = (n: number) => Number.isInteger(n) && n >= 0 && n <= 0xff;

/** Encodes a short C-APDU; throws `invalidApdu` for fields out of range (a programming error). */
export function encodeCommandApdu(command: CommandApdu): Uint8Array {
  const { cla, ins, p1, p2, data, le } = command;
  if (![cla, ins, p1, p2].every(isByte)) throw new SsCardError('invalidApdu', 'CLA INS P1 P2 must be bytes');
  if (data && (data.length < 1 || data.length > 255)) {
    throw new SsCardError('invalidApdu', `command data of ${data.length} bytes does not fit a short APDU`);
  }
  if (le !== undefined && (!Number.isInteger(le) || le < 1 || le > 256)) {
    throw new SsCardError('invalidApdu', `Le ${le} outside 1..256`);
  }
  const body = data ? 1 + data.length : 0;
  const apdu = new Uint8Array(4 + body + (le === undefined ? 0 : 1));
  apdu.set([cla, ins, p1, p2], 0);
  if (data) {
    apdu[4] = data.length;
    apdu.set(data, 5);
  }
  if (le !== undefined) apdu[4 + body] = le & 0xff;
  return apdu;
}

/** Splits an R-APDU into data and status word; never throws. */
export function decodeResponseApdu(bytes: Uint8Array): SsCardResult<ResponseApdu> {
  if (bytes.length < 2) {
    return fail(quietError('malformedResponse', `a response of ${bytes.length} bytes has no status word`));
  }
  const sw1 = bytes[bytes.length - 2]!;
  const sw2 = bytes[bytes.length - 1]!;
  return succeed({ data: bytes.slice(0, -2), sw1, sw2, sw: (sw1 << 8) | sw2 });
}

/** Encodes an R-APDU (used by the simulator). */
export function encodeResponseApdu(sw: number, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  const bytes = new Uint8Array(data.length + 2);
  bytes.set(data, 0);
  bytes[data.length] = (sw >> 8) & 0xff;
  bytes[data.length + 1] = sw & 0xff;
  return bytes;
}
