// What a response means for the command it answers. A response does not echo its
// command, so each interpreter also rejects a status that cannot answer it (a late
// answer to an earlier, timed-out command) as `unexpectedResponse`.
import type { IdCardResponse } from './commands';
import { IdCardError, fail, succeed, type IdCardResult } from './errors';
import { decodeReadData, type IdCardContent } from './read-response';
import { samStatusName } from './status';

/** Statuses that only one command can produce. */
const ONLY_ANSWERS: Readonly<Record<number, string>> = Object.freeze({
  0x9f: 'findCard',
  0x80: 'findCard',
  0x81: 'selectCard',
  0x41: 'readCard',
});

/** Turns a SW3 that is not this command's success into a typed error; `unexpectedResponse` if it cannot answer it at all. */
export function statusError(sw3: number, command: string): IdCardError {
  const name = samStatusName(sw3);
  const hex = sw3.toString(16).padStart(2, '0');
  const owner = ONLY_ANSWERS[sw3];
  if (name === 'ok' || name === 'cardFound' || (owner !== undefined && owner !== command)) {
    return new IdCardError('unexpectedResponse', `status ${hex} (${name}) cannot answer ${command}`, { status: sw3 });
  }
  return new IdCardError(name, `reader answered ${command} with status ${hex} (${name})`, { status: sw3 });
}

/** reset / samStatus: SW3 90 means done. */
export function interpretOk(response: IdCardResponse, command: string): IdCardResult<void> {
  return response.sw3 === 0x90 ? succeed(undefined) : fail(statusError(response.sw3, command));
}

/** readSamId: SW3 90 with the SAM's identity bytes. */
export function interpretSamId(response: IdCardResponse): IdCardResult<Uint8Array> {
  return response.sw3 === 0x90 ? succeed(response.data.slice()) : fail(statusError(response.sw3, 'readSamId'));
}

/** findCard: 9F found, 80 no (new) card; anything else is an error. */
export function interpretFind(response: IdCardResponse): IdCardResult<boolean> {
  if (response.sw3 === 0x9f) return succeed(true);
  if (response.sw3 === 0x80) return succeed(false);
  return fail(statusError(response.sw3, 'findCard'));
}

/** selectCard: 90 selected, 81 not; anything else is an error. */
export function interpretSelect(response: IdCardResponse): IdCardResult<boolean> {
  if (response.sw3 === 0x90) return succeed(true);
  if (response.sw3 === 0x81) return succeed(false);
  return fail(statusError(response.sw3, 'selectCard'));
}

/** readCard: 90 with text and photo; anything else is an error. */
export function interpretRead(response: IdCardResponse): IdCardResult<IdCardContent> {
  if (response.sw3 !== 0x90) return fail(statusError(response.sw3, 'readCard'));
  return decodeReadData(response.data);
}
