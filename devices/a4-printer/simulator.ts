// An in-memory A4 printer for the embedded default and for tests: it keeps the PDFs it
// is given (the latest finished ones, as many as told: a terminal runs for days), moves jobs queued -> printing -> completed one at a time, and can be
// told to jam, run out of paper, go offline or stop accepting jobs.
import type { A4JobStatus, A4Printer, A4PrinterHealth, A4PrintOptions, WaitOptions } from './a4-printer';
import { checkRequest } from './documents';
import { A4PrinterError, fail, succeed, type A4Result } from './errors';
import { waitForJob } from './wait';

/** A document the simulated printer was given. */
export interface SimulatedDocument {
  jobId: string;
  title: string;
  copies: number;
  pdf: Uint8Array;
  status: A4JobStatus;
}

/** Simulator knobs. */
export interface A4PrinterSimulatorOptions {
  /** Time a job spends queued and then printing (default 0: both pass on the next tick). */
  stepMs?: number;
  /** The queue's name, used in job ids (default `KioskA4`). */
  name?: string;
  /** Documents kept (default 20): beyond that the oldest finished ones are forgotten, as a queue does. */
  keep?: number;
}

/** A fault that stops the simulated printer. */
export type A4Fault = 'jammed' | 'paperOut' | 'offline';

/** A4 printer simulator; same interface as the real queues. */
export class A4PrinterSimulator implements A4Printer {
  private readonly docs: SimulatedDocument[] = [];
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private fault: A4Fault | undefined;
  private accepting = true;
  private failNextReason: string | undefined;
  private next = 1;

  constructor(private readonly options: A4PrinterSimulatorOptions = {}) {}

  /** The documents given (unfinished ones and the latest finished ones), oldest first. */
  get documents(): readonly SimulatedDocument[] {
    return this.docs;
  }

  /** Stops the printer (the job printing fails with this reason) or clears the fault (`undefined`). */
  setFault(fault: A4Fault | undefined): void {
    this.fault = fault;
    const printing = this.docs.find((d) => d.status.state === 'printing');
    if (fault && printing) printing.status = { state: 'failed', reason: fault };
    if (!fault) this.advance();
  }

  /** Refuses (false) or accepts (true) new jobs. */
  setAccepting(accepting: boolean): void {
    this.accepting = accepting;
  }

  /** Makes the next job fail with `reason` once it starts printing. */
  failNext(reason = 'jammed'): void {
    this.failNextReason = reason;
  }

  async print(pdf: Uint8Array, options: A4PrintOptions): Promise<A4Result<{ jobId: string }>> {
    const checked = checkRequest(pdf, options);
    if (!checked.ok) return checked;
    if (!this.accepting) return fail(new A4PrinterError('notAccepting', 'the printer is not accepting jobs'));
    const jobId = `${this.options.name ?? 'KioskA4'}-${this.next++}`;
    this.docs.push({ jobId, ...checked.value, pdf: pdf.slice(), status: { state: 'queued' } });
    this.forgetOld();
    this.advance();
    return succeed({ jobId });
  }

  async jobStatus(jobId: string): Promise<A4Result<A4JobStatus>> {
    const doc = this.docs.find((d) => d.jobId === jobId);
    if (!doc) return fail(new A4PrinterError('jobNotFound', `no job ${jobId}`, { jobId }));
    return succeed({ ...doc.status });
  }

  waitForCompletion(jobId: string, options: WaitOptions): Promise<A4Result<A4JobStatus>> {
    return waitForJob(jobId, (id) => this.jobStatus(id), { pollIntervalMs: 5, ...options });
  }

  async cancel(jobId: string): Promise<A4Result<void>> {
    const doc = this.docs.find((d) => d.jobId === jobId);
    if (!doc) return fail(new A4PrinterError('jobNotFound', `no job ${jobId}`, { jobId }));
    if (!['queued', 'printing'].includes(doc.status.state)) {
      return fail(new A4PrinterError('jobFinished', `job ${jobId} is already ${doc.status.state}`, { jobId }));
    }
    doc.status = { state: 'cancelled' };
    this.advance();
    return succeed(undefined);
  }

  async health(): Promise<A4PrinterHealth> {
    if (this.fault) return { state: 'failed', reason: this.fault };
    if (!this.accepting) return { state: 'failed', reason: 'notAccepting' };
    return { state: 'ok' };
  }

  /** Cancels pending steps (for test teardown). */
  dispose(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  // One job at a time: the first queued job starts printing after a step, and completes after another.
  private advance(): void {
    if (this.fault || this.docs.some((d) => d.status.state === 'printing')) return;
    const doc = this.docs.find((d) => d.status.state === 'queued');
    if (!doc) return;
    this.later(() => {
      if (this.fault || doc.status.state !== 'queued') return this.advance();
      doc.status = { state: 'printing' };
      this.later(() => {
        if (doc.status.state !== 'printing') return this.advance();
        const reason = this.failNextReason;
        this.failNextReason = undefined;
        doc.status = reason ? { state: 'failed', reason } : { state: 'completed' };
        this.advance();
      });
    });
  }

  private forgetOld(): void {
    const finished = (d: SimulatedDocument) => !['queued', 'printing'].includes(d.status.state);
    let over = this.docs.length - (this.options.keep ?? 20);
    for (let i = 0; i < this.docs.length && over > 0;) {
      if (finished(this.docs[i]!)) {
        this.docs.splice(i, 1);
        over -= 1;
      } else i += 1;
    }
  }

  private later(step: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      step();
    }, this.options.stepMs ?? 0);
    this.timers.add(timer);
  }
}
