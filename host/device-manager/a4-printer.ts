/**
 * The A4 printer behind the device manager. Its OS queue has no events, so health is polled;
 * a printer that comes back is seen at the next poll.
 */
import type { DeviceHealth } from '../../contracts';
import type { A4JobStatus, A4Printer, A4PrintOptions } from '../../devices/a4-printer/a4-printer';
import { log } from '../log';
import { DeviceJobError, every, toHealth, type Listeners, type ManagedDevice } from './managed-device';

export interface ManagedA4Printer extends ManagedDevice {
  /** Queues a PDF; resolves with the queue's job id, rejects with a DeviceJobError. */
  print(pdf: Uint8Array, options: A4PrintOptions): Promise<{ jobId: string }>;
  /** Follows a job to its end: resolves when completed, rejects with a DeviceJobError (the queue's code) otherwise. */
  waitForJob(jobId: string, timeoutMs: number): Promise<A4JobStatus>;
}

export interface A4PrinterOptions {
  printer: A4Printer;
  /** How often the queue is asked how it is (the simulator answers at once; lpstat takes a moment). */
  pollIntervalMs: number;
  health: Listeners<[DeviceHealth]>;
}

/** Creates the managed A4 printer. */
export function createA4Printer(options: A4PrinterOptions): ManagedA4Printer {
  const { printer } = options;
  let current: DeviceHealth = { device: 'a4Printer', state: 'failed', reason: 'notChecked' };
  let stopTimer: (() => void) | null = null;

  async function poll(): Promise<void> {
    const next = toHealth('a4Printer', await printer.health());
    if (next.state === current.state && next.reason === current.reason) return;
    current = next;
    log.info('devices', `a4Printer ${next.state}${next.reason ? ` (${next.reason})` : ''}`);
    options.health.emit(current);
  }

  return {
    device: 'a4Printer',
    health: () => current,
    async print(pdf, printOptions) {
      if (current.state === 'failed') {
        const reason = current.reason ?? 'failed';
        throw new DeviceJobError('a4Printer', reason, `the A4 printer cannot print (${reason})`);
      }
      const result = await printer.print(pdf, printOptions);
      if (result.ok) return result.value;
      throw new DeviceJobError('a4Printer', result.error.code, result.error.message);
    },
    async waitForJob(jobId, timeoutMs) {
      const result = await printer.waitForCompletion(jobId, { timeoutMs, pollIntervalMs: 500 });
      if (result.ok) return result.value;
      throw new DeviceJobError('a4Printer', result.error.code, result.error.message, 'unknown');
    },
    async start() {
      await poll();
      stopTimer = every(options.pollIntervalMs, poll);
    },
    async stop() {
      stopTimer?.();
    },
  };
}
