// The ESC/POS receipt printer driver: status polling for health, and print jobs
// that are reported `printed` only when the printer itself says so.
//
// How completion is known: every job ends with GS ( H fn 48 carrying a 4-character
// process ID. Epson's reference (gs_lparen_ch_fn48.html) says the printer sends the
// response 37 22 <id> 00 "when the printing is completed" of the data before it; a
// status answer or an emptied buffer would only say the bytes were received. GS r /
// DLE EOT after the buffer drains was the alternative; it cannot tell "printed" from
// "received and stuck". Printers without GS ( H never confirm, so every job ends in
// `jobTimeout`: such a model needs a different completion rule, not silence.
//
// A job is sent in chunks cut between commands, each followed by DLE EOT 1..4, so a
// fault (paper out, cover open) is seen within a chunk. On a fault mid-job the driver
// sends DLE DC4 8 (clear buffers): the rest of the job must not print when a new roll
// goes in, or a retry would print the receipt twice. The driver never retries.
import { PollLoop } from '../poll-loop';
import { randomInt, randomUUID } from 'node:crypto';
import { Emitter, type Unsubscribe } from '../emitter';
import type { Transport } from '../transport';
import { chunkJob } from './chunks';
import { encodeProcessIdRequest, PROCESS_ID_SPACE, processIdFrom } from './commands';
import {
  ReceiptPrinterError,
  fail,
  succeed,
  type JobDelivery,
  type ReceiptPrinterErrorCode,
  type ReceiptPrinterResult,
} from './errors';
import { PrinterExchange } from './exchange';
import { HealthTracker, type ReceiptPrinterHealth } from './health';
import { printerFault, type PrinterStatus } from './status';

/** Timing knobs; the defaults suit a printer at 9600 baud or faster. */
export interface ReceiptPrinterDriverOptions {
  /** Pause between status polls when idle, and while waiting for a job to finish (default 500 ms). */
  pollIntervalMs?: number;
  /** Deadline for each status answer (default 500 ms). */
  responseTimeoutMs?: number;
  /** Deadline from the last byte sent to the printer's "printed" (default 30 s). */
  jobTimeoutMs?: number;
  /** Bytes per chunk between status checks (default 512). */
  chunkSize?: number;
  /** Consecutive unanswered polls after which health is `failed` (default 2). */
  failAfterTimeouts?: number;
}

/** A job to print; `id` lets a caller recognise a retry of the same receipt (default: a fresh UUID). */
export interface PrintRequest {
  escpos: Uint8Array;
  id?: string;
}

/** A job the printer confirmed printed. */
export interface PrintedJob {
  jobId: string;
  /** The GS ( H process ID the printer echoed. */
  processId: string;
}

/** Events the driver emits. */
export type ReceiptPrinterEvents = {
  health: [health: ReceiptPrinterHealth];
  status: [status: PrinterStatus];
};

const REMEMBERED_JOBS = 256;

/** Drives an ESC/POS receipt printer over a Transport. Methods never reject. */
export class ReceiptPrinterDriver {
  private readonly events = new Emitter<ReceiptPrinterEvents>();
  private readonly exchange: PrinterExchange;
  private readonly tracker: HealthTracker;
  private readonly subscriptions: Unsubscribe[];
  private readonly pollIntervalMs: number;
  private readonly responseTimeoutMs: number;
  private readonly jobTimeoutMs: number;
  private readonly chunkSize: number;
  private readonly printedIds: string[] = [];
  private jobs: Promise<unknown> = Promise.resolve();
  private busy = false;
  private current: PrinterStatus | undefined;
  private readonly poller: PollLoop;

  constructor(
    private readonly transport: Transport,
    options: ReceiptPrinterDriverOptions = {},
  ) {
    this.pollIntervalMs = options.pollIntervalMs ?? 500;
    this.poller = new PollLoop(() => this.pollOnce(), this.pollIntervalMs);
    this.responseTimeoutMs = options.responseTimeoutMs ?? 500;
    this.jobTimeoutMs = options.jobTimeoutMs ?? 30_000;
    this.chunkSize = Math.max(16, options.chunkSize ?? 512);
    this.tracker = new HealthTracker(
      options.failAfterTimeouts ?? 2,
      (health) => this.events.emit('health', health),
      transport.isOpen ? { state: 'ok' } : { state: 'failed', reason: 'notOpen' },
    );
    // The exchange subscribes first, so a request in flight fails before we report the close.
    this.exchange = new PrinterExchange(transport);
    this.subscriptions = [
      transport.on('close', (error) =>
        this.tracker.set({ state: 'failed', reason: error ? 'disconnected' : 'transportClosed' }),
      ),
    ];
  }

  /** Current health. */
  get health(): ReceiptPrinterHealth {
    return this.tracker.health;
  }

  /** The last status the printer reported, if any. */
  get status(): PrinterStatus | undefined {
    return this.current && { ...this.current };
  }

  /** Subscribes to a driver event; returns the unsubscribe function. */
  on<K extends keyof ReceiptPrinterEvents>(
    event: K,
    listener: (...args: ReceiptPrinterEvents[K]) => void,
  ): Unsubscribe {
    return this.events.on(event, listener);
  }

  /** Asks the printer for DLE EOT 1..4 now. */
  queryStatus(): Promise<ReceiptPrinterResult<PrinterStatus>> {
    return this.observe(this.exchange.queryStatus(this.responseTimeoutMs));
  }

