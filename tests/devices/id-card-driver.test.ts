import { afterEach, describe, expect, it, vi } from 'vitest';
import { IdCardReaderDriver, type IdCardReaderDriverOptions } from '../../devices/id-card/driver';
import { IdCardReaderSimulator } from '../../devices/id-card/simulator';
import { createLinkedPair } from '../../devices/transports/memory';
import { CITIZEN, PHOTO, RETIREE, foreignCardText, record } from './id-card-fixtures';

// Quick polling; deadlines generous enough that a loaded CI machine never trips them by accident.
const FAST: IdCardReaderDriverOptions = { pollIntervalMs: 5, responseTimeoutMs: 1000, readTimeoutMs: 2000 };
/** For tests that wait for a deadline on purpose. */
const SHORT_DEADLINES: IdCardReaderDriverOptions = { ...FAST, responseTimeoutMs: 60, readTimeoutMs: 120 };
const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function rig(options: IdCardReaderDriverOptions = FAST) {
  // Small random chunks, as a UART would deliver them.
  const pair = createLinkedPair({ maxChunkSize: 48 });
  await pair.a.open();
  await pair.b.open();
  const simulator = new IdCardReaderSimulator(pair.b);
  const driver = new IdCardReaderDriver(pair.a, options);
  const log = record(driver);
  cleanups.push(
    () => driver.dispose(),
    () => simulator.dispose(),
  );
  return { pair, simulator, driver, log };
}

describe('IdCardReaderDriver commands against the simulator', () => {
  it('answers SAM commands and reports no card', async () => {
    const { driver } = await rig();
    expect(await driver.samStatus()).toEqual({ ok: true, value: undefined });
    expect(await driver.reset()).toEqual({ ok: true, value: undefined });
    const samId = await driver.readSamId();
    expect(samId.ok && samId.value.length).toBe(16);
    expect(await driver.findCard()).toEqual({ ok: true, value: false });
    expect(await driver.selectCard()).toEqual({ ok: true, value: false });
    const read = await driver.readCard();
    expect(read.ok).toBe(false);
    if (!read.ok) expect([read.error.code, read.error.status]).toEqual(['readFailed', 0x41]);
    expect(driver.health).toEqual({ state: 'ok' });
  });

  it('reads a card by find, select, read', async () => {
    const { driver, simulator } = await rig();
    simulator.insertCard({ text: RETIREE, photo: PHOTO });
    expect(await driver.findCard()).toEqual({ ok: true, value: true });
    expect(await driver.selectCard()).toEqual({ ok: true, value: true });
    const read = await driver.readCard();
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.value.text).toEqual(RETIREE);
    expect([...read.value.photo]).toEqual([...PHOTO]);
    // HALT after read: find no longer sees it, select still does.
    expect(await driver.findCard()).toEqual({ ok: true, value: false });
    expect(await driver.selectCard()).toEqual({ ok: true, value: true });
  });

  it('runs one request at a time even when called concurrently', async () => {
    const { driver, simulator } = await rig();
    simulator.insertCard({ text: RETIREE });
    const [found, selected, read] = await Promise.all([driver.findCard(), driver.selectCard(), driver.readCard()]);
    expect(found).toEqual({ ok: true, value: true });
    expect(selected).toEqual({ ok: true, value: true });
    expect(read.ok && read.value.text.idNumber).toBe(RETIREE.idNumber);
  });

  it('times out with a typed error when the reader is silent', async () => {
    const { driver, simulator } = await rig(SHORT_DEADLINES);
    simulator.setSilent(true);
    const result = await driver.findCard();
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('timeout');
    expect(driver.health).toEqual({ state: 'degraded', reason: 'timeout' });
  });
});

