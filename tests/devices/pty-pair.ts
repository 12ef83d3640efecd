// Real pseudo-terminal pairs made by socat, and serial transports opened on them, for driver
// tests over real termios, kernel buffering and chunking. Everything is cleaned up by `cleanup()`.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, vi } from 'vitest';
import type { Transport } from '../../devices/transport';
import { createSerialTransport } from '../../devices/transports/serial';

/** Collects cleanups; run them (in reverse) from `afterEach`. */
export function cleanupList() {
  const cleanups: (() => Promise<void> | void)[] = [];
  return {
    push: (...fns: (() => Promise<void> | void)[]) => cleanups.push(...fns),
    async run() {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    },
  };
}
export type CleanupList = ReturnType<typeof cleanupList>;

/** Starts socat with two linked ptys; fails (never skips) when socat is missing. */
export async function ptyPair(
  cleanups: CleanupList,
  prefix: string,
): Promise<{ a: string; b: string; socat: ChildProcess }> {
  const probe = spawnSync('socat', ['-V'], { stdio: 'ignore' });
  if (probe.error) throw new Error('socat is not on PATH: install socat (Debian package socat)');

  const dir = mkdtempSync(join(tmpdir(), `${prefix}-pty-`));
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

/** Opens a serial transport on a pty end; closed by the cleanup list. */
export async function openSerial(cleanups: CleanupList, path: string, baudRate: number): Promise<Transport> {
  const transport = createSerialTransport({ path, baudRate });
  await transport.open();
  cleanups.push(() => transport.close());
  return transport;
}
