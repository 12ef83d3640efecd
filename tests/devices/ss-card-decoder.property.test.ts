import fc from 'fast-check';
import { describe, it } from 'vitest';
import {
  SS_CARD_FIELDS,
  SsCardError,
  decodeSsCardField,
  decodeResponseApdu,
  decodeSimpleTlv,
  interpretStatusWord,
  parseCommandApdu,
  type SsCardFieldName,
  type SsCardResult,
} from '../../devices/ss-card/codec';
import { SsCardSimulator } from '../../devices/ss-card/simulator';
import { RETIREE_CARD } from './ss-card-fixtures';

/** Plain assertion: `expect` is too slow for 100,000 runs, and fast-check reports the counterexample anyway. */
function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

const CODES = new Set(['malformedResponse', 'truncatedTlv', 'malformedRecord']);

function typed<T>(result: SsCardResult<T>, what: string): SsCardResult<T> {
  check(typeof result === 'object' && result !== null && typeof result.ok === 'boolean', `${what}: not a result`);
  if (!result.ok) {
    check(result.error instanceof SsCardError && CODES.has(result.error.code), `${what}: ${result.error.code}`);
  }
  return result;
}

const FIELD_BY_TAG = new Map(
  (Object.keys(SS_CARD_FIELDS) as SsCardFieldName[]).map((name) => [SS_CARD_FIELDS[name].tag, name]),
);

/** Bytes that favour tags, padding and short lengths, so that valid and nearly valid records are common. */
const byte = fc.oneof(
  fc.integer({ min: 0, max: 255 }),
  fc.constantFrom(0x00, 0xff, 0x01, 0x07, 0x09, 0x0d, 0x90, 0x61, 0x63, 0x6c, 0xc2),
  fc.integer({ min: 0, max: 0x1f }),
);
const bytes = fc.array(byte, { maxLength: 48 }).map((a) => Uint8Array.from(a));

describe('social security card decoders never throw', () => {
  it('decode 100,000 random byte arrays as R-APDUs, TLV records and fields into typed results', () => {
    fc.assert(
      fc.property(bytes, (input) => {
        const response = typed(decodeResponseApdu(input), 'R-APDU');
        check(response.ok === input.length >= 2, 'R-APDU: wrong verdict on length');
        if (response.ok) {
          const meaning = interpretStatusWord(response.value.sw1, response.value.sw2);
          check(['ok', 'moreData', 'wrongLe', 'error'].includes(meaning.kind), 'status: no meaning');
          if (meaning.kind === 'error') check(meaning.error instanceof SsCardError, 'status: untyped error');
        }
        const tlv = typed(decodeSimpleTlv(input), 'TLV');
        if (!tlv.ok) return;
        let covered = 0;
        for (const item of tlv.value) {
          covered += 2 + item.value.length;
          const name = FIELD_BY_TAG.get(item.tag);
          if (name) typed(decodeSsCardField(name, item.value), `field ${name}`);
        }
        check(covered <= input.length, 'TLV: items cover more bytes than given');
      }),
      { numRuns: 100_000 },
    );
  }, 60_000);

  it('the simulated card answers 20,000 random C-APDUs with a status word, never a throw', () => {
    const card = new SsCardSimulator({ ...RETIREE_CARD });
    fc.assert(
      fc.property(bytes, (apdu) => {
        const parsed = parseCommandApdu(apdu);
        check(parsed === 'wrongLength' || parsed.ins === apdu[1], 'parse: wrong INS');
        const answer = card.process(apdu);
        check(answer.length >= 2, 'card: no status word');
      }),
      { numRuns: 20_000 },
    );
  });
});
