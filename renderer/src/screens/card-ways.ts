/** Which ways of identifying still work on this terminal (pure, for the start screen's words). */
import type { TerminalStatus } from '../../../contracts';
import type { Messages } from '../i18n';

/** One flag per way in: ID card reader, social security card reader, QR scanner (e-card). */
export interface CardWays {
  idCard: boolean;
  ssCard: boolean;
  eCard: boolean;
}

const ALL: CardWays = { idCard: true, ssCard: true, eCard: true };

/** A device counts as working unless the host reports it failed (a terminal lists what it has). */
export function cardWays(terminal: TerminalStatus | null): CardWays {
  if (!terminal) return ALL;
  const failed = (device: string) => terminal.devices.some((d) => d.device === device && d.state === 'failed');
  return { idCard: !failed('idCardReader'), ssCard: !failed('ssCardReader'), eCard: !failed('qrScanner') };
}

/** True when no way in works at all: then (and only then) the card services are hidden. */
export function noCardWay(ways: CardWays): boolean {
  return !ways.idCard && !ways.ssCard && !ways.eCard;
}

/** The start screen's main line (also spoken): the ID card, or what to use while its reader is down. */
export function attractHeading(t: Messages, ways: CardWays): string {
  if (ways.idCard) return t.attract.heading;
  return t.attract.withoutIdCard.heading(ways.ssCard, ways.eCard);
}
