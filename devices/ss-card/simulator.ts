// A third-generation social security card seen from the reader: it answers the
// real APDUs (SELECT by DF name and by file id, READ RECORD, GET RESPONSE, VERIFY)
// as a T=0 card does, including 61xx after SELECT SSSE and 6Cxx for a wrong Le.
// The PIN try counter lives on the card: it survives removal, as on a real one.
import { encodeResponseApdu } from './apdu';
import { layOutRecords, type SsCardImage } from './card-image';
import { SSSE_DF_NAME } from './commands';
import { parseCommandApdu, type ParsedCommandApdu } from './parse-command';

/** Simulator knobs. */
export interface SsCardSimulatorOptions {
  /** PIN tries before the PIN blocks (default 3). */
  maxTries?: number;
}

const SW = { ok: 0x9000, wrongLength: 0x6700, blocked: 0x6983, noEf: 0x6986, notFound: 0x6a82 } as const;
const sw = (word: number, data?: Uint8Array) => encodeResponseApdu(word, data);
const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

/** The card's side of the APDU exchange. */
export class SsCardSimulator {
  /** A well-formed T=0 answer to reset: TS 3B, T0 6C (TB1, TC1, 12 historical bytes); the kiosk does not interpret it. */
  readonly atr = Uint8Array.of(0x3b, 0x6c, 0x00, 0x00, 0x53, 0x53, 0x45, 0x33, 0, 0, 0, 0, 0, 0, 0, 0);
  private readonly files: Map<number, Map<number, Uint8Array>>;
  private readonly pinBcd: Uint8Array;
  private readonly maxTries: number;
  private tries: number;
  private inSsse = false;
  private ef: Map<number, Uint8Array> | null = null;
  private pending: Uint8Array | null = null;
  private faults: number[] = [];

  constructor(image: SsCardImage, options: SsCardSimulatorOptions = {}) {
    if (!/^\d{6}$/.test(image.pin)) throw new RangeError('a simulated card needs a 6-digit PIN');
    this.files = layOutRecords(image);
    this.pinBcd = Uint8Array.from({ length: 3 }, (_, i) => parseInt(image.pin.slice(2 * i, 2 * i + 2), 16));
    this.maxTries = this.tries = options.maxTries ?? 3;
  }

  /** PIN tries left (0 = blocked). */
  get triesLeft(): number {
    return this.tries;
  }

  /** Answers the next APDU with this status word instead (fault injection). */
  failNext(statusWord: number): void {
    this.faults.push(statusWord);
  }

  /** Power-on: forgets the selection and any pending response, not the PIN counter. */
  reset(): void {
    this.inSsse = false;
    this.ef = null;
    this.pending = null;
  }

  /** Answers one C-APDU with an R-APDU. */
  process(apdu: Uint8Array): Uint8Array {
    const pending = this.pending;
    this.pending = null; // T=0: any command but GET RESPONSE drops the waiting answer
    const command = parseCommandApdu(apdu);
    if (command === 'wrongLength') return sw(SW.wrongLength);
    if (command.cla !== 0x00) return sw(0x6e00);
    const fault = this.faults.shift();
    if (fault !== undefined) return sw(fault);
    switch (command.ins) {
      case 0xa4:
        return this.select(command);
      case 0xb2:
        return this.readSsCardRecord(command);
      case 0xc0:
        if (!pending) return sw(0x6985);
        if (command.le !== pending.length) return sw(0x6c00 | (pending.length & 0xff));
        return sw(SW.ok, pending);
      case 0x20:
        return this.verify(command);
      default:
        return sw(0x6d00);
    }
  }

  private select({ p1, data }: ParsedCommandApdu): Uint8Array {
    if (p1 === 0x04) {
      if (!data || !same(data, SSSE_DF_NAME)) return sw(SW.notFound);
      this.inSsse = true;
      this.ef = null;
      // FCI: 6F { 84 DF name } — answered on GET RESPONSE.
      this.pending = Uint8Array.of(0x6f, 2 + SSSE_DF_NAME.length, 0x84, SSSE_DF_NAME.length, ...SSSE_DF_NAME);
      return sw(0x6100 | this.pending.length);
    }
    if (p1 !== 0x00 && p1 !== 0x02) return sw(0x6a86);
    if (!data || data.length !== 2) return sw(SW.wrongLength);
    const file = this.inSsse ? this.files.get((data[0]! << 8) | data[1]!) : undefined;
    if (!file) return sw(SW.notFound);
    this.ef = file;
    return sw(SW.ok);
  }

  private readSsCardRecord({ p1, p2, le }: ParsedCommandApdu): Uint8Array {
    const sfi = p2 >> 3;
    if ((p2 & 0x07) !== 0x04 && (p2 & 0x07) !== 0x00) return sw(0x6a86);
    const file = sfi === 0 ? this.ef : this.inSsse ? this.files.get(0xef00 | sfi) : undefined;
    if (!file) return sw(sfi === 0 ? SW.noEf : SW.notFound);
    const record = file.get(p1);
    if (!record) return sw(0x6a83);
    if (le !== record.length) return sw(0x6c00 | record.length);
    return sw(SW.ok, record);
  }

  private verify({ p1, p2, data }: ParsedCommandApdu): Uint8Array {
    if (p1 !== 0x00 || p2 !== 0x00) return sw(0x6a86);
    if (!data || data.length !== this.pinBcd.length) return sw(SW.wrongLength);
    if (this.tries === 0) return sw(SW.blocked);
    if (same(data, this.pinBcd)) {
      this.tries = this.maxTries;
      return sw(SW.ok);
    }
    this.tries -= 1;
    // The last wrong try answers 6983 at once (some COS answer 63C0 first; the driver treats both as locked).
    return sw(this.tries === 0 ? SW.blocked : 0x63c0 | this.tries);
  }
}
