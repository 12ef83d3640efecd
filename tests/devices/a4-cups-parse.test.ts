// Golden tests for the CUPS output parsers. Inputs are literal output of CUPS 2.4.2 on
// Debian 12 (LC_ALL=C), captured from the test scheduler (scripts/start-test-cups.sh)
// and from a queue pointed at a dead socket:// address, while writing this module;
// the few marked "constructed" follow the documented format but were not observed.
import { describe, expect, it } from 'vitest';
import {
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
} from '../../devices/a4-printer/cups-parse';

const LPSTAT_L_P_IDLE = `printer KioskPDF is idle.  enabled since Mon Nov 23 20:35:23 2026
\tForm mounted:
\tContent types: any
\tPrinter types: unknown
\tDescription: KioskPDF
\tAlerts: none
\tLocation: 
\tConnection: direct
\tInterface: /etc/cups/ppd/KioskPDF.ppd
\tOn fault: no alert
\tAfter fault: continue
\tUsers allowed:
\t\t(all)
\tForms allowed:
\t\t(none)
\tBanner required
\tCharset sets:
\t\t(none)
\tDefault pitch:
\tDefault page size:
\tDefault port settings:
`;

describe('lp', () => {
  it('reads the request id from stdin submissions ("0 file(s)")', () => {
    expect(parseRequestId('request id is KioskPDF-1 (0 file(s))\n')).toBe('KioskPDF-1');
    expect(parseRequestId('request id is HP_LaserJet_M404-127 (1 file(s))\n')).toBe('HP_LaserJet_M404-127');
    expect(parseRequestId('')).toBeUndefined();
  });

  it('maps its complaints to error codes', () => {
    expect(cupsFailure('lp: Error - The printer or class does not exist.\n')).toBe('printerNotFound');
    expect(cupsFailure('lp: Destination "KioskPDF" is not accepting jobs.\n')).toBe('notAccepting');
    expect(cupsFailure('cancel: Unable to connect to server.\n')).toBe('schedulerDown');
    expect(cupsFailure('cancel: cancel-job failed: Job #999 does not exist.\n')).toBe('jobNotFound');
    expect(cupsFailure("cancel: cancel-job failed: Job #2 is already completed - can't cancel.\n")).toBe('jobFinished');
    expect(cupsFailure('lpstat: Invalid destination name in list "Nope".\n')).toBe('printerNotFound');
    expect(cupsFailure('something else\n')).toBeUndefined();
  });
});

describe('lpstat -o', () => {
  it('lists a job being printed', () => {
    const out = `KioskPDF-1              root              1024   Mon Nov 23 20:33:50 2026
\tAlerts: job-printing
\tqueued for KioskPDF
`;
    const jobs = parseJobList(out);
    expect(jobs).toEqual([{ id: 'KioskPDF-1', user: 'root', reasons: ['job-printing'] }]);
    expect(pendingJobStatus(jobs[0]!)).toEqual({ state: 'printing' });
  });

  it('lists a job stuck printing to an unreachable printer, with its status line', () => {
    const out = `Broken-1                root              1024   Mon Nov 23 20:41:34 2026
\tStatus: The printer may not exist or is unavailable at this time.
\tAlerts: job-printing
\tqueued for Broken
`;
    expect(parseJobList(out)).toEqual([{ id: 'Broken-1', user: 'root', reasons: ['job-printing'] }]);
  });

  it('lists a held job and a waiting one', () => {
    const held = parseJobList(`KioskPDF-5              root              1024   Mon Nov 23 20:35:53 2026
\tAlerts: job-hold-until-specified
\tqueued for KioskPDF
`);
    expect(pendingJobStatus(held[0]!)).toEqual({ state: 'queued', reason: 'held' });
    const waiting = parseJobList(`KioskPDF-3              root              1024   Mon Nov 23 20:35:04 2026
\tAlerts: none
\tqueued for KioskPDF
`);
    expect(waiting).toEqual([{ id: 'KioskPDF-3', user: 'root', reasons: [] }]);
    expect(pendingJobStatus(waiting[0]!)).toEqual({ state: 'queued' });
  });

  it('lists finished jobs, which lpstat cannot tell apart (completed and cancelled both say processing-to-stop-point)', () => {
    const out = `KioskPDF-3              root              1024   Mon Nov 23 20:35:04 2026
\tAlerts: processing-to-stop-point
\tqueued for KioskPDF
KioskPDF-2              root              1024   Mon Nov 23 20:34:20 2026
\tStatus: 
\tAlerts: processing-to-stop-point
\tqueued for KioskPDF
KioskPDF-1              root              1024   Mon Nov 23 20:33:50 2026
`;
    expect(parseJobList(out).map((j) => [j.id, j.reasons.join()])).toEqual([
      ['KioskPDF-3', 'processing-to-stop-point'],
      ['KioskPDF-2', 'processing-to-stop-point'],
      ['KioskPDF-1', ''],
    ]);
  });
});

