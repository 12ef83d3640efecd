// The A4 printer through CUPS on Linux, with its command-line tools (never a shell):
//   print   lp [-h server] -d <printer> -t <title> -n <copies> -   (the PDF on stdin)
//   status  lpstat [-h server] -l -W not-completed -o <printer>    (queued / printing)
//           ipptool -c -d job=<n> <printer-uri> <request file>      (how a finished job ended)
//           lpstat -W completed -o <printer>                        (fallback without ipptool)
//   cancel  cancel [-h server] <job id>
//   health  lpstat -r, lpstat -l -p <printer>, lpstat -a <printer>
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { A4JobStatus, A4Printer, A4PrinterHealth, A4PrintOptions, WaitOptions } from './a4-printer';
import {
  GET_JOB_STATE_TEST,
  cupsFailure,
  cupsHealth,
  ippJobStatus,
  parseAccepting,
  parseIppJobState,
  parseJobList,
  parsePrinterLine,
  parseRequestId,
  parseSchedulerRunning,
  pendingJobStatus,
  printerUri,
} from './cups-parse';
import { checkRequest } from './documents';
import { A4PrinterError, fail, succeed, type A4PrinterErrorCode, type A4Result } from './errors';
import { execCommand, type ExecFn, type ExecResult } from './exec';
import { waitForJob } from './wait';

/** Which queue, on which scheduler, run how. */
export interface CupsA4PrinterOptions {
  /** The CUPS queue name (e.g. `KioskPDF`, `HP_LaserJet_M404`). */
  printer: string;
  /** lp's `-h`: `host[:port]` or a socket path; default: CUPS_SERVER or the client's own default. */
  server?: string;
  /** Runs the tools (default: child_process.execFile); inject a fake to test without CUPS. */
  exec?: ExecFn;
  /** Deadline per command (default 15 s). */
  commandTimeoutMs?: number;
}

/** An A4 printer behind a CUPS queue. */
export class CupsA4Printer implements A4Printer {
  private readonly exec: ExecFn;
  private readonly server: string | undefined;

  constructor(private readonly options: CupsA4PrinterOptions) {
    this.exec = options.exec ?? execCommand;
    this.server = options.server ?? process.env.CUPS_SERVER;
  }

  async print(pdf: Uint8Array, options: A4PrintOptions): Promise<A4Result<{ jobId: string }>> {
    const checked = checkRequest(pdf, options);
    if (!checked.ok) return checked;
    const { title, copies } = checked.value;
    const args = [...this.host(), '-d', this.options.printer, '-t', title, '-n', String(copies), '-'];
    const result = await this.run('lp', args, pdf);
    if (!result.ok) return result;
    const jobId = parseRequestId(result.value.stdout);
    if (!jobId) return fail(unexpected('lp', result.value));
    return succeed({ jobId });
  }

  async jobStatus(jobId: string): Promise<A4Result<A4JobStatus>> {
    const listed = await this.run('lpstat', [...this.host(), '-l', '-W', 'not-completed', '-o', this.options.printer]);
    if (!listed.ok) return listed;
    const pending = parseJobList(listed.value.stdout).find((job) => job.id === jobId);
    if (pending) return succeed(pendingJobStatus(pending));
    return this.finishedStatus(jobId);
  }

  waitForCompletion(jobId: string, options: WaitOptions): Promise<A4Result<A4JobStatus>> {
    return waitForJob(jobId, (id) => this.jobStatus(id), options);
  }

  async cancel(jobId: string): Promise<A4Result<void>> {
    const result = await this.run('cancel', [...this.host(), jobId]);
    return result.ok ? succeed(undefined) : result;
  }

  async health(): Promise<A4PrinterHealth> {
    const scheduler = await this.exec('lpstat', [...this.host(), '-r'], { timeoutMs: this.timeout() });
    if (scheduler.missing) return { state: 'failed', reason: 'commandMissing' };
    if (!parseSchedulerRunning(scheduler.stdout)) return { state: 'failed', reason: 'schedulerDown' };
    const printer = await this.run('lpstat', [...this.host(), '-l', '-p', this.options.printer]);
    if (!printer.ok) return { state: 'failed', reason: printer.error.code };
    const line = parsePrinterLine(printer.value.stdout);
    const accepting = await this.run('lpstat', [...this.host(), '-a', this.options.printer]);
    if (!accepting.ok) return { state: 'failed', reason: accepting.error.code };
    const acceptance = parseAccepting(accepting.value.stdout);
    if (!line || !acceptance) return { state: 'failed', reason: 'unexpectedOutput' };
    return cupsHealth(line, acceptance);
  }

