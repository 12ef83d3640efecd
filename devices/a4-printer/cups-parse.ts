// Pure parsers for what the CUPS command-line tools print (C locale), checked against
// literal outputs of CUPS 2.4.2 (Debian 12) in tests/devices/a4-cups-parse.test.ts.
//
// lpstat cannot tell a completed job from a cancelled or aborted one: all sit in
// `lpstat -W completed`, and `-l` shows their job-state-reasons, which CUPS 2.4
// leaves at `processing-to-stop-point` for completed and cancelled jobs alike. The
// final state therefore comes from IPP Get-Job-Attributes through `ipptool` (Debian
// package cups-ipp-utils, which the `cups` package pulls in), parsed here from its
// CSV output.
import type { A4JobStatus, A4PrinterHealth } from './a4-printer';

/** `lp` prints "request id is KioskPDF-12 (0 file(s))"; returns `KioskPDF-12`. */
export function parseRequestId(stdout: string): string | undefined {
  return /request id is (\S+) \(\d+ file\(s\)\)/.exec(stdout)?.[1];
}

/** One job in `lpstat -l -o`: its id and the reasons on its `Alerts:` line. */
export interface ListedJob {
  id: string;
  user: string;
  reasons: string[];
}

/** Parses `lpstat [-l] [-W which] -o <printer>`: a line per job, indented detail lines under it with -l. */
export function parseJobList(stdout: string): ListedJob[] {
  const jobs: ListedJob[] = [];
  for (const line of stdout.split('\n')) {
    const head = /^(\S+-\d+)\s+(\S+)\s+\d+\s/.exec(line);
    if (head) {
      jobs.push({ id: head[1]!, user: head[2]!, reasons: [] });
      continue;
    }
    const alerts = /^\s+Alerts:\s*(.*)$/.exec(line);
    const job = jobs.at(-1);
    if (alerts && job) job.reasons = splitReasons(alerts[1]!);
  }
  return jobs;
}

/** A job still in `lpstat -W not-completed`: printing when CUPS says so, else queued (held, if it is). */
export function pendingJobStatus(job: ListedJob, printingJobId?: string): A4JobStatus {
  if (job.reasons.includes('job-printing') || job.id === printingJobId) return { state: 'printing' };
  if (job.reasons.some((r) => r.startsWith('job-hold'))) return { state: 'queued', reason: 'held' };
  return { state: 'queued' };
}

/** The queue's line in `lpstat [-l] -p <printer>`. */
export interface PrinterLine {
  name: string;
  enabled: boolean;
  /** The job being printed ("now printing KioskPDF-3"). */
  printing?: string;
  /** The indented line after a disabled printer ("Paused", "paper jam"). */
  message?: string;
  /** printer-state-reasons from the `Alerts:` line of `-l`. */
  reasons: string[];
}

/** Parses `lpstat [-l] -p <printer>` for one printer. */
export function parsePrinterLine(stdout: string): PrinterLine | undefined {
  const lines = stdout.split('\n');
  const index = lines.findIndex((l) => l.startsWith('printer '));
  if (index < 0) return undefined;
  const head = /^printer (\S+) (?:is idle|now printing (\S+?)\.|disabled since)/.exec(lines[index]!);
  if (!head) return undefined;
  const enabled = !lines[index]!.includes(' disabled since ');
  const result: PrinterLine = { name: head[1]!, enabled, reasons: [] };
  if (head[2]) result.printing = head[2];
  const next = lines[index + 1];
  if (!enabled && next && /^\t(?!\w[\w ]*:)/.test(next)) result.message = next.trim();
  for (const line of lines.slice(index + 1)) {
    if (line.startsWith('printer ')) break;
    const alerts = /^\s+Alerts:\s*(.*)$/.exec(line);
    if (alerts) result.reasons = splitReasons(alerts[1]!);
  }
  return result;
}

/** Parses `lpstat -a <printer>`: "KioskPDF accepting requests since ..." or "... not accepting requests since ... -\n\t<reason>". */
export function parseAccepting(stdout: string): { accepting: boolean; message?: string } | undefined {
  const lines = stdout.split('\n');
  const index = lines.findIndex((l) => / (?:not )?accepting requests since /.test(l));
  if (index < 0) return undefined;
  if (!lines[index]!.includes(' not accepting ')) return { accepting: true };
  const message = lines[index + 1]?.trim();
  return message ? { accepting: false, message } : { accepting: false };
}

/** `lpstat -r` prints "scheduler is running" or "scheduler is not running". */
export function parseSchedulerRunning(stdout: string): boolean {
  return /^scheduler is running$/m.test(stdout);
}

