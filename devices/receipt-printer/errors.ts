/** A condition that stops the printer from printing, as read from its real-time status. */
export type PrinterFault =
  'coverOpen' | 'paperOut' | 'cutterError' | 'unrecoverableError' | 'recoverableError' | 'offline';

/** Every way talking to the receipt printer can fail, as one `code` union. */
export type ReceiptPrinterErrorCode =
  | PrinterFault
  // bytes from the printer that do not fit the protocol
  | 'invalidStatusByte'
  | 'malformedResponse'
  | 'unexpectedByte'
  // bytes to the printer that the command splitter cannot take whole
  | 'oversizeCommand'
  // the conversation
  | 'timeout'
  | 'notOpen'
  | 'transportClosed'
  | 'writeFailed'
  | 'stopped'
  // jobs
  | 'jobTimeout'
  | 'alreadyPrinted'
  | 'invalidJob';

/**
 * What became of a job that failed, so the caller can decide about a retry:
 * `notSent` nothing reached the printer; `partial` the printer stopped mid-job and its
 * buffers were cleared, so at most a torn, uncut receipt came out; `unknown` the bytes
 * went out but no confirmation came back (it may or may not have printed).
 */
export type JobDelivery = 'notSent' | 'partial' | 'unknown';

/** Extra facts some errors carry. */
export interface ReceiptPrinterErrorDetails {
  /** The offending byte, for byte-level errors. */
  byte?: number;
  /** For job errors. */
  jobId?: string;
  delivery?: JobDelivery;
  cause?: unknown;
}

/** A receipt printer failure with a `code` a screen can map to a sentence. */
export class ReceiptPrinterError extends Error {
  override readonly name = 'ReceiptPrinterError';
  readonly byte?: number;
  readonly jobId?: string;
  readonly delivery?: JobDelivery;

  constructor(
    readonly code: ReceiptPrinterErrorCode,
    message: string,
    details: ReceiptPrinterErrorDetails = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    if (details.byte !== undefined) this.byte = details.byte;
    if (details.jobId !== undefined) this.jobId = details.jobId;
    if (details.delivery !== undefined) this.delivery = details.delivery;
  }
}

/** A value or the reason there is none; printer operations never reject. */
export type ReceiptPrinterResult<T> = { ok: true; value: T } | { ok: false; error: ReceiptPrinterError };

/** Wraps a value as a successful result. */
export const succeed = <T>(value: T): ReceiptPrinterResult<T> => ({ ok: true, value });

/** Wraps an error as a failed result. */
export const fail = <T = never>(error: ReceiptPrinterError): ReceiptPrinterResult<T> => ({ ok: false, error });
