// The Windows print path as pure command lines and parsers. A PDF is printed by a
// helper program (SumatraPDF by default: `-print-to <printer> -print-settings <n>x
// -silent <file>`, https://www.sumatrapdfreader.org/docs/Command-line-arguments) and
// followed in the spooler with PowerShell's PrintManagement cmdlets (Get-PrintJob,
// Remove-PrintJob, Get-Printer; https://learn.microsoft.com/powershell/module/printmanagement/).
// Printer and document names reach PowerShell through environment variables, never
// spliced into the script, so no name can become code.
import type { A4JobStatus, A4PrinterHealth } from './a4-printer';
import { withoutControls } from './documents';

/** Arguments for SumatraPDF to print `file` on `printer`, `copies` times, without a window. */
export function sumatraPrintArgs(file: string, printer: string, copies: number): string[] {
  return ['-print-to', printer, '-print-settings', `${copies}x`, '-silent', '-exit-on-print', file];
}

/** powershell.exe arguments to run `script` without profile or prompts. */
export function powershellArgs(script: string): string[] {
  return ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-Command', script];
}

/** Environment variable names the scripts read. */
export const PRINTER_VAR = 'KIOSK_PRINTER';
export const DOCUMENT_VAR = 'KIOSK_DOCUMENT';

const OUR_JOBS = `Get-PrintJob -PrinterName $env:${PRINTER_VAR} | Where-Object { $_.DocumentName -like ('*' + $env:${DOCUMENT_VAR} + '*') }`;

/** Lists our document's jobs as JSON (JobStatus as text, e.g. "Printing, Retained"). */
export const GET_JOBS_SCRIPT = `@(${OUR_JOBS} | Select-Object Id, DocumentName, @{n='JobStatus';e={$_.JobStatus.ToString()}}) | ConvertTo-Json -Compress`;

/** Removes our document's jobs from the queue. */
export const CANCEL_SCRIPT = `${OUR_JOBS} | Remove-PrintJob`;

/** The printer's status as JSON. */
export const GET_PRINTER_SCRIPT = `Get-Printer -Name $env:${PRINTER_VAR} -ErrorAction Stop | Select-Object Name, @{n='PrinterStatus';e={$_.PrinterStatus.ToString()}} | ConvertTo-Json -Compress`;

/** A file name for the spooled document that carries our tag (Sumatra names the spooler job after the file). */
export function documentFileName(title: string, tag: string): string {
  const safe = withoutControls(title)
    .replace(/[\\/:*?"<>|]+/g, '_')
    .slice(0, 80);
  return `${safe}-${tag}.pdf`;
}

/** One job from GET_JOBS_SCRIPT. */
export interface SpoolerJob {
  id: number;
  documentName: string;
  status: string;
}

/** Parses GET_JOBS_SCRIPT output: `[]`, one object, or an array (older PowerShell unwraps single items). */
export function parseSpoolerJobs(stdout: string): SpoolerJob[] | undefined {
  const text = stdout.trim();
  if (text === '') return [];
  try {
    const data: unknown = JSON.parse(text);
    const items = Array.isArray(data) ? data : [data];
    return items.flatMap((item) => {
      if (typeof item !== 'object' || item === null) return [];
      const { Id, DocumentName, JobStatus } = item as Record<string, unknown>;
      return typeof Id === 'number'
        ? [{ id: Id, documentName: String(DocumentName ?? ''), status: String(JobStatus ?? '') }]
        : [];
    });
  } catch {
    return undefined;
  }
}

/** Spooler JobStatus flags (MSFT_PrintJob) to ours; the most telling flag wins. */
export function spoolerJobStatus(status: string): A4JobStatus {
  const flags = new Set(status.split(',').map((f) => f.trim()));
  if (flags.has('Deleting') || flags.has('Deleted')) return { state: 'cancelled' };
  if (flags.has('Error')) return { state: 'failed', reason: 'Error' };
  if (flags.has('Complete') || flags.has('Printed')) return { state: 'completed' };
  for (const waiting of ['PaperOut', 'Offline', 'UserIntervention', 'Blocked', 'Paused']) {
    if (flags.has(waiting)) return { state: 'queued', reason: waiting };
  }
  if (flags.has('Printing') || flags.has('Spooling')) return { state: 'printing' };
  return { state: 'queued' };
}

/** Printer health from Get-Printer's PrinterStatus. */
export function spoolerPrinterHealth(stdout: string): A4PrinterHealth {
  let status = '';
  try {
    status = String((JSON.parse(stdout) as { PrinterStatus?: unknown }).PrinterStatus ?? '');
  } catch {
    return { state: 'failed', reason: 'unexpectedOutput' };
  }
  const OK = [
    'Normal',
    'Printing',
    'Processing',
    'Busy',
    'IOActive',
    'WarmingUp',
    'Waiting',
    'Initialization',
    'PowerSave',
  ];
  if (OK.includes(status)) return { state: 'ok' };
  if (status === 'TonerLow') return { state: 'degraded', reason: status };
  if (status === 'Paused') return { state: 'failed', reason: 'printerDisabled' };
  return { state: 'failed', reason: status || 'unexpectedOutput' };
}
