// What a PC/SC failure means for the kiosk. The binding rejects with pcsc-lite's and winscard's
// error text (GetPCSCErrorString), so the text is what we classify. Pure.
import type { ApduTransportErrorCode } from '../transport';

/** The kinds of PC/SC failure the transport acts on. */
export type PcscFailure = ApduTransportErrorCode | 'serviceGone' | 'sharingViolation' | 'unresponsiveCard';

const TABLE: ReadonlyArray<[RegExp, PcscFailure]> = [
  // SCARD_E_NOT_TRANSACTED: the exchange broke off; with the reader still there, the card left.
  [/card was removed|card was reset|card is unpowered|transaction failed/i, 'cardRemoved'],
  [/no smart card present/i, 'noCard'],
  [/service not running|service stopped|no service/i, 'serviceGone'],
  [/sharing violation/i, 'sharingViolation'],
  [/unresponsive|not supported|invalid atr|unknown card/i, 'unresponsiveCard'],
  [/insufficient buffer/i, 'extendedLength'],
];

/** Classifies a binding's error; anything else is the reader being unavailable. */
export function classifyPcscError(error: unknown): PcscFailure {
  const text = error instanceof Error ? error.message : String(error);
  return TABLE.find(([pattern]) => pattern.test(text))?.[1] ?? 'readerUnavailable';
}
