/**
 * Receipt barcodes scanned at the terminal (anything that is not an e-card code): announced to the
 * renderer as `caseScanned`, and held for a minute so a cases screen opened just after the scan finds it.
 */
import { CaseNoSchema } from '../../contracts/inquiry';
import type { HostEvents } from '../events';

/** How long a scan waits for a cases screen to take it. */
export const SCAN_KEEP_MS = 60_000;

export class CaseScans {
  private pending: { caseNo: string; at: number } | null = null;

  constructor(
    private readonly events: HostEvents,
    private readonly now: () => number = Date.now,
  ) {}

  /** A scan that is not an e-card: keep and announce it when it looks like a case number. */
  scanned(text: string): void {
    const caseNo = normalizeCaseNo(text);
    if (!CaseNoSchema.safeParse(caseNo).success) return;
    this.pending = { caseNo, at: this.now() };
    this.events.emit('caseScanned', { caseNo });
  }

  /** The waiting scan, once. */
  take(): string | null {
    const p = this.pending;
    this.pending = null;
    return p && this.now() - p.at <= SCAN_KEEP_MS ? p.caseNo : null;
  }
}

/**
 * A receipt barcode as a case number: some receipts print it grouped (`SB001-20240315-…` or with
 * spaces), and case numbers are stored in capitals; anything else is left for CaseNoSchema to refuse.
 */
export function normalizeCaseNo(text: string): string {
  return text.replace(/[\s-]/g, '').toUpperCase();
}
