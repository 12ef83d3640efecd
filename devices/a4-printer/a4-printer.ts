// The A4 printer as the host sees it: hand over a PDF, follow the job to its end.
// Implementations: the OS print queue (CUPS on Linux, the Windows spooler) and an
// in-memory simulator for the embedded default. No method rejects.
import type { A4Result } from './errors';

/** Where a job is: waiting, on the printer, or finished one way or another. */
export type A4JobState = 'queued' | 'printing' | 'completed' | 'failed' | 'cancelled';

/** A job's state and, when the queue says, why (e.g. `held`, `aborted-by-system`). */
export interface A4JobStatus {
  state: A4JobState;
  reason?: string;
}

/** What to print. */
export interface A4PrintOptions {
  /** Job title as the queue shows it (e.g. "参保证明 2025-03"). */
  title: string;
  /** Copies, 1..99 (default 1). */
  copies?: number;
}

/** How well the printer's queue is doing: exists, enabled, accepting jobs. */
export interface A4PrinterHealth {
  state: 'ok' | 'degraded' | 'failed';
  /** Why, when not ok (e.g. `printerNotFound`, `printerDisabled`, `notAccepting`, `media-jam-error`). */
  reason?: string;
}

/** How long to follow a job. */
export interface WaitOptions {
  timeoutMs: number;
  /** Pause between status checks (default 1000 ms). */
  pollIntervalMs?: number;
}

/** An A4 printer behind the OS print queue (or a simulator). */
export interface A4Printer {
  /** Queues a PDF; the job id is the queue's own (e.g. CUPS `KioskPDF-12`). */
  print(pdf: Uint8Array, options: A4PrintOptions): Promise<A4Result<{ jobId: string }>>;
  /** Where the job is now. */
  jobStatus(jobId: string): Promise<A4Result<A4JobStatus>>;
  /** Follows the job until it ends: ok only when `completed`; `jobFailed`, `jobCancelled` or `timeout` otherwise. */
  waitForCompletion(jobId: string, options: WaitOptions): Promise<A4Result<A4JobStatus>>;
  /** Cancels a job that has not finished. */
  cancel(jobId: string): Promise<A4Result<void>>;
  /** Whether the printer exists, is enabled and accepts jobs. */
  health(): Promise<A4PrinterHealth>;
}
