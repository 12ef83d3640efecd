/**
 * One guard for every route: text that PostgreSQL or our documents cannot store (NUL, unpaired
 * UTF-16 surrogates, control characters, absurdly long strings) is refused with 400 `invalidRequest`
 * (message `unstorable text at <field>: <problem>`) before any handler or database query runs. Route schemas still set each field's own limits; this
 * is the floor under all of them, so a route that forgets one cannot answer 500.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { KioskError } from '../../contracts/errors';

/** Longest string accepted anywhere (route schemas are stricter; the longest of them is far below). */
export const MAX_TEXT_LENGTH = 4_000;

// Without the `u` flag a regex sees UTF-16 code units, so lone surrogates are matchable.
// Matching control characters is this file's whole job.
/* eslint-disable no-control-regex */
const NUL = /\u0000/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** C0 controls except tab, line feed and carriage return; DEL; C1 controls. */
const CONTROL_IN_BODY = /[\u0001-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/** In a URL parameter or query value no control character at all is ordinary. */
const CONTROL_IN_URL = /[\u0001-\u001F\u007F-\u009F]/;
/* eslint-enable no-control-regex */
const PLAIN_KEY = /^[A-Za-z0-9_-]{1,40}$/;

/** What is wrong with one string, or null when it can be stored. */
export function textProblem(text: string, where: 'url' | 'body'): string | null {
  if (text.length > MAX_TEXT_LENGTH) return `longer than ${MAX_TEXT_LENGTH} characters`;
  if (NUL.test(text)) return 'contains a NUL character';
  if (LONE_SURROGATE.test(text)) return 'contains an unpaired UTF-16 surrogate';
  if ((where === 'url' ? CONTROL_IN_URL : CONTROL_IN_BODY).test(text)) return 'contains a control character';
  return null;
}

/**
 * The first unstorable string in a parsed value (object keys included), as `field: problem`;
 * never quotes the text itself, which may hold personal data.
 */
export function findUnstorableText(value: unknown, where: 'params' | 'query' | 'body'): string | null {
  const kind = where === 'body' ? 'body' : 'url';
  const stack: [unknown, string][] = [[value, where]];
  while (stack.length > 0) {
    const [item, path] = stack.pop()!;
    if (typeof item === 'string') {
      const problem = textProblem(item, kind);
      if (problem) return `${path}: ${problem}`;
    } else if (Array.isArray(item)) {
      item.forEach((element, i) => stack.push([element, `${path}.${i}`]));
    } else if (item !== null && typeof item === 'object') {
      for (const [key, element] of Object.entries(item)) {
        const problem = textProblem(key, kind);
        if (problem) return `${path}: a field name ${problem}`;
        stack.push([element, `${path}.${PLAIN_KEY.test(key) ? key : '?'}`]);
      }
    }
  }
  return null;
}

/** Whether the raw query string decodes as UTF-8 (the query parser keeps an undecodable `%ED%A0%80` as it is). */
function queryDecodes(url: string): boolean {
  const at = url.indexOf('?');
  if (at < 0) return true;
  try {
    decodeURIComponent(url.slice(at + 1).replace(/\+/g, ' '));
    return true;
  } catch {
    return false;
  }
}

function refuseUnstorable(request: FastifyRequest, parts: ('params' | 'query' | 'body')[]): void {
  if (parts.includes('query') && !queryDecodes(request.url)) {
    throw new KioskError('invalidRequest', 'unstorable text at query: not valid UTF-8 percent-encoding');
  }
  for (const part of parts) {
    const problem = findUnstorableText(request[part], part);
    if (problem) throw new KioskError('invalidRequest', `unstorable text at ${problem}`);
  }
}

/**
 * Registers the guard on the whole app (call once, before the routes): URL parameters and the
 * query are checked before authentication, the body as soon as it is parsed.
 */
export function registerTextGuard(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => refuseUnstorable(request, ['params', 'query']));
  app.addHook('preValidation', async (request) => refuseUnstorable(request, ['body']));
}
