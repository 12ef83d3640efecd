// The A4 printer on Windows: the PDF goes to a temp file named after the job, a
// helper program prints it to the named printer, and the job is followed in the
// spooler by document name. It cannot run on the Linux CI; its command lines are
// unit-tested with an injected exec (tests/devices/a4-windows.test.ts).
//
// What the spooler can say: a job that was seen and then left the queue was handed
// to the printer (Windows deletes printed jobs unless "keep printed documents" is on),
// so it is reported `completed` with reason `leftQueue`; whether paper came out is
// for the printer's own status to tell.
import { randomUUID } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { A4JobStatus, A4Printer, A4PrinterHealth, A4PrintOptions, WaitOptions } from './a4-printer';
import { checkRequest } from './documents';
import { A4PrinterError, fail, succeed, type A4Result } from './errors';
import { execCommand, type ExecFn } from './exec';
import { waitForJob } from './wait';
import {
  CANCEL_SCRIPT,
  DOCUMENT_VAR,
  GET_JOBS_SCRIPT,
  GET_PRINTER_SCRIPT,
  PRINTER_VAR,
  documentFileName,
  parseSpoolerJobs,
  powershellArgs,
  spoolerJobStatus,
  spoolerPrinterHealth,
  sumatraPrintArgs,
} from './windows-commands';

/** Which printer, printed how. */
export interface WindowsA4PrinterOptions {
  /** The printer's name as Windows shows it. */
  printer: string;
  /** The PDF print helper (default `SumatraPDF.exe` on PATH). */
  helper?: string;
  /** Its arguments for (file, printer, copies) (default: SumatraPDF's). */
  helperArgs?: (file: string, printer: string, copies: number) => string[];
  /** Default `powershell.exe`. */
  powershell?: string;
  /** Where the PDF is written for the helper (default the OS temp directory). */
  tempDir?: string;
  exec?: ExecFn;
  /** Deadline per command (default 60 s: the helper returns once the job is spooled). */
  commandTimeoutMs?: number;
}

/** An A4 printer behind the Windows spooler. */
export class WindowsA4Printer implements A4Printer {
  private readonly exec: ExecFn;
  /** Our job id -> the document tag the spooler job carries, and whether we saw it queued. */
  private readonly jobs = new Map<string, { tag: string; seen: boolean }>();

  constructor(private readonly options: WindowsA4PrinterOptions) {
    this.exec = options.exec ?? execCommand;
  }

  async print(pdf: Uint8Array, options: A4PrintOptions): Promise<A4Result<{ jobId: string }>> {
    const checked = checkRequest(pdf, options);
    if (!checked.ok) return checked;
    const tag = randomUUID().slice(0, 8);
    const file = join(this.options.tempDir ?? tmpdir(), documentFileName(checked.value.title, tag));
    try {
      await writeFile(file, pdf);
    } catch (cause) {
      return fail(new A4PrinterError('commandFailed', 'could not write the document for printing', { cause }));
    }
    const helper = this.options.helper ?? 'SumatraPDF.exe';
    const args = (this.options.helperArgs ?? sumatraPrintArgs)(file, this.options.printer, checked.value.copies);
    const result = await this.exec(helper, args, { timeoutMs: this.timeout() });
    await rm(file, { force: true }).catch(() => undefined);
    if (result.missing) return fail(new A4PrinterError('commandMissing', `${helper} was not found`));
    if (result.code !== 0) {
      return fail(
        new A4PrinterError('commandFailed', `${helper} exited with ${result.code}`, { detail: result.stderr }),
      );
    }
    const jobId = `win-${tag}`;
    this.jobs.set(jobId, { tag, seen: false });
    return succeed({ jobId });
  }

  async jobStatus(jobId: string): Promise<A4Result<A4JobStatus>> {
    const job = this.jobs.get(jobId);
    if (!job) return fail(new A4PrinterError('jobNotFound', `no job ${jobId} was printed here`, { jobId }));
    const result = await this.powershell(GET_JOBS_SCRIPT, job.tag);
    if (!result.ok) return result;
    const listed = parseSpoolerJobs(result.value);
    if (!listed) return fail(new A4PrinterError('unexpectedOutput', 'Get-PrintJob printed something we cannot read'));
    const spooled = listed[0];
    if (spooled) {
      job.seen = true;
      return succeed(spoolerJobStatus(spooled.status));
    }
    // Gone after we saw it: the spooler finished with it. Never seen: it may not have reached the spooler yet.
    return succeed(
      job.seen ? { state: 'completed', reason: 'leftQueue' } : { state: 'queued', reason: 'notSpooledYet' },
    );
  }

  waitForCompletion(jobId: string, options: WaitOptions): Promise<A4Result<A4JobStatus>> {
    return waitForJob(jobId, (id) => this.jobStatus(id), options);
  }

  async cancel(jobId: string): Promise<A4Result<void>> {
    const job = this.jobs.get(jobId);
    if (!job) return fail(new A4PrinterError('jobNotFound', `no job ${jobId} was printed here`, { jobId }));
    const result = await this.powershell(CANCEL_SCRIPT, job.tag);
    return result.ok ? succeed(undefined) : result;
  }

  async health(): Promise<A4PrinterHealth> {
    const result = await this.powershell(GET_PRINTER_SCRIPT);
    if (!result.ok) return { state: 'failed', reason: result.error.code };
    return spoolerPrinterHealth(result.value);
  }

  private async powershell(script: string, tag?: string): Promise<A4Result<string>> {
    const file = this.options.powershell ?? 'powershell.exe';
    const env: Record<string, string> = { [PRINTER_VAR]: this.options.printer };
    if (tag) env[DOCUMENT_VAR] = tag;
    const result = await this.exec(file, powershellArgs(script), { env, timeoutMs: this.timeout() });
    if (result.missing) return fail(new A4PrinterError('commandMissing', `${file} was not found`));
    if (result.code !== 0) {
      const code = /No MSFT_Printer objects found|not found/i.test(result.stderr) ? 'printerNotFound' : 'commandFailed';
      return fail(new A4PrinterError(code, `PowerShell failed (${code})`, { detail: result.stderr.trim() }));
    }
    return succeed(result.stdout);
  }

  private timeout(): number {
    return this.options.commandTimeoutMs ?? 60_000;
  }
}