  // A job no longer pending: ask IPP how it ended; without ipptool, lpstat can only say "finished".
  private async finishedStatus(jobId: string): Promise<A4Result<A4JobStatus>> {
    const number = /-(\d+)$/.exec(jobId)?.[1];
    if (!number) return fail(new A4PrinterError('jobNotFound', `${jobId} is not a CUPS job id`, { jobId }));
    const uri = printerUri(this.options.printer, this.server);
    const request = await ippRequestFile();
    if (!request.ok) return request;
    const ipp = await this.exec('ipptool', ['-c', '-d', `job=${number}`, uri, request.value], {
      timeoutMs: this.timeout(),
    });
    if (!ipp.missing) {
      const parsed = parseIppJobState(ipp.stdout);
      const status = parsed && ippJobStatus(parsed);
      if (status) return succeed(status);
      if (/Unable to connect/.test(ipp.stderr)) {
        return fail(new A4PrinterError('schedulerDown', 'CUPS is not answering', { jobId, detail: ipp.stderr.trim() }));
      }
      return fail(new A4PrinterError('jobNotFound', `CUPS does not know job ${jobId}`, { jobId }));
    }
    const done = await this.run('lpstat', [...this.host(), '-W', 'completed', '-o', this.options.printer]);
    if (!done.ok) return done;
    if (parseJobList(done.value.stdout).some((job) => job.id === jobId)) {
      return succeed({ state: 'completed', reason: 'unverified' });
    }
    return fail(new A4PrinterError('jobNotFound', `CUPS does not know job ${jobId}`, { jobId }));
  }

  private host(): string[] {
    return this.options.server ? ['-h', this.options.server] : [];
  }

  private timeout(): number {
    return this.options.commandTimeoutMs ?? 15_000;
  }

  // Runs a tool; a non-zero exit becomes a typed error, "no such printer" double-checked against the scheduler.
  private async run(file: string, args: string[], input?: Uint8Array): Promise<A4Result<ExecResult>> {
    const result = await this.exec(file, args, { timeoutMs: this.timeout(), ...(input ? { input } : {}) });
    if (result.missing) {
      return fail(new A4PrinterError('commandMissing', `${file} is not installed (Debian package cups-client)`));
    }
    if (result.code === 0) return succeed(result);
    let code: A4PrinterErrorCode = cupsFailure(result.stderr) ?? (result.timedOut ? 'timeout' : 'commandFailed');
    if (code === 'printerNotFound') {
      const scheduler = await this.exec('lpstat', [...this.host(), '-r'], { timeoutMs: this.timeout() });
      if (!parseSchedulerRunning(scheduler.stdout)) code = 'schedulerDown';
    }
    return fail(
      new A4PrinterError(code, `${file} failed (${code})`, {
        detail: result.stderr.trim(),
        reason: String(result.code),
      }),
    );
  }
}

// ipptool reads its request from a file, and cannot open a pipe from Node as /dev/stdin
// (libuv's stdio pipes are sockets); so the request is written once per process.
let requestFile: Promise<A4Result<string>> | undefined;
function ippRequestFile(): Promise<A4Result<string>> {
  requestFile ??= mkdtemp(join(tmpdir(), 'kiosk-ipp-'))
    .then(async (dir) => {
      const path = join(dir, 'get-job-state.test');
      await writeFile(path, GET_JOB_STATE_TEST);
      return succeed(path);
    })
    .catch((cause: unknown) =>
      fail<string>(new A4PrinterError('commandFailed', 'could not write the ipptool request file', { cause })),
    );
  return requestFile;
}

function unexpected(file: string, result: ExecResult): A4PrinterError {
  return new A4PrinterError('unexpectedOutput', `${file} printed something we cannot read`, {
    detail: `${result.stdout}\n${result.stderr}`.trim(),
  });
}
