/** The receipt printer behind the device manager: status polling for health, jobs, reopen after a replug. */
import type { DeviceHealth } from '../../contracts';
import {
  ReceiptPrinterDriver,
  type PrintedJob,
  type ReceiptPrinterDriverOptions,
} from '../../devices/receipt-printer/driver';
import type { Transport } from '../../devices/transport';
import { log } from '../log';
import { DeviceJobError, every, toHealth, type Listeners, type ManagedDevice } from './managed-device';

/** A receipt to print: the ESC/POS bytes (from `buildReceiptJob`); `id` marks a retry of the same receipt. */
export interface ReceiptPrintJob {
  escpos: Uint8Array;
  id?: string;
}

export interface ManagedReceiptPrinter extends ManagedDevice {
  /** Prints; resolves once the printer says printed, rejects with a DeviceJobError otherwise. */
  print(job: ReceiptPrintJob): Promise<PrintedJob>;
}

export interface ReceiptPrinterOptions {
  transport: Transport;
  driverOptions?: ReceiptPrinterDriverOptions;
  reconnectIntervalMs: number;
  health: Listeners<[DeviceHealth]>;
}

/** Creates the managed receipt printer. */
export function createReceiptPrinter(options: ReceiptPrinterOptions): ManagedReceiptPrinter {
  const { transport } = options;
  const driver = new ReceiptPrinterDriver(transport, options.driverOptions);
  const offs: Array<() => void> = [];
  const health = () => toHealth('receiptPrinter', driver.health);

  async function tryReconnect(): Promise<void> {
    if (transport.isOpen) return;
    const result = await driver.reconnect();
    if (result.ok) log.info('devices', 'receiptPrinter is back');
  }

  return {
    device: 'receiptPrinter',
    health,
    async print(job) {
      const current = driver.health;
      // Refuse at once while the printer is known to be unable to print: no job waits for a new roll.
      if (current.state === 'failed') {
        const reason = current.reason ?? 'failed';
        throw new DeviceJobError('receiptPrinter', reason, `the receipt printer cannot print (${reason})`);
      }
      const result = await driver.print(job);
      if (result.ok) return result.value;
      const { error } = result;
      throw new DeviceJobError('receiptPrinter', error.code, error.message, error.delivery ?? 'unknown');
    },
    async reset() {
      await transport.close().catch(() => undefined);
      const result = await driver.reconnect();
      log.info('devices', `receiptPrinter reset: ${result.ok ? 'ok' : result.error.code}`);
      options.health.emit(health());
    },
    async start() {
      offs.push(
        driver.on('health', (h) => {
          log.info('devices', `receiptPrinter ${h.state}${h.reason ? ` (${h.reason})` : ''}`);
          options.health.emit(health());
        }),
      );
      try {
        await transport.open();
      } catch (error) {
        log.warn('devices', 'receiptPrinter could not be opened; will keep trying', error);
      }
      await driver.queryStatus();
      options.health.emit(health());
      driver.start();
      offs.push(every(options.reconnectIntervalMs, tryReconnect));
    },
    async stop() {
      for (const off of offs.splice(0)) off();
      await driver.dispose();
      await transport.close().catch(() => undefined);
    },
  };
}
