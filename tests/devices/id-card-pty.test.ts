// The driver and the simulator on the two ends of a real pseudo-terminal pair made
// by socat, each through the serialport Transport at 115200: real termios, real
// kernel buffering, real chunking.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IdCardReaderDriver } from '../../devices/id-card/driver';
import { IdCardReaderSimulator } from '../../devices/id-card/simulator';
import type { Transport } from '../../devices/transport';
import { createSerialTransport } from '../../devices/transports/serial';
import { PHOTO, RETIREE, record } from './id-card-fixtures';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Starts socat with two linked ptys; fails (never skips) when socat is missing. */
async function ptyPair(): Promise<{ a: string; b: string; socat: ChildProcess }> {
  const probe = spawnSync('socat', ['-V'], { stdio: 'ignore' });
  if (probe.error) throw new Error('socat is not on PATH: install socat (Debian package socat)');

  const dir = mkdtempSync(join(tmpdir(), 'idcard-pty-'));
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
  const transport = createSerialTransport({ path, baudRate: 115200 });
  await transport.open();
  cleanups.push(() => transport.close());
  return transport;
}

describe('ID card reader over a real pty pair (socat)', () => {
  it('reads a card end to end, and fails health with cardRemoved when the line disappears', async () => {
    const { a, b, socat } = await ptyPair();
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
