/** Why a transport operation failed. */
export type TransportErrorCode = 'notOpen' | 'openFailed' | 'writeFailed' | 'closeFailed' | 'disconnected';

/** A transport failure with a `code` a screen can map to a sentence. */
export class TransportError extends Error {
  override readonly name = 'TransportError';

  constructor(
    readonly code: TransportErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
