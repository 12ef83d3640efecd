/** Every way printing an A4 document can fail, as one `code` union. */
export type A4PrinterErrorCode =
  | 'invalidDocument'
  | 'invalidOptions'
  | 'printerNotFound'
  | 'printerDisabled'
  | 'notAccepting'
  | 'schedulerDown'
  | 'commandMissing'
  | 'commandFailed'
  | 'unexpectedOutput'
  | 'jobNotFound'
  | 'jobFinished'
  | 'jobFailed'
  | 'jobCancelled'
  | 'timeout';

/** Extra facts some errors carry. */
export interface A4PrinterErrorDetails {
  jobId?: string;
  /** The queue's own word for it (a CUPS reason keyword, a spooler status). */
  reason?: string;
  /** What the command said on stderr, for logs (never for the screen). */
  detail?: string;
  cause?: unknown;
}

/** An A4 printing failure with a `code` a screen can map to a sentence. */
export class A4PrinterError extends Error {
  override readonly name = 'A4PrinterError';
  readonly jobId?: string;
  readonly reason?: string;
  readonly detail?: string;

  constructor(
    readonly code: A4PrinterErrorCode,
    message: string,
    details: A4PrinterErrorDetails = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    if (details.jobId !== undefined) this.jobId = details.jobId;
    if (details.reason !== undefined) this.reason = details.reason;
    if (details.detail !== undefined) this.detail = details.detail;
  }
}

/** A value or the reason there is none; A4 printer operations never reject. */
export type A4Result<T> = { ok: true; value: T } | { ok: false; error: A4PrinterError };

/** Wraps a value as a successful result. */
export const succeed = <T>(value: T): A4Result<T> => ({ ok: true, value });

/** Wraps an error as a failed result. */
export const fail = <T = never>(error: A4PrinterError): A4Result<T> => ({ ok: false, error });
