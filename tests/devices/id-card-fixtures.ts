// Shared fixtures for the ID card reader tests (synthetic people, not real ones).
import { CARD_TYPE_OFFSET, encodeIdCardText, type IdCardText } from '../../devices/id-card/codec';
import type { IdCardReaderDriver, IdCardReaderEvents } from '../../devices/id-card/driver';

/** A synthetic retiree's card. */
export const RETIREE: IdCardText = {
  name: '王秀英',
  sex: '2',
  nation: '01',
  birthDate: '19520314',
  address: '江苏省南京市玄武区中山路18号',
  idNumber: '320102195203140028',
  issuingAuthority: '南京市公安局玄武分局',
  validFrom: '20120301',
  validTo: '长期',
};

/** A second synthetic card. */
export const CITIZEN: IdCardText = {
  name: '李建国',
  sex: '1',
  nation: '03',
  birthDate: '19800101',
  address: '宁夏回族自治区银川市兴庆区解放西街1号',
  idNumber: '64010419800101001X',
  issuingAuthority: '银川市公安局兴庆区分局',
  validFrom: '20190101',
  validTo: '20390101',
};

/** A text block marked as a foreign permanent resident ID card ('I' at the card type offset). */
export function foreignCardText(): Uint8Array {
  const block = encodeIdCardText(RETIREE);
  block[CARD_TYPE_OFFSET] = 0x49;
  block[CARD_TYPE_OFFSET + 1] = 0x00;
  return block;
}

/** A recognisable opaque photo blob. */
export const PHOTO = Uint8Array.from({ length: 1024 }, (_, i) => (i * 7) & 0xff);

/** Records every driver event, in order. */
export function record(driver: IdCardReaderDriver) {
  const log: { [K in keyof IdCardReaderEvents]: IdCardReaderEvents[K][] } = {
    cardInserted: [],
    cardRejected: [],
    readFailed: [],
    cardRemoved: [],
    health: [],
  };
  for (const event of Object.keys(log) as (keyof IdCardReaderEvents)[]) {
    driver.on(event, (...args: unknown[]) => (log[event] as unknown[][]).push(args));
  }
  return log;
}
