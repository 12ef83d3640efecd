import type { SamStatusName } from './status';

/** Why a frame could not be decoded from the byte stream. */
export type FrameDecodeErrorCode = 'garbageSkipped' | 'badChecksum' | 'oversizeLength' | 'undersizeLength';

/** Every way talking to an ID card reader can fail, as one `code` union. */
export type IdCardErrorCode =
  | FrameDecodeErrorCode
  | 'payloadTooLong'
  | 'fieldTooLong'
  | 'malformedResponse'
  | 'unexpectedResponse'
  | 'cardTypeNotSupported'
  | 'timeout'
  | 'notOpen'
  | 'transportClosed'
  | 'writeFailed'
  | 'stopped'
  | Exclude<SamStatusName, 'ok' | 'cardFound'>;

/** Extra facts some errors carry. */
export interface IdCardErrorDetails {
  /** The SW3 byte, for status errors. */
  status?: number;
  /** The card type marker found in the text block, for `cardTypeNotSupported`. */
  cardType?: string;
  /** Bytes dropped, for `garbageSkipped`. */
  skipped?: number;
  /** The length field read, for length errors. */
  declaredLength?: number;
  cause?: unknown;
}

/** An ID card reader failure with a `code` a screen can map to a sentence. */
export class IdCardError extends Error {
  override readonly name = 'IdCardError';
  readonly status?: number;
  readonly cardType?: string;
  readonly skipped?: number;
  readonly declaredLength?: number;

  constructor(
    readonly code: IdCardErrorCode,
    message: string,
    details: IdCardErrorDetails = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    if (details.status !== undefined) this.status = details.status;
    if (details.cardType !== undefined) this.cardType = details.cardType;
    if (details.skipped !== undefined) this.skipped = details.skipped;
    if (details.declaredLength !== undefined) this.declaredLength = details.declaredLength;
  }
}

/** A value or the reason there is none; reader operations never reject. */
export type IdCardResult<T> = { ok: true; value: T } | { ok: false; error: IdCardError };

/** Wraps a value as a successful result. */
export const succeed = <T>(value: T): IdCardResult<T> => ({ ok: true, value });

/** Wraps an error as a failed result. */
export const fail = <T = never>(error: IdCardError): IdCardResult<T> => ({ ok: false, error });