describe('IdCardReaderDriver polling', () => {
  it('announces a card once per placement and does not re-read a card that stays', async () => {
    const { driver, simulator, log } = await rig();
    driver.start();
    simulator.insertCard({ text: RETIREE, photo: PHOTO });
    await vi.waitFor(() => expect(log.cardInserted).toHaveLength(1));
    const [content] = log.cardInserted[0]!;
    expect(content.text.name).toBe('王秀英');
    expect(content.text.idNumber).toBe('320102195203140028');
    expect([...content.photo]).toEqual([...PHOTO]);

    // Several poll cycles with the card still there.
    const selectsAfterRead = simulator.commandCount('selectCard');
    await vi.waitFor(() => expect(simulator.commandCount('selectCard')).toBeGreaterThan(selectsAfterRead + 5));
    expect(simulator.commandCount('readCard')).toBe(1);
    expect(log.cardInserted).toHaveLength(1);
    expect(driver.holdingCard).toBe(true);

    simulator.removeCard();
    await vi.waitFor(() => expect(log.cardRemoved).toHaveLength(1));
    expect(driver.holdingCard).toBe(false);

    simulator.insertCard({ text: CITIZEN });
    await vi.waitFor(() => expect(log.cardInserted).toHaveLength(2));
    expect(log.cardInserted[1]![0].text.idNumber).toBe('64010419800101001X');
    expect(simulator.commandCount('readCard')).toBe(2);
    expect(log.readFailed).toEqual([]);
  });

  it('rejects a foreign permanent resident card once and tracks its removal', async () => {
    const { driver, simulator, log } = await rig();
    driver.start();
    simulator.insertCard({ text: foreignCardText() });
    await vi.waitFor(() => expect(log.cardRejected).toHaveLength(1));
    const [error] = log.cardRejected[0]!;
    expect([error.code, error.cardType]).toEqual(['cardTypeNotSupported', 'I']);
    const selects = simulator.commandCount('selectCard');
    await vi.waitFor(() => expect(simulator.commandCount('selectCard')).toBeGreaterThan(selects + 3));
    expect(simulator.commandCount('readCard')).toBe(1);
    simulator.removeCard();
    await vi.waitFor(() => expect(log.cardRemoved).toHaveLength(1));
    expect(log.cardInserted).toEqual([]);
  });

  it('reads a held card again after a reset', async () => {
    const { driver, simulator, log } = await rig();
    driver.start();
    simulator.insertCard({ text: RETIREE });
    await vi.waitFor(() => expect(log.cardInserted).toHaveLength(1));
    expect(await driver.reset()).toEqual({ ok: true, value: undefined });
    await vi.waitFor(() => expect(log.cardInserted).toHaveLength(2));
    expect(log.cardRemoved).toHaveLength(1);
  });

  it('ends a read cut by an unplug with a typed error, fails health, and works again after reconnect', async () => {
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => rejections.push(reason);
    process.on('unhandledRejection', onRejection);
    cleanups.push(() => void process.off('unhandledRejection', onRejection));

    const { driver, simulator, pair, log } = await rig();
    const stopListening = simulator.on('command', (name) => {
      if (name !== 'readCard') return;
      stopListening();
      pair.unplug(); // before the simulator can answer
    });
    driver.start();
    simulator.insertCard({ text: RETIREE });
    await vi.waitFor(() => expect(log.readFailed).toHaveLength(1));
    expect(log.readFailed[0]![0].code).toBe('transportClosed');
    expect(driver.health).toEqual({ state: 'failed', reason: 'disconnected' });
    expect(log.cardInserted).toEqual([]);

    // The device manager replugs and reopens; polling was never stopped.
    pair.replug();
    await pair.b.open();
    expect(await driver.reconnect()).toEqual({ ok: true, value: undefined });
    expect(driver.health).toEqual({ state: 'ok' });
    await vi.waitFor(() => expect(log.cardInserted).toHaveLength(1));
    expect(rejections).toEqual([]);
  });

  it('reports cardRemoved when the cable is pulled while a card is held', async () => {
    const { driver, simulator, pair, log } = await rig();
    driver.start();
    simulator.insertCard({ text: RETIREE });
    await vi.waitFor(() => expect(log.cardInserted).toHaveLength(1));
    pair.unplug();
    expect(log.cardRemoved).toHaveLength(1);
    expect(driver.health.state).toBe('failed');
  });

  it('recovers from garbage and a false frame header on the line', async () => {
    const { driver, simulator, log } = await rig();
    simulator.injectGarbage(Uint8Array.of(0x00, 0xff, 0xaa, 0xaa, 0x13, 0x96, 0x69));
    simulator.injectGarbage(Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96, 0x69, 0x05, 0x08)); // claims 1288 bytes
    driver.start();
    simulator.insertCard({ text: RETIREE });
    await vi.waitFor(() => expect(log.cardInserted).toHaveLength(1));
    expect(log.cardInserted[0]![0].text.idNumber).toBe(RETIREE.idNumber);
    expect(driver.health).toEqual({ state: 'ok' });
  });

  it('takes the real answer when a damaged frame-shaped noise precedes it', async () => {
    const { driver, simulator } = await rig();
    simulator.injectGarbage(Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96, 0x69, 0x00, 0x04, 0x00, 0x00, 0x90, 0x00));
    expect(await driver.findCard()).toEqual({ ok: true, value: false });
    expect(await driver.samStatus()).toEqual({ ok: true, value: undefined });
    expect(driver.health).toEqual({ state: 'ok' });
  });

  it('degrades on a damaged answer or a SAM fault and recovers on the next clean answer', async () => {
    const { driver, simulator, log } = await rig({ ...FAST, responseTimeoutMs: 300 });
    simulator.corruptNext('findCard');
    const damaged = await driver.findCard();
    expect(!damaged.ok && damaged.error.code).toBe('badChecksum');
    expect(driver.health).toEqual({ state: 'degraded', reason: 'badChecksum' });
    expect(await driver.findCard()).toEqual({ ok: true, value: false });

    simulator.failNext('samStatus', 0x60);
    const fault = await driver.samStatus();
    expect(!fault.ok && fault.error.code).toBe('samSelfTestFailed');
    expect(driver.health).toEqual({ state: 'degraded', reason: 'samSelfTestFailed' });

    expect(await driver.samStatus()).toEqual({ ok: true, value: undefined });
    expect(log.health.map(([h]) => h)).toEqual([
      { state: 'degraded', reason: 'badChecksum' },
      { state: 'ok' },
      { state: 'degraded', reason: 'samSelfTestFailed' },
      { state: 'ok' },
    ]);
  });

  it('refuses an answer that belongs to another command', async () => {
    const { driver, simulator } = await rig();
    simulator.failNext('samStatus', 0x80); // "find failed" cannot answer a status check
    const result = await driver.samStatus();
    expect(!result.ok && result.error.code).toBe('unexpectedResponse');
    expect(driver.health).toEqual({ state: 'degraded', reason: 'unexpectedResponse' });
  });

  it('reads a card whose first read answer was lost, after resetting the reader', async () => {
    const { driver, simulator, log } = await rig({ ...FAST, readTimeoutMs: 300 });
    simulator.corruptNext('readCard');
    driver.start();
    simulator.insertCard({ text: RETIREE });
    await vi.waitFor(() => expect(log.cardInserted).toHaveLength(1));
    expect(log.readFailed.map(([e]) => e.code)).toEqual(['badChecksum']);
    expect(simulator.commandCount('reset')).toBe(1);
    expect(simulator.commandCount('readCard')).toBe(2);
  });

  it('fails after consecutive timeouts, drops the held card, and recovers when the reader answers', async () => {
    const { driver, simulator, log } = await rig({ ...SHORT_DEADLINES, failAfterTimeouts: 3 });
    driver.start();
    simulator.insertCard({ text: RETIREE });
    await vi.waitFor(() => expect(log.cardInserted).toHaveLength(1));
    const mark = log.health.length;
    simulator.setSilent(true);
    await vi.waitFor(() => expect(driver.health).toEqual({ state: 'failed', reason: 'timeout' }));
    expect(log.cardRemoved).toHaveLength(1);
    expect(log.health.slice(mark).map(([h]) => h.state)).not.toContain('ok');

    simulator.setSilent(false);
    await vi.waitFor(() => expect(driver.health).toEqual({ state: 'ok' }));
  });
});