  /** Prints one job after every earlier one has finished; `printed` only on the printer's own confirmation. */
  print(request: PrintRequest): Promise<ReceiptPrinterResult<PrintedJob>> {
    const jobId = request.id ?? randomUUID();
    const run = this.jobs.then(async () => {
      this.busy = true;
      try {
        return await this.runJob(jobId, request.escpos);
      } finally {
        this.busy = false;
      }
    });
    this.jobs = run;
    return run;
  }

  /** Starts polling status in the background; does nothing if already polling. */
  start(): void {
    this.poller.start();
  }

  /** Stops polling; resolves when the poll in flight has ended. */
  stop(): Promise<void> {
    return this.poller.stop();
  }

  /**
   * Opens the transport again (after a replug), clears the printer's buffers and asks
   * for status. The clear drops a job cut off by the unplug (already reported
   * `unknown`), so its tail cannot swallow the next job's first bytes as parameters.
   */
  async reconnect(): Promise<ReceiptPrinterResult<PrinterStatus>> {
    try {
      await this.transport.open();
    } catch (cause) {
      const error = new ReceiptPrinterError('notOpen', 'could not reopen the printer connection', { cause });
      this.tracker.failed(error);
      return fail(error);
    }
    await this.exchange.clearBuffers(this.responseTimeoutMs);
    return this.queryStatus();
  }

  /** Stops polling and detaches from the transport for good. */
  async dispose(): Promise<void> {
    await this.stop();
    for (const off of this.subscriptions) off();
    this.exchange.dispose();
    await this.jobs;
    this.events.clear();
  }

  private async runJob(jobId: string, escpos: Uint8Array): Promise<ReceiptPrinterResult<PrintedJob>> {
    const failed = (code: ReceiptPrinterErrorCode, message: string, delivery: JobDelivery, cause?: unknown) =>
      fail<PrintedJob>(new ReceiptPrinterError(code, message, { jobId, delivery, cause }));
    if (this.printedIds.includes(jobId)) return failed('alreadyPrinted', `job ${jobId} was printed before`, 'notSent');
    const chunks = chunkJob(escpos, this.chunkSize);
    if (!chunks.ok) return failed('invalidJob', chunks.error.message, 'notSent');
    if (!this.transport.isOpen) return failed('notOpen', 'the printer is not connected', 'notSent');

    // A fresh answer, not the last poll: the cover may have opened a moment ago.
    const before = await this.queryStatus();
    if (!before.ok) return failed(before.error.code, before.error.message, 'notSent', before.error);
    const refusal = printerFault(before.value);
    if (refusal) return failed(refusal, `the printer reports ${refusal}; nothing was sent`, 'notSent');

    const processId = processIdFrom(randomInt(PROCESS_ID_SPACE));
    const watch = this.exchange.watchProcessId(processId);
    try {
      for (const chunk of chunks.value) {
        const status = await this.observe(
          this.exchange.queryStatus(this.responseTimeoutMs, chunk.bytes, chunk.statusRequests),
        );
        if (!status.ok) return failed(status.error.code, status.error.message, 'unknown', status.error);
        const fault = printerFault(status.value);
        if (fault) return this.abandon(jobId, fault);
      }
      const sent = await this.exchange.write(encodeProcessIdRequest(processId));
      if (!sent.ok) return failed(sent.error.code, sent.error.message, 'unknown', sent.error);

      const deadline = Date.now() + this.jobTimeoutMs;
      while (!watch.confirmed) {
        const left = deadline - Date.now();
        if (left <= 0) {
          await this.exchange.clearBuffers(this.responseTimeoutMs);
          return failed('jobTimeout', `no "printed" from the printer within ${this.jobTimeoutMs} ms`, 'unknown');
        }
        const outcome = await watch.wait(Math.min(this.pollIntervalMs, left));
        if (outcome === 'confirmed') break;
        if (outcome === 'closed') return failed('transportClosed', 'the printer connection closed mid-job', 'unknown');
        const status = await this.queryStatus();
        // The confirmation travels ahead of the status answers on the same line.
        if (watch.confirmed) break;
        if (!status.ok) {
          if (status.error.code === 'timeout' || status.error.code === 'malformedResponse') continue;
          return failed(status.error.code, status.error.message, 'unknown', status.error);
        }
        const fault = printerFault(status.value);
        if (fault) return this.abandon(jobId, fault);
      }
      this.printedIds.push(jobId);
      if (this.printedIds.length > REMEMBERED_JOBS) this.printedIds.shift();
      return succeed({ jobId, processId });
    } finally {
      watch.dispose();
    }
  }

  // The printer stopped mid-job: clear its buffers so the rest never prints on a new roll.
  private async abandon(jobId: string, fault: ReceiptPrinterErrorCode): Promise<ReceiptPrinterResult<PrintedJob>> {
    const cleared = await this.exchange.clearBuffers(this.responseTimeoutMs);
    const delivery: JobDelivery = cleared.ok ? 'partial' : 'unknown';
    return fail(
      new ReceiptPrinterError(fault, `the printer reported ${fault} during the job`, {
        jobId,
        delivery,
        ...(cleared.ok ? {} : { cause: cleared.error }),
      }),
    );
  }

  private async observe(query: Promise<ReceiptPrinterResult<PrinterStatus>>) {
    const result = await query;
    if (result.ok) {
      this.current = result.value;
      this.tracker.answered(result.value);
      this.events.emit('status', { ...result.value });
    } else {
      this.tracker.failed(result.error);
    }
    return result;
  }

  private async pollOnce(): Promise<void> {
    // A job polls for itself; a closed transport waits for the device manager to reopen it.
    if (!this.busy && this.transport.isOpen) await this.queryStatus();
  }
}
