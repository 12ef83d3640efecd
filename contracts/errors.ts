/** Error codes that cross a boundary; a screen maps each to a plain sentence and the hotline. */
import { z } from 'zod';

export const errorCodes = [
  'invalidRequest',
  'unauthorized',
  'forbidden',
  /** Detailed money records and printing need the session's second factor (card PIN or face match). */
  'secondFactorRequired',
  'notFound',
  'noSession',
  'sessionExpired',
  'personNotFound',
  'cardInvalid',
  'eCardExpired',
  'serverUnreachable',
  'deviceFailed',
  'outOfService',
  'rateLimited',
  /** A person already holds an active ticket of this category today (queue.ts). */
  'ticketLimit',
  /** The action does not fit the current state (e.g. serving a ticket that is still waiting). */
  'conflict',
  /** Payment (payment.ts): a scanned code that is no payment code. */
  'paymentCodeInvalid',
  /** Payment: over the hall's configured limit. */
  'amountLimit',
  /** Payment: the item cannot be paid here (deadline passed, not enrolled, unknown grade). */
  'notPayable',
  /** Payment: the item is paid already, or part of another open order. */
  'alreadyPaid',
  /** Payment: a family member refused by the payer checks. */
  'payerCheckFailed',
  /** Payment: the payment channel cannot be reached; nothing was charged. */
  'providerUnavailable',
  /** Payment: the order's time ran out before it was paid. */
  'orderExpired',
  'internal',
] as const;
export const ErrorCode = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** The error body every boundary uses. `message` is for engineers and never holds personal data. */
export const ErrorBody = z.object({ code: ErrorCode, message: z.string().max(500) });
export type ErrorBody = z.infer<typeof ErrorBody>;

/** An error with a code a screen can turn into a sentence. */
export class KioskError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string = code,
  ) {
    super(message);
    this.name = 'KioskError';
  }

  /** The plain body sent across a boundary. */
  toBody(): ErrorBody {
    return { code: this.code, message: this.message.slice(0, 500) };
  }
}

/**
 * The error code of a rejected KioskApi call, whichever carrier brought it: a KioskError (browser
 * mode), or the plain `{ name, code, message }` the Electron preload rejects with (contextBridge
 * drops an Error's own fields); `internal` for anything else.
 */
export function errorCodeOf(error: unknown): ErrorCode {
  if (error instanceof KioskError) return error.code;
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  const parsed = ErrorCode.safeParse(code);
  return parsed.success ? parsed.data : 'internal';
}

/** The hotline shown on every error screen. */
export const HOTLINE = '12333';
