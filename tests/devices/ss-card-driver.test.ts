import { afterEach, describe, expect, it, vi } from 'vitest';
import { SsCardReaderDriver, type SsCardReaderDriverOptions } from '../../devices/ss-card/driver';
import { createSimulatedSsCardReader } from '../../devices/ss-card/simulated-reader';
import { SsCardSimulator } from '../../devices/ss-card/simulator';
import type { ApduTransport } from '../../devices/ss-card/transport';
import { CITIZEN_CARD, RETIREE_CARD, dataOf, recordSsCard } from './ss-card-fixtures';

const cleanups: (() => void)[] = [];
afterEach(() =>
  cleanups
    .splice(0)
    .reverse()
    .forEach((c) => c()),
);

function rig(options: SsCardReaderDriverOptions = {}, wrap: (t: ApduTransport) => ApduTransport = (t) => t) {
  const reader = createSimulatedSsCardReader();
  const driver = new SsCardReaderDriver(wrap(reader.transport), options);
  const log = recordSsCard(driver);
  cleanups.push(() => driver.dispose());
  return { reader, driver, log };
}

/** Catches unhandled rejections for the length of the test. */
function watchRejections(): unknown[] {
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => rejections.push(reason);
  process.on('unhandledRejection', onRejection);
  cleanups.push(() => void process.off('unhandledRejection', onRejection));
  return rejections;
}

const insIs = (apdu: Uint8Array, ins: number, p1?: number) => apdu[1] === ins && (p1 === undefined || apdu[2] === p1);

describe('SsCardReaderDriver reading', () => {
  it('reads EF05 and EF06 on insertion and announces the card once', async () => {
    const { reader, driver, log } = rig();
    reader.insertCard(RETIREE_CARD);
    await vi.waitFor(() => expect(log.cardInserted).toHaveLength(1));
    expect(log.cardInserted[0]![0]).toEqual(dataOf(RETIREE_CARD));
    expect(driver.card).toEqual(dataOf(RETIREE_CARD));
    expect(driver.health).toEqual({ state: 'ok' });
    expect(log.readFailed).toEqual([]);

    reader.removeCard();
    expect(log.cardRemoved).toHaveLength(1);
    expect(driver.card).toBeNull();
    reader.insertCard(CITIZEN_CARD);
    await vi.waitFor(() => expect(log.cardInserted).toHaveLength(2));
    expect(log.cardInserted[1]![0].idNumber).toBe('64010419800101001X');
    expect(log.cardInserted[1]![0].name).toBe('李建国');
  });

  it('reports a card that is not a social security card', async () => {
    const { reader, log } = rig();
    const card = new SsCardSimulator(RETIREE_CARD);
    card.failNext(0x6a82); // SELECT SSSE: no such DF, as on a bank card
    reader.insertCard(card);
    await vi.waitFor(() => expect(log.readFailed).toHaveLength(1));
    expect(log.readFailed[0]![0]).toMatchObject({ code: 'fileNotFound', sw: 0x6a82 });
    expect(log.cardInserted).toEqual([]);
  });

  it('ends a read cut by the card being pulled with a typed error and no unhandled rejection', async () => {
    const rejections = watchRejections();
    const { reader, driver, log } = rig();
    const stop = reader.on('apdu', (apdu) => {
      if (!insIs(apdu, 0xb2, 0x09)) return; // reading 姓名 from EF06
      stop();
      reader.removeCard();
    });
    reader.insertCard(RETIREE_CARD);
    await vi.waitFor(() => expect(log.readFailed).toHaveLength(1));
    expect(log.readFailed[0]![0].code).toBe('cardRemoved');
    expect(log.cardInserted).toEqual([]);
    expect(log.cardRemoved).toEqual([]); // never announced, so never "removed"
    expect(driver.health).toEqual({ state: 'ok' }); // the reader did its job
    expect(rejections).toEqual([]);
  });

  it('fails health when the reader is unplugged and reads the card again after replug', async () => {
    const rejections = watchRejections();
    const { reader, driver, log } = rig();
    reader.insertCard(RETIREE_CARD);
    await vi.waitFor(() => expect(log.cardInserted).toHaveLength(1));
    reader.unplug();
    expect(driver.health).toEqual({ state: 'failed', reason: 'disconnected' });
    expect(log.cardRemoved).toHaveLength(1);
    expect(await driver.verifyPin('135790')).toMatchObject({ ok: false, error: { code: 'readerUnavailable' } });

    reader.replug();
    expect(driver.health).toEqual({ state: 'ok' });
    await vi.waitFor(() => expect(log.cardInserted).toHaveLength(2));
    expect(rejections).toEqual([]);
  });

  it('times out on a hung reader, degrading health, without hanging the driver', async () => {
    const { reader, driver } = rig({ apduTimeoutMs: 50 });
    reader.setSilent(true);
    reader.insertCard(RETIREE_CARD);
    const read = await driver.readCard();
    expect(!read.ok && read.error.code).toBe('timeout');
    expect(driver.health).toEqual({ state: 'degraded', reason: 'timeout' });
    reader.setSilent(false);
    expect((await driver.readCard()).ok).toBe(true);
    expect(driver.health).toEqual({ state: 'ok' });
  });

  it('maps a refused read (6982) to a typed error', async () => {
    const { reader, driver } = rig();
    const card = reader.insertCard(RETIREE_CARD);
    await vi.waitFor(() => expect(driver.card).not.toBeNull());
    card.failNext(0x9000); // SELECT SSSE answered plainly
    card.failNext(0x9000); // SELECT EF05
    card.failNext(0x6982); // READ RECORD 02
    const read = await driver.readCard();
    expect(!read.ok && [read.error.code, read.error.sw]).toEqual(['securityStatusNotSatisfied', 0x6982]);
  });

  it('reports no card when asked to read an empty slot', async () => {
    const { driver } = rig();
    const read = await driver.readCard();
    expect(!read.ok && read.error.code).toBe('noCard');
  });
});

