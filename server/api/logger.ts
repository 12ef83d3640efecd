/** Fastify logger settings that never log bodies, headers or anything personal. */
import type { FastifyServerOptions } from 'fastify';

/** `true` for the default logger, or a level and a destination stream (tests capture it). */
export type LoggerOption = boolean | { level?: string; stream?: NodeJS.WritableStream };

/** A statement's verification code opens its content to whoever holds it: it stays out of the logs. */
export function redactUrl(url: string): string {
  return url.replace(/(\/verify\/|[?&]code=)[^&/?#]*/g, '$1[code]');
}

const serializers = {
  req: (req: { method: string; url: string; id?: string }) => ({
    id: req.id,
    method: req.method,
    url: redactUrl(req.url),
  }),
  res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
};

/** The `logger` option for Fastify: only method, URL and status of requests; authorization redacted anyway. */
export function loggerOptions(option: LoggerOption | undefined): FastifyServerOptions['logger'] {
  if (!option) return false;
  const base = {
    level: typeof option === 'object' ? (option.level ?? 'info') : 'info',
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'req.body', 'headers.authorization'],
      censor: '[redacted]',
    },
    serializers,
  };
  return typeof option === 'object' && option.stream ? { ...base, stream: option.stream } : base;
}
