// The receipt printer driver and simulator on the two ends of a real pseudo-terminal
// pair made by socat, each through the serialport Transport: real termios, real
// kernel buffering, real chunking.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ReceiptPrinterDriver } from '../../devices/receipt-printer/driver';
import { buildReceiptJob } from '../../devices/receipt-printer/job';
import { ReceiptPrinterSimulator } from '../../devices/receipt-printer/simulator';
import type { Transport } from '../../devices/transport';
import { createSerialTransport } from '../../devices/transports/serial';
import { TICKET, printedText } from './receipt-printer-fixtures';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Starts socat with two linked ptys; fails (never skips) when socat is missing. */
async function ptyPair(): Promise<{ a: string; b: string; socat: ChildProcess }> {
  const probe = spawnSync('socat', ['-V'], { stdio: 'ignore' });
  if (probe.error) throw new Error('socat is not on PATH: install socat (Debian package socat)');

  const dir = mkdtempSync(join(tmpdir(), 'receipt-pty-'));
  const a = join(dir, 'A');
  const b = join(dir, 'B');
  const socat = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  socat.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => socat.once('exit', () => resolve()));
  cleanups.push(async () => {
    if (socat.exitCode === null && socat.signalCode === null) socat.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  });
  await vi.waitFor(
    () => {
      if (socat.exitCode !== null) throw new Error(`socat exited early: ${stderr}`);
      expect(stderr).toContain('starting data transfer loop');
      expect(existsSync(a) && existsSync(b)).toBe(true);
    },
    { timeout: 5000, interval: 20 },
  );
  return { a, b, socat };
}

async function open(path: string): Promise<Transport> {
  // 9600 baud is what most receipt printers ship with; a pty ignores the rate anyway.
  const transport = createSerialTransport({ path, baudRate: 9600 });
  await transport.open();
  cleanups.push(() => transport.close());
  return transport;
}

describe('receipt printer over a real pty pair (socat)', () => {
  it('prints a receipt end to end, then fails health when the line disappears', async () => {
    const { a, b, socat } = await ptyPair();
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
