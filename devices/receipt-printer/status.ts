// Real-time status, the answers to DLE EOT n (10 04 n), n = 1..4. Bit meanings from
// the Epson ESC/POS Command Reference, "DLE EOT: Transmit real-time status"
// (https://download4.epson.biz/sec_pubs/pos/reference_en/escpos/dle_eot.html): in
// every answer bit 1 and bit 4 are fixed on and bits 0 and 7 fixed off, so an answer
// byte always matches 0xx1 xx10 (mask 0x93 gives 0x12). The same table appears in
// Bixolon, Citizen and HPRT manuals for their ESC/POS printers.
import { ReceiptPrinterError, fail, succeed, type PrinterFault, type ReceiptPrinterResult } from './errors';

/** The four real-time status requests: printer, offline cause, error cause, roll paper sensor. */
export type StatusRequest = 1 | 2 | 3 | 4;

/** The requests in the order the driver sends them and `decodeStatus` expects the answers. */
export const STATUS_REQUESTS: readonly StatusRequest[] = Object.freeze([1, 2, 3, 4] as const);

/** The printer's condition, folded from the four answers. */
export interface PrinterStatus {
  /** n=1 bit 3 clear. */
  online: boolean;
  /** n=2 bit 2. */
  coverOpen: boolean;
  /** n=4 bits 2-3 (the near-end sensor). */
  paperNearEnd: boolean;
  /** n=4 bits 5-6 (the roll end sensor), or n=2 bit 5 (printing stopped by paper end). */
  paperOut: boolean;
  /** n=3 bit 3. */
  cutterError: boolean;
  /** n=3 bit 5. */
  unrecoverable: boolean;
  /** n=3 bit 6 (e.g. head too hot; clears by itself). */
  recoverable: boolean;
}

/** Bits 0, 1, 4 and 7 of every real-time status byte ... */
export const STATUS_FIXED_MASK = 0x93;
/** ... hold this pattern: bit 1 and bit 4 on, bit 0 and bit 7 off. */
export const STATUS_FIXED_BITS = 0x12;

/** True when `byte` has the fixed bits of a real-time status answer. */
export function isStatusByte(byte: number): boolean {
  return (byte & STATUS_FIXED_MASK) === STATUS_FIXED_BITS;
}

/** One answer's meaning; only the fields its request reports. */
export type StatusBits = Partial<PrinterStatus> & { paperFeedButton?: boolean; errorOccurred?: boolean };

/** Decodes the answer to DLE EOT n; a byte without the fixed bits is `invalidStatusByte`. */
export function decodeStatusByte(n: StatusRequest, byte: number): ReceiptPrinterResult<StatusBits> {
  if (!Number.isInteger(byte) || byte < 0 || byte > 0xff || !isStatusByte(byte)) {
    return fail(
      new ReceiptPrinterError('invalidStatusByte', `0x${hex(byte)} is not an answer to DLE EOT ${n}`, { byte }),
    );
  }
  const bit = (b: number) => (byte & (1 << b)) !== 0;
  switch (n) {
    case 1:
      return succeed({ online: !bit(3) });
    case 2:
      return succeed({ coverOpen: bit(2), paperFeedButton: bit(3), paperOut: bit(5), errorOccurred: bit(6) });
    case 3:
      return succeed({ cutterError: bit(3), unrecoverable: bit(5), recoverable: bit(6) });
    case 4:
      // Each sensor is reported in two bits that Epson sets together; either one counts.
      return succeed({ paperNearEnd: bit(2) || bit(3), paperOut: bit(5) || bit(6) });
  }
}

/** Folds the answers to DLE EOT 1, 2, 3, 4 (in that order) into a status. */
export function decodeStatus(answers: ArrayLike<number>): ReceiptPrinterResult<PrinterStatus> {
  if (answers.length !== STATUS_REQUESTS.length) {
    return fail(new ReceiptPrinterError('malformedResponse', `expected 4 status bytes, got ${answers.length}`));
  }
  const status: PrinterStatus = {
    online: true,
    coverOpen: false,
    paperNearEnd: false,
    paperOut: false,
    cutterError: false,
    unrecoverable: false,
    recoverable: false,
  };
  for (const n of STATUS_REQUESTS) {
    const decoded = decodeStatusByte(n, answers[n - 1]!);
    if (!decoded.ok) return decoded;
    const { paperFeedButton: _button, errorOccurred: _error, ...bits } = decoded.value;
    // paperOut comes from two requests: keep it if either says so.
    Object.assign(status, bits, { paperOut: status.paperOut || (bits.paperOut ?? false) });
  }
  return succeed(status);
}

/** Encodes a status as the four answer bytes a printer would send (for the simulator). */
export function encodeStatus(status: PrinterStatus): Uint8Array {
  const error = status.cutterError || status.unrecoverable || status.recoverable;
  return Uint8Array.of(
    STATUS_FIXED_BITS | (status.online ? 0 : 0x08),
    STATUS_FIXED_BITS | (status.coverOpen ? 0x04 : 0) | (status.paperOut ? 0x20 : 0) | (error ? 0x40 : 0),
    STATUS_FIXED_BITS |
      (status.cutterError ? 0x08 : 0) |
      (status.unrecoverable ? 0x20 : 0) |
      (status.recoverable ? 0x40 : 0),
    // An empty roll has also passed the near-end mark.
    STATUS_FIXED_BITS | (status.paperNearEnd || status.paperOut ? 0x0c : 0) | (status.paperOut ? 0x60 : 0),
  );
}

/** The fault that stops printing, most specific first; undefined when the printer can print. */
export function printerFault(status: PrinterStatus): PrinterFault | undefined {
  if (status.coverOpen) return 'coverOpen';
  if (status.paperOut) return 'paperOut';
  if (status.cutterError) return 'cutterError';
  if (status.unrecoverable) return 'unrecoverableError';
  if (status.recoverable) return 'recoverableError';
  if (!status.online) return 'offline';
  return undefined;
}

function hex(byte: number): string {
  return Number.isInteger(byte) && byte >= 0 ? byte.toString(16).padStart(2, '0') : String(byte);
}
