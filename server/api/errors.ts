/** Every failure leaves as an ErrorBody with an HTTP status; nothing internal leaks out. */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { type ErrorBody, type ErrorCode, KioskError } from '../../contracts/errors';

/** HTTP status for each error code. */
export const httpStatus: Record<ErrorCode, number> = {
  invalidRequest: 400,
  unauthorized: 401,
  forbidden: 403,
  secondFactorRequired: 403,
  notFound: 404,
  noSession: 404,
  personNotFound: 404,
  sessionExpired: 410,
  cardInvalid: 400,
  eCardExpired: 400,
  rateLimited: 429,
  ticketLimit: 409,
  conflict: 409,
  paymentCodeInvalid: 400,
  amountLimit: 422,
  notPayable: 422,
  alreadyPaid: 409,
  payerCheckFailed: 422,
  providerUnavailable: 503,
  orderExpired: 410,
  internal: 500,
  outOfService: 503,
  serverUnreachable: 503,
  deviceFailed: 503,
};

/**
 * Fastify's own client errors (bad JSON, wrong content type, body too large), by code, with fixed
 * messages: the original ones can quote the request body, which may hold personal data.
 */
const fastifyClientErrors: Record<string, [number, string]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'the body is not valid JSON'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'the body is empty but the content type is JSON'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'unsupported content type'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'content length does not match the body'],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'the body is too large'],
  FST_ERR_CTP_INVALID_TYPE: [400, 'invalid content type'],
  FST_ERR_CTP_EMPTY_TYPE: [400, 'empty content type'],
  FST_ERR_BAD_URL: [400, 'malformed URL'],
  FST_ERR_MAX_PARAM_LENGTH: [414, 'a URL parameter is too long'],
};

/** The status and body for any error thrown while handling a request. */
export function toErrorResponse(error: unknown): { status: number; body: ErrorBody; unexpected: boolean } {
  if (error instanceof KioskError) return { status: httpStatus[error.code], body: error.toBody(), unexpected: false };
  const fe = error as Partial<FastifyError> | null;
  const known = fe?.code ? fastifyClientErrors[fe.code] : undefined;
  if (known) return { status: known[0], body: { code: 'invalidRequest', message: known[1] }, unexpected: false };
  if (fe && typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return {
      status: fe.statusCode,
      body: { code: 'invalidRequest', message: 'the request was not accepted' },
      unexpected: false,
    };
  }
  return { status: 500, body: { code: 'internal', message: 'internal error' }, unexpected: true };
}

/** What may be logged of an unexpected error: its type, code and stack frames, never its message (SQL errors carry parameters). */
export function loggableError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  const frames = (error.stack ?? '').split('\n').filter((line) => line.trimStart().startsWith('at '));
  const cause =
    error.cause instanceof Error
      ? { causeType: error.cause.name, causeCode: (error.cause as { code?: unknown }).code }
      : {};
  return {
    type: error.name,
    code: (error as { code?: unknown }).code,
    stack: frames.slice(0, 12).join('\n'),
    ...cause,
  };
}

/** Fastify error handler: ErrorBody always; unexpected errors are logged without their message. */
export function handleError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const { status, body, unexpected } = toErrorResponse(error);
  if (unexpected) request.log.error({ failure: loggableError(error) }, 'unexpected error');
  return reply.code(status).type('application/json').send(body);
}

/** Unknown routes: 404 with an ErrorBody. */
export function handleNotFound(_request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return reply.code(404).send({ code: 'notFound', message: 'no such route' } satisfies ErrorBody);
}