describe('ipptool Get-Job-Attributes (-c)', () => {
  it.each([
    ['completed,processing-to-stop-point', { state: 'completed' }],
    ['canceled,processing-to-stop-point', { state: 'cancelled' }],
    ['pending-held,job-hold-until-specified', { state: 'queued', reason: 'held' }],
    ['processing,job-printing', { state: 'printing' }],
    // constructed:
    ['pending,none', { state: 'queued' }],
    ['aborted,"job-aborted-by-system,document-format-error"', { state: 'failed', reason: 'job-aborted-by-system' }],
    ['completed,job-completed-with-errors', { state: 'failed', reason: 'job-completed-with-errors' }],
  ])('%s', (row, status) => {
    const parsed = parseIppJobState(`job-state,job-state-reasons\n${row}\n`);
    expect(parsed && ippJobStatus(parsed)).toEqual(status);
  });

  it('has no row for a job CUPS does not know', () => {
    expect(parseIppJobState('job-state,job-state-reasons\n')).toBeUndefined();
    expect(parseIppJobState('')).toBeUndefined();
  });

  it('addresses the scheduler like lp -h: socket path, host:port, or localhost', () => {
    expect(printerUri('KioskPDF', '/tmp/kiosk-cups/cups.sock')).toBe(
      'ipp://%2Ftmp%2Fkiosk-cups%2Fcups.sock/printers/KioskPDF',
    );
    expect(printerUri('KioskPDF', 'print.hall.local:631')).toBe('ipp://print.hall.local:631/printers/KioskPDF');
    expect(printerUri('KioskPDF')).toBe('ipp://localhost/printers/KioskPDF');
  });
});

describe('lpstat -p, -a, -r', () => {
  it('reads an idle, enabled printer with no alerts', () => {
    const line = parsePrinterLine(LPSTAT_L_P_IDLE);
    expect(line).toEqual({ name: 'KioskPDF', enabled: true, reasons: [] });
    const accepting = parseAccepting('KioskPDF accepting requests since Mon Nov 23 20:33:50 2026\n');
    expect(accepting).toEqual({ accepting: true });
    expect(cupsHealth(line!, accepting!)).toEqual({ state: 'ok' });
  });

  it('reads a printer in the middle of a job', () => {
    const out = `printer Broken now printing Broken-1.  enabled since Mon Nov 23 20:41:34 2026
\tThe printer may not exist or is unavailable at this time.
\tAlerts: none
`;
    expect(parsePrinterLine(out)).toEqual({ name: 'Broken', enabled: true, printing: 'Broken-1', reasons: [] });
  });

  it('reads a disabled printer and its reason', () => {
    const line = parsePrinterLine('printer KioskPDF disabled since Mon Nov 23 20:35:23 2026 -\n\tpaper jam\n');
    expect(line).toEqual({ name: 'KioskPDF', enabled: false, message: 'paper jam', reasons: [] });
    expect(cupsHealth(line!, { accepting: true })).toEqual({ state: 'failed', reason: 'printerDisabled' });
    const paused = parsePrinterLine('printer KioskPDF disabled since Mon Nov 23 20:35:04 2026 -\n\tPaused\n');
    expect(paused?.message).toBe('Paused');
  });

  it('reads a printer that refuses jobs', () => {
    const accepting = parseAccepting('KioskPDF not accepting requests since Mon Nov 23 20:35:05 2026 -\n\ttoner low\n');
    expect(accepting).toEqual({ accepting: false, message: 'toner low' });
    const line = parsePrinterLine(LPSTAT_L_P_IDLE)!;
    expect(cupsHealth(line, accepting!)).toEqual({ state: 'failed', reason: 'notAccepting' });
  });

  it('takes printer-state-reasons from Alerts: errors fail, warnings degrade (constructed)', () => {
    const jam = LPSTAT_L_P_IDLE.replace('Alerts: none', 'Alerts: media-jam-error, media-jam');
    expect(cupsHealth(parsePrinterLine(jam)!, { accepting: true })).toEqual({
      state: 'failed',
      reason: 'media-jam-error',
    });
    const low = LPSTAT_L_P_IDLE.replace('Alerts: none', 'Alerts: toner-low-warning');
    expect(cupsHealth(parsePrinterLine(low)!, { accepting: true })).toEqual({
      state: 'degraded',
      reason: 'toner-low-warning',
    });
  });

  it('knows whether the scheduler runs', () => {
    expect(parseSchedulerRunning('scheduler is running\n')).toBe(true);
    expect(parseSchedulerRunning('scheduler is not running\n')).toBe(false);
    expect(parseSchedulerRunning('')).toBe(false);
  });
});
