/**
 * One guard for every route: text that PostgreSQL or our documents cannot store (NUL, unpaired
 * UTF-16 surrogates, control characters, absurdly long strings) is refused with 400 `invalidRequest`
 * (message `unstorable text at <field>: <problem>`) before any handler or database query runs. Route schemas still set each field's own limits; this
 * is the floor under all of them, so a route that forgets one cannot answer 500.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { KioskError } from '../../contracts/errors';
import { textProblem } from '../../contracts/storable-text';

const PLAIN_KEY = /^[A-Za-z0-9_-]{1,40}$/;

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
