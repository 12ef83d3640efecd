// Shared rig for receipt printer tests: driver and simulator on a linked pair.
import iconv from 'iconv-lite';
import { afterEach } from 'vitest';
import { EscPosSplitter } from '../../devices/receipt-printer/codec';
import { ReceiptPrinterDriver, type ReceiptPrinterDriverOptions } from '../../devices/receipt-printer/driver';
import type { ReceiptPrinterHealth } from '../../devices/receipt-printer/health';
import { ReceiptPrinterSimulator, type ReceiptPrinterSimulatorOptions } from '../../devices/receipt-printer/simulator';
import { createLinkedPair } from '../../devices/transports/memory';

/** A queue ticket as the host would lay it out. */
export const TICKET = [
  '^^^A017',
  '社保业务 | 前面还有 3 人',
  '-',
  '{code:https://hall.example.cn/t/A017; option:qrcode,6,m}',
  '请保留本回执',
].join('\n');

// Quick polling; deadlines generous enough that a loaded CI machine never trips them by accident.
export const FAST: ReceiptPrinterDriverOptions = {
  pollIntervalMs: 5,
  responseTimeoutMs: 1000,
  jobTimeoutMs: 10_000,
  chunkSize: 128,
};

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Registers a cleanup for the end of the current test. */
export function onCleanup(cleanup: () => Promise<void> | void): void {
  cleanups.push(cleanup);
}

/** Driver and simulator over an in-memory cable that delivers bytes in small random chunks. */
export async function printerRig(
  options: ReceiptPrinterDriverOptions = FAST,
  simulatorOptions: ReceiptPrinterSimulatorOptions = {},
) {
  const pair = createLinkedPair({ maxChunkSize: 32 });
  await pair.a.open();
  await pair.b.open();
  const simulator = new ReceiptPrinterSimulator(pair.b, simulatorOptions);
  const driver = new ReceiptPrinterDriver(pair.a, options);
  const health: ReceiptPrinterHealth[] = [];
  driver.on('health', (h) => health.push(h));
  onCleanup(() => driver.dispose());
  onCleanup(() => simulator.dispose());
  return { pair, simulator, driver, health };
}

/** The text runs of ESC/POS bytes, decoded as GB18030, with LF as a line break. */
export function printedText(bytes: Uint8Array): string {
  const parts: Uint8Array[] = [];
  for (const item of new EscPosSplitter().push(bytes)) {
    if (item.kind === 'text')
      parts.push(item.bytes.filter((b) => b !== 0x95)); // 0x95: rule segments
    else if (item.kind === 'command' && item.name === 'LF') parts.push(Uint8Array.of(0x0a));
  }
  return iconv.decode(Buffer.concat(parts), 'gb18030');
}
