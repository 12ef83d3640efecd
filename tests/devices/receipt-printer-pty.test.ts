// The receipt printer driver and simulator on the two ends of a real pseudo-terminal
// pair made by socat, each through the serialport Transport: real termios, real
// kernel buffering, real chunking.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ReceiptPrinterDriver } from '../../devices/receipt-printer/driver';
import { buildReceiptJob } from '../../devices/receipt-printer/job';
import { ReceiptPrinterSimulator } from '../../devices/receipt-printer/simulator';
import { cleanupList, openSerial, ptyPair } from './pty-pair';
import { TICKET, printedText } from './receipt-printer-fixtures';

const cleanups = cleanupList();
afterEach(() => cleanups.run());
// 9600 baud is what most receipt printers ship with; a pty ignores the rate anyway.
const open = (path: string) => openSerial(cleanups, path, 9600);

describe('receipt printer over a real pty pair (socat)', () => {
  it('prints a receipt end to end, then fails health when the line disappears', async () => {
    const { a, b, socat } = await ptyPair(cleanups, 'receipt');
    const driverSide = await open(a);
    const simulatorSide = await open(b);
    const simulator = new ReceiptPrinterSimulator(simulatorSide);
    const driver = new ReceiptPrinterDriver(driverSide, { pollIntervalMs: 20, responseTimeoutMs: 2000 });
    cleanups.push(
      () => driver.dispose(),
      () => simulator.dispose(),
    );

    const job = buildReceiptJob(`${TICKET}\n经办: 自助终端 01`);
    const result = await driver.print({ escpos: job.escpos, id: 'pty-1' });
    expect(result).toMatchObject({ ok: true, value: { jobId: 'pty-1' } });
    expect(simulator.receipts).toHaveLength(1);
    expect(Buffer.from(simulator.receipts[0]!.bytes).equals(Buffer.from(job.escpos))).toBe(true);
    expect(printedText(simulator.receipts[0]!.bytes)).toContain('经办: 自助终端 01');
    expect(driver.health).toEqual({ state: 'ok' });

    // Pull the "cable": the pty pair vanishes under both ports.
    driver.start();
    socat.kill('SIGTERM');
    await vi.waitFor(() => expect(driver.health).toEqual({ state: 'failed', reason: 'disconnected' }), {
      timeout: 5000,
    });
    expect(await driver.print({ escpos: job.escpos })).toMatchObject({
      ok: false,
      error: { code: 'notOpen', delivery: 'notSent' },
    });
  });
});
