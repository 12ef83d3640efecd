/** Whether the ticket can be printed right now, from the terminal's device health (pure). */
import type { TerminalStatus } from '../../../../contracts';

/** True when the host reports the receipt printer failed (no paper, cover open, gone). */
export function receiptPrinterDown(terminal: TerminalStatus | null): boolean {
  return terminal?.devices.some((d) => d.device === 'receiptPrinter' && d.state === 'failed') ?? false;
}
