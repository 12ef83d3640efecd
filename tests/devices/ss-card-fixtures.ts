// Shared fixtures for the social security card tests (synthetic people, not real ones).
import type { SsCardData } from '../../devices/ss-card/card-data';
import type { SsCardImage } from '../../devices/ss-card/card-image';
import type { SsCardReaderDriver, SsCardReaderEvents } from '../../devices/ss-card/driver';

/** A synthetic retiree's card. */
export const RETIREE_CARD: SsCardImage = {
  cardNo: 'A01234567',
  idNumber: '320102195203140028',
  name: '王秀英',
  sex: '2',
  nation: '01',
  birthDate: '19520314',
  issueDate: '20200601',
  expiryDate: '20300601',
  cardType: '3',
  version: '3.00',
  pin: '135790',
};

/** What the driver reports for a card image: everything but the PIN. */
export const dataOf = ({ pin: _pin, ...data }: SsCardImage): SsCardData => data;

/** A second synthetic card, with an X check digit. */
export const CITIZEN_CARD: SsCardImage = {
  cardNo: 'B76543210',
  idNumber: '64010419800101001X',
  name: '李建国',
  sex: '1',
  nation: '03',
  birthDate: '19800101',
  issueDate: '20230115',
  expiryDate: '20330115',
  cardType: '3',
  version: '3.00',
  pin: '246810',
};

/** Records every driver event, in order. */
export function recordSsCard(driver: SsCardReaderDriver) {
  const log: { [K in keyof SsCardReaderEvents]: SsCardReaderEvents[K][] } = {
    cardInserted: [],
    readFailed: [],
    cardRemoved: [],
    health: [],
  };
  for (const event of Object.keys(log) as (keyof SsCardReaderEvents)[]) {
    driver.on(event, (...args: unknown[]) => (log[event] as unknown[][]).push(args));
  }
  return log;
}
