/**
 * Text PostgreSQL and our documents can store: no NUL, no unpaired UTF-16 surrogate, no control
 * character (a body may keep tab and line breaks), not absurdly long. The hall server refuses
 * anything else (server/api/text-guard.ts); a terminal scrubs what it reports of itself.
 */

/** Longest string the hall server accepts anywhere (route schemas are stricter). */
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
const UNSTORABLE_ALL =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/* eslint-enable no-control-regex */

/** What is wrong with one string, or null when it can be stored. */
export function textProblem(text: string, where: 'url' | 'body'): string | null {
  if (text.length > MAX_TEXT_LENGTH) return `longer than ${MAX_TEXT_LENGTH} characters`;
  if (NUL.test(text)) return 'contains a NUL character';
  if (LONE_SURROGATE.test(text)) return 'contains an unpaired UTF-16 surrogate';
  if ((where === 'url' ? CONTROL_IN_URL : CONTROL_IN_BODY).test(text)) return 'contains a control character';
  return null;
}

/** The text with every unstorable character replaced by U+FFFD, cut to `maxLength` without splitting a pair. */
export function storableText(text: string, maxLength: number): string {
  let clean = text.replace(UNSTORABLE_ALL, '\uFFFD');
  if (clean.length > maxLength) {
    clean = clean.slice(0, maxLength);
    if (/[\uD800-\uDBFF]$/.test(clean)) clean = clean.slice(0, -1);
  }
  return clean;
}