describe('SsCardReaderDriver PIN', () => {
  async function withCard() {
    const setup = rig();
    const card = setup.reader.insertCard(RETIREE_CARD);
    await vi.waitFor(() => expect(setup.log.cardInserted).toHaveLength(1));
    return { ...setup, card };
  }

  it('counts wrong PINs down 2, 1, locks on the third, and stays locked for the right PIN', async () => {
    const { driver, card } = await withCard();
    expect(await driver.verifyPin('111111')).toMatchObject({ ok: false, error: { code: 'wrongPin', triesLeft: 2 } });
    expect(await driver.verifyPin('222222')).toMatchObject({ ok: false, error: { code: 'wrongPin', triesLeft: 1 } });
    expect(await driver.verifyPin('333333')).toMatchObject({ ok: false, error: { code: 'pinBlocked', locked: true } });
    expect(await driver.verifyPin('135790')).toMatchObject({ ok: false, error: { code: 'pinBlocked', locked: true } });
    expect(card.triesLeft).toBe(0);
  });

  it('resets the counter on a right PIN before the lock', async () => {
    const { driver, card } = await withCard();
    expect(await driver.verifyPin('111111')).toMatchObject({ ok: false, error: { triesLeft: 2 } });
    expect(await driver.verifyPin('135790')).toEqual({ ok: true, value: undefined });
    expect(card.triesLeft).toBe(3);
    expect(await driver.verifyPin('111111')).toMatchObject({ ok: false, error: { triesLeft: 2 } });
  });

  it('keeps the lock across removal: the counter is on the card', async () => {
    const { driver, reader, card, log } = await withCard();
    for (const pin of ['111111', '222222', '333333']) await driver.verifyPin(pin);
    reader.removeCard();
    reader.insertCard(card);
    await vi.waitFor(() => expect(log.cardInserted).toHaveLength(2));
    expect(await driver.verifyPin('135790')).toMatchObject({ ok: false, error: { code: 'pinBlocked' } });
  });

  it('never sends a PIN that is not 6 digits', async () => {
    const { driver, reader } = await withCard();
    const heard: Uint8Array[] = [];
    reader.on('apdu', (apdu) => heard.push(apdu));
    for (const pin of ['12345', '1234567', 'abcdef', '']) {
      expect(await driver.verifyPin(pin)).toMatchObject({ ok: false, error: { code: 'invalidPin' } });
    }
    expect(heard).toEqual([]);
  });

  it('wipes the APDU that carried the PIN once the card has answered', async () => {
    const sent: Uint8Array[] = [];
    const spy = (transport: ApduTransport): ApduTransport => ({
      get isOpen() {
        return transport.isOpen;
      },
      cardPresent: () => transport.cardPresent(),
      transmit: (apdu) => {
        sent.push(apdu);
        return transport.transmit(apdu);
      },
      close: () => transport.close(),
      on: (event, listener) => transport.on(event, listener),
    });
    const { reader, driver } = rig({}, spy);
    reader.insertCard(RETIREE_CARD);
    await vi.waitFor(() => expect(driver.card).not.toBeNull());
    sent.length = 0;
    expect(await driver.verifyPin('135790')).toEqual({ ok: true, value: undefined });
    const verify = sent.find((apdu) => apdu.length === 8)!;
    expect([...verify]).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('reports no card when there is none', async () => {
    const { driver } = rig();
    expect(await driver.verifyPin('135790')).toMatchObject({ ok: false, error: { code: 'noCard' } });
  });
});