/** Health from the scheduler, the printer line and the accepting line. */
export function cupsHealth(printer: PrinterLine, accepting: { accepting: boolean; message?: string }): A4PrinterHealth {
  if (!printer.enabled) return { state: 'failed', reason: 'printerDisabled' };
  if (!accepting.accepting) return { state: 'failed', reason: 'notAccepting' };
  // IPP printer-state-reasons carry a severity suffix (RFC 8011 §5.4.12).
  const error = printer.reasons.find((r) => r.endsWith('-error'));
  if (error) return { state: 'failed', reason: error };
  const warning = printer.reasons.find((r) => r.endsWith('-warning') || r.endsWith('-report'));
  if (warning) return { state: 'degraded', reason: warning };
  return { state: 'ok' };
}

/** What `lp`, `lpstat` or `cancel` said on stderr, as an error code. */
/**
 * What `lp`, `lpstat` or `cancel` said on stderr, as an error code. Note that lp and
 * lpstat also say "does not exist" / "Invalid destination" when no scheduler answers:
 * callers confirm `printerNotFound` with `lpstat -r`.
 */
export function cupsFailure(
  stderr: string,
): 'printerNotFound' | 'notAccepting' | 'schedulerDown' | 'jobNotFound' | 'jobFinished' | undefined {
  if (/Job #\d+ does not exist/.test(stderr)) return 'jobNotFound';
  if (/Job #\d+ is already (?:completed|canceled|aborted)/.test(stderr)) return 'jobFinished';
  if (/Invalid destination name|The printer or class does not exist/.test(stderr)) return 'printerNotFound';
  if (/is not accepting jobs/.test(stderr)) return 'notAccepting';
  if (/Scheduler is not running|Unable to connect|Connection refused/i.test(stderr)) return 'schedulerDown';
  return undefined;
}

/** The IPP request `ipptool` sends for a job's state (its test-file syntax; `$uri` and `$job` are filled in by ipptool). */
export const GET_JOB_STATE_TEST = `{
  OPERATION Get-Job-Attributes
  GROUP operation-attributes-tag
  ATTR charset attributes-charset utf-8
  ATTR naturalLanguage attributes-natural-language en
  ATTR uri printer-uri $uri
  ATTR integer job-id $job
  ATTR keyword requested-attributes job-state,job-state-reasons
  DISPLAY job-state
  DISPLAY job-state-reasons
}
`;

/** Parses `ipptool -c` output of GET_JOB_STATE_TEST: a CSV header, then `state,reasons`; undefined when no row. */
export function parseIppJobState(stdout: string): { state: string; reasons: string[] } | undefined {
  const lines = stdout.split('\n').filter((l) => l.trim() !== '');
  const header = lines.findIndex((l) => l.startsWith('job-state,'));
  const row = header >= 0 ? lines[header + 1] : undefined;
  if (!row) return undefined;
  const comma = row.indexOf(',');
  const state = (comma < 0 ? row : row.slice(0, comma)).trim();
  const reasons = comma < 0 ? [] : splitReasons(row.slice(comma + 1).replace(/"/g, ''));
  return state ? { state, reasons } : undefined;
}

/** IPP job-state (RFC 8011 §5.3.7) to ours. */
export function ippJobStatus(ipp: { state: string; reasons: string[] }): A4JobStatus | undefined {
  const reason = ipp.reasons.find((r) => r !== 'processing-to-stop-point');
  const withReason = (state: A4JobStatus['state']): A4JobStatus => (reason ? { state, reason } : { state });
  switch (ipp.state) {
    case 'pending':
      return { state: 'queued' };
    case 'pending-held':
      return { state: 'queued', reason: 'held' };
    case 'processing':
      return { state: 'printing' };
    case 'processing-stopped':
      return { state: 'printing', reason: 'stopped' };
    case 'canceled':
      return withReason('cancelled');
    case 'aborted':
      return withReason('failed');
    case 'completed':
      // "completed with errors" is not a statement the citizen can take home.
      return ipp.reasons.includes('job-completed-with-errors')
        ? { state: 'failed', reason: 'job-completed-with-errors' }
        : { state: 'completed' };
    default:
      return undefined;
  }
}

/** The URI ipptool needs for a CUPS server given as lp's `-h` value: `/path.sock`, `host[:port]`, or none (localhost). */
export function printerUri(printer: string, server?: string): string {
  const host = !server ? 'localhost' : server.startsWith('/') ? encodeURIComponent(server) : server;
  return `ipp://${host}/printers/${encodeURIComponent(printer)}`;
}

function splitReasons(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((r) => r.trim())
    .filter((r) => r && r !== 'none');
}
