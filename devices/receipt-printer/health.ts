// Printer health from what the printer says and from silence: `failed` while a fault
// stops printing or the printer cannot be reached, `degraded` when the roll is near
// its end or one answer was missed, `ok` otherwise.
import type { ReceiptPrinterError } from './errors';
import { printerFault, type PrinterStatus } from './status';

/** How well the receipt printer is doing, for the fleet view and the device manager. */
export interface ReceiptPrinterHealth {
  state: 'ok' | 'degraded' | 'failed';
  /** A fault or error code saying why, when not ok (e.g. `paperOut`, `paperNearEnd`, `noResponse`). */
  reason?: string;
}

/** The health a status alone implies. */
export function healthOfStatus(status: PrinterStatus): ReceiptPrinterHealth {
  const fault = printerFault(status);
  if (fault) return { state: 'failed', reason: fault };
  if (status.paperNearEnd) return { state: 'degraded', reason: 'paperNearEnd' };
  return { state: 'ok' };
}

/** Folds status answers and failed exchanges into a health state. */
export class HealthTracker {
  private current: ReceiptPrinterHealth;
  private timeouts = 0;

  constructor(
    private readonly failAfterTimeouts: number,
    private readonly onChange: (health: ReceiptPrinterHealth) => void,
    initial: ReceiptPrinterHealth,
  ) {
    this.current = initial;
  }

  get health(): ReceiptPrinterHealth {
    return { ...this.current };
  }

  /** The printer answered with this status. */
  answered(status: PrinterStatus): void {
    this.timeouts = 0;
    this.set(healthOfStatus(status));
  }

  /** A status query failed. */
  failed(error: ReceiptPrinterError): void {
    switch (error.code) {
      case 'stopped':
        return;
      case 'timeout':
        this.timeouts += 1;
        this.set(
          this.timeouts >= this.failAfterTimeouts
            ? { state: 'failed', reason: 'noResponse' }
            : { state: 'degraded', reason: 'timeout' },
        );
        return;
      case 'notOpen':
      case 'transportClosed':
      case 'writeFailed':
        // Keep the first, more telling reason (e.g. `disconnected` from the close event).
        if (this.current.state !== 'failed') this.set({ state: 'failed', reason: error.code });
        return;
      default:
        this.set({ state: 'degraded', reason: error.code });
    }
  }

  /** Sets the state directly (e.g. on a transport event). */
  set(next: ReceiptPrinterHealth): void {
    if (next.state === this.current.state && next.reason === this.current.reason) return;
    this.current = next.reason === undefined ? { state: next.state } : { ...next };
    this.onChange(this.health);
  }
}
