// Every way reading a social security card can fail, as values with a `code`.

/** Why a card operation failed. */
export type SsCardErrorCode =
  // Status words from the card (see status-words.ts).
  | 'fileNotFound'
  | 'recordNotFound'
  | 'pinBlocked'
  | 'wrongPin'
  | 'securityStatusNotSatisfied'
  | 'conditionsNotSatisfied'
  | 'noCurrentEf'
  | 'insNotSupported'
  | 'claNotSupported'
  | 'wrongLength'
  | 'incorrectP1P2'
  | 'unknownStatus'
  // Bytes we could not make sense of.
  | 'malformedResponse'
  | 'truncatedTlv'
  | 'missingRecord'
  | 'malformedRecord'
  | 'tooManyResponses'
  // Before or around the card.
  | 'invalidPin'
  | 'invalidApdu'
  | 'noCard'
  | 'cardRemoved'
  | 'readerUnavailable'
  | 'extendedLength'
  | 'pinEntryTimeout'
  | 'pinEntryCancelled'
  | 'noPinPad'
  | 'timeout';

/** Extra facts some errors carry. */
export interface SsCardErrorDetails {
  /** SW1 SW2 as one number (e.g. 0x6a82), for status errors. */
  sw?: number;
  /** PIN tries left, for `wrongPin`. */
  triesLeft?: number;
  /** True when the PIN is blocked (`pinBlocked`). */
  locked?: boolean;
  /** The record (= its tag) involved, for record errors. */
  tag?: number;
  cause?: unknown;
}

/** A social security card failure with a `code` a screen can map to a sentence. */
export class SsCardError extends Error {
  override readonly name = 'SsCardError';
  readonly sw?: number;
  readonly triesLeft?: number;
  readonly locked?: boolean;
  readonly tag?: number;

  constructor(
    readonly code: SsCardErrorCode,
    message: string,
    details: SsCardErrorDetails = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    if (details.sw !== undefined) this.sw = details.sw;
    if (details.triesLeft !== undefined) this.triesLeft = details.triesLeft;
    if (details.locked !== undefined) this.locked = details.locked;
    if (details.tag !== undefined) this.tag = details.tag;
  }
}

/** A value or the reason there is none; card operations never reject. */
export type SsCardResult<T> = { ok: true; value: T } | { ok: false; error: SsCardError };

/** Wraps a value as a successful result. */
export const succeed = <T>(value: T): SsCardResult<T> => ({ ok: true, value });

/** Wraps an error as a failed result. */
export const fail = <T = never>(error: SsCardError): SsCardResult<T> => ({ ok: false, error });

/** Builds an error without a stack trace: bad bytes from a card are expected events, and hot in property tests. */
export function quietError(code: SsCardErrorCode, message: string, details: SsCardErrorDetails = {}): SsCardError {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return new SsCardError(code, message, details);
  } finally {
    Error.stackTraceLimit = limit;
  }
}
