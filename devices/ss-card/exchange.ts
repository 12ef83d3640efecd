// One command at a time to the card, with the T=0 chores done here: 61xx is
// followed by GET RESPONSE, 6Cxx by a resend with the exact Le. Never rejects:
// transport failures and deadlines become typed errors.
import { decodeResponseApdu, encodeCommandApdu, type CommandApdu } from './apdu';
import { getResponseApdu } from './commands';
import { SsCardError, fail, succeed, type SsCardResult } from './errors';
import { interpretStatusWord } from './status-words';
import { ApduTransportError, type ApduTransport } from './transport';

/** How an exchange ended without an answer, for the health tracker. */
export type ExchangeFailure = 'timeout' | 'transport' | 'malformed';

/** Bounds the GET RESPONSE / resend chain of one command. */
const MAX_ROUNDS = 8;

/** Serialises command/response pairs over an ApduTransport. */
export class ApduExchange {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly transport: ApduTransport,
    private readonly timeoutMs: number,
    private readonly observe: (outcome: 'answered' | ExchangeFailure, error?: SsCardError) => void,
  ) {}

  /** Runs `command` after every earlier one; resolves with the response data on 9000. */
  run(command: CommandApdu): Promise<SsCardResult<Uint8Array>> {
    const job = this.queue.then(() => this.chain(command));
    this.queue = job;
    return job;
  }

  /**
   * Runs `command` (a VERIFY with placeholder PIN bytes) through the reader's PIN pad after every
   * earlier command, allowing `timeoutMs` for the holder to type; resolves on 9000.
   */
  runOnPinPad(command: CommandApdu, digits: number, timeoutMs: number): Promise<SsCardResult<Uint8Array>> {
    const job = this.queue.then(async () => {
      const pad = this.transport.verifyPinOnPad?.bind(this.transport);
      if (!pad) return fail<Uint8Array>(new SsCardError('noPinPad', 'the reader has no PIN pad'));
      const answer = await this.transmit(command, (apdu) => pad(apdu, digits), timeoutMs);
      if (!answer.ok) return answer;
      const meaning = interpretStatusWord(answer.value.sw1, answer.value.sw2);
      if (meaning.kind === 'ok') return succeed(answer.value.data);
      if (meaning.kind === 'error') return fail<Uint8Array>(meaning.error);
      return fail<Uint8Array>(new SsCardError('unknownStatus', 'the PIN pad answered with more data to fetch'));
    });
    this.queue = job;
    return job;
  }

  private async chain(command: CommandApdu): Promise<SsCardResult<Uint8Array>> {
    const parts: Uint8Array[] = [];
    let next: CommandApdu = command;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const answer = await this.transmit(next);
      if (!answer.ok) return answer;
      const { data, sw1, sw2 } = answer.value;
      const meaning = interpretStatusWord(sw1, sw2);
      parts.push(data);
      switch (meaning.kind) {
        case 'ok':
          return succeed(concat(parts));
        case 'moreData':
          next = getResponseApdu(meaning.available || 256);
          break;
        case 'wrongLe':
          parts.pop(); // a 6Cxx answer carries no data of the command's
          next = { ...next, le: meaning.exact || 256 };
          break;
        case 'error':
          return fail(meaning.error);
      }
    }
    return fail(new SsCardError('tooManyResponses', `no final status after ${MAX_ROUNDS} exchanges`));
  }

  private async transmit(
    command: CommandApdu,
    send: (apdu: Uint8Array) => Promise<Uint8Array> = (apdu) => this.transport.transmit(apdu),
    timeoutMs = this.timeoutMs,
  ) {
    let apdu: Uint8Array;
    try {
      apdu = encodeCommandApdu(command);
    } catch (error) {
      return fail<never>(error as SsCardError); // our own bug: a command out of range
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
    const sent = send(apdu);
    // If the deadline wins, the transmit may still settle later: never leave that rejection unhandled.
    sent.catch(() => undefined);
    try {
      const bytes = await Promise.race([sent, deadline]);
      if (bytes === 'timeout') return this.failed('timeout', new SsCardError('timeout', 'the card did not answer'));
      const response = decodeResponseApdu(bytes);
      if (!response.ok) return this.failed('malformed', response.error);
      this.observe('answered');
      return response;
    } catch (cause) {
      const code = cause instanceof ApduTransportError ? cause.code : 'readerUnavailable';
      return this.failed('transport', new SsCardError(code, 'the card could not be reached', { cause }));
    } finally {
      clearTimeout(timer);
      apdu.fill(0); // it may have carried the PIN
    }
  }

  private failed(outcome: ExchangeFailure, error: SsCardError) {
    this.observe(outcome, error);
    return fail<never>(error);
  }
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
