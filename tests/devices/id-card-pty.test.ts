// The driver and the simulator on the two ends of a real pseudo-terminal pair made
// by socat, each through the serialport Transport at 115200: real termios, real
// kernel buffering, real chunking.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IdCardReaderDriver } from '../../devices/id-card/driver';
import { IdCardReaderSimulator } from '../../devices/id-card/simulator';
import { cleanupList, openSerial, ptyPair } from './pty-pair';
import { PHOTO, RETIREE, record } from './id-card-fixtures';

const cleanups = cleanupList();
afterEach(() => cleanups.run());
const open = (path: string) => openSerial(cleanups, path, 115200);

describe('ID card reader over a real pty pair (socat)', () => {
  it('reads a card end to end, and fails health with cardRemoved when the line disappears', async () => {
    const { a, b, socat } = await ptyPair(cleanups, 'idcard');
    const driverSide = await open(a);
    const simulatorSide = await open(b);
    const simulator = new IdCardReaderSimulator(simulatorSide);
    const driver = new IdCardReaderDriver(driverSide, { pollIntervalMs: 20 });
    const log = record(driver);
    cleanups.push(
      () => driver.dispose(),
      () => simulator.dispose(),
    );

    expect(await driver.samStatus()).toEqual({ ok: true, value: undefined });
    driver.start();
    simulator.insertCard({ text: RETIREE, photo: PHOTO });
    await vi.waitFor(() => expect(log.cardInserted).toHaveLength(1), { timeout: 5000 });
    const [content] = log.cardInserted[0]!;
    expect(content.text).toEqual(RETIREE);
    expect([...content.photo]).toEqual([...PHOTO]);

    const selects = simulator.commandCount('selectCard');
    await vi.waitFor(() => expect(simulator.commandCount('selectCard')).toBeGreaterThan(selects + 3), {
      timeout: 5000,
    });
    expect(simulator.commandCount('readCard')).toBe(1);

    // Pull the "cable": the pty pair vanishes under both ports.
    socat.kill('SIGTERM');
    await vi.waitFor(() => expect(driver.health).toEqual({ state: 'failed', reason: 'disconnected' }), {
      timeout: 5000,
    });
    expect(log.cardRemoved).toHaveLength(1);
    expect(driverSide.isOpen).toBe(false);
  });
});