describe('IdCardReaderDriver lifecycle', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('leaves no timer behind after stop(), whether stopped mid-request or mid-pause', async () => {
    vi.useFakeTimers();
    // Nobody on the other end, so nothing answers and every timer left is the driver's.
    const pair = createLinkedPair();
    await pair.a.open();
    const driver = new IdCardReaderDriver(pair.a, { pollIntervalMs: 300, responseTimeoutMs: 1000 });
    const log = record(driver);

    driver.start();
    await vi.advanceTimersByTimeAsync(500); // a find is in flight, waiting for its deadline
    expect(vi.getTimerCount()).toBeGreaterThan(0);
    await driver.stop();
    expect(vi.getTimerCount()).toBe(0);
    expect(driver.polling).toBe(false);

    driver.start();
    await vi.advanceTimersByTimeAsync(1100); // the find timed out; now pausing between cycles
    await driver.stop();
    expect(vi.getTimerCount()).toBe(0);
    expect(log.health.map(([h]) => h)).toEqual([{ state: 'degraded', reason: 'timeout' }]);
    await driver.dispose();
  });

  it('starts failed when its transport is closed and becomes ok once it is opened and answers', async () => {
    const pair = createLinkedPair();
    const simulator = new IdCardReaderSimulator(pair.b);
    const driver = new IdCardReaderDriver(pair.a, FAST);
    cleanups.push(
      () => driver.dispose(),
      () => simulator.dispose(),
    );
    expect(driver.health).toEqual({ state: 'failed', reason: 'notOpen' });
    const early = await driver.findCard();
    expect(!early.ok && early.error.code).toBe('notOpen');
    await pair.b.open();
    expect(await driver.reconnect()).toEqual({ ok: true, value: undefined });
    expect(driver.health).toEqual({ state: 'ok' });
  });
});
