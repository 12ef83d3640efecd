// The Windows print path, by its command lines: it cannot run on this Linux CI (no
// spooler, no PowerShell, no SumatraPDF), so an injected exec records what it would
// run and answers as Get-PrintJob / Get-Printer do.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExecFn, ExecOptions, ExecResult } from '../../devices/a4-printer/exec';
import { WindowsA4Printer } from '../../devices/a4-printer/windows';
import {
  GET_JOBS_SCRIPT,
  documentFileName,
  parseSpoolerJobs,
  powershellArgs,
  spoolerJobStatus,
  spoolerPrinterHealth,
  sumatraPrintArgs,
} from '../../devices/a4-printer/windows-commands';

const PDF = new TextEncoder().encode('%PDF-1.4\n%%EOF\n');

type Call = { file: string; args: readonly string[]; options?: ExecOptions; fileExisted?: boolean };

function recorder(answer: (call: Call) => Partial<ExecResult>): { exec: ExecFn; calls: Call[] } {
  const calls: Call[] = [];
  const exec: ExecFn = async (file, args, options) => {
    // The helper must find the PDF on disk when it runs.
    const fileExisted = file === 'SumatraPDF.exe' ? existsSync(args.at(-1)!) : undefined;
    const call = { file, args, ...(options ? { options } : {}), ...(fileExisted === undefined ? {} : { fileExisted }) };
    calls.push(call);
    return { code: 0, stdout: '', stderr: '', ...answer(call) };
  };
  return { exec, calls };
}

describe('Windows command lines', () => {
  it('prints with SumatraPDF: named printer, copies, silent, the file last', () => {
    expect(sumatraPrintArgs('C:\\Temp\\a.pdf', 'HP LaserJet M404 (大厅1)', 2)).toEqual([
      '-print-to',
      'HP LaserJet M404 (大厅1)',
      '-print-settings',
      '2x',
      '-silent',
      '-exit-on-print',
      'C:\\Temp\\a.pdf',
    ]);
  });

  it('runs PowerShell without profile and takes names from the environment, not the script', () => {
    expect(powershellArgs('Get-Printer')).toEqual([
      '-NoProfile',
      '-NonInteractive',
      '-ExecutionPolicy',
      'Bypass',
      '-Command',
      'Get-Printer',
    ]);
    expect(GET_JOBS_SCRIPT).toContain('Get-PrintJob -PrinterName $env:KIOSK_PRINTER');
    expect(GET_JOBS_SCRIPT).toContain('$env:KIOSK_DOCUMENT');
  });

  it('names the spooled file after the title, without characters Windows forbids', () => {
    expect(documentFileName('参保证明: 2025/03 "张三"', 'ab12cd34')).toBe('参保证明_ 2025_03 _张三_-ab12cd34.pdf');
  });

  it('reads Get-PrintJob JSON in all its shapes', () => {
    expect(parseSpoolerJobs('')).toEqual([]);
    expect(parseSpoolerJobs('[]')).toEqual([]);
    expect(parseSpoolerJobs('{"Id":7,"DocumentName":"a-ab12cd34.pdf","JobStatus":"Printing, Retained"}')).toEqual([
      { id: 7, documentName: 'a-ab12cd34.pdf', status: 'Printing, Retained' },
    ]);
    expect(parseSpoolerJobs('[{"Id":7,"DocumentName":"x","JobStatus":"Normal"},{"Id":8}]')).toHaveLength(2);
    expect(parseSpoolerJobs('not json')).toBeUndefined();
  });

  it.each([
    ['Printing, Retained', { state: 'printing' }],
    ['Spooling', { state: 'printing' }],
    ['Normal', { state: 'queued' }],
    ['PaperOut, Printing', { state: 'queued', reason: 'PaperOut' }],
    ['Error, Printing', { state: 'failed', reason: 'Error' }],
    ['Deleting', { state: 'cancelled' }],
    ['Printed, Complete', { state: 'completed' }],
  ])('maps JobStatus %s', (status, expected) => {
    expect(spoolerJobStatus(status)).toEqual(expected);
  });

  it('maps Get-Printer PrinterStatus to health', () => {
    expect(spoolerPrinterHealth('{"Name":"HP","PrinterStatus":"Normal"}')).toEqual({ state: 'ok' });
    expect(spoolerPrinterHealth('{"Name":"HP","PrinterStatus":"TonerLow"}')).toEqual({
      state: 'degraded',
      reason: 'TonerLow',
    });
    expect(spoolerPrinterHealth('{"Name":"HP","PrinterStatus":"PaperJam"}')).toEqual({
      state: 'failed',
      reason: 'PaperJam',
    });
    expect(spoolerPrinterHealth('{"Name":"HP","PrinterStatus":"Paused"}')).toEqual({
      state: 'failed',
      reason: 'printerDisabled',
    });
  });
});

describe('WindowsA4Printer flow (scripted exec)', () => {
  it('writes the PDF, runs the helper on it, removes it, then follows the job by its tag', async () => {
    const tempDir = mkdtempSync(join(tmpdir(), 'win-print-'));
    let listed = '{"Id":7,"DocumentName":"x","JobStatus":"Printing"}';
    const { exec, calls } = recorder((c) => (c.file === 'powershell.exe' ? { stdout: listed } : {}));
    const printer = new WindowsA4Printer({ printer: 'HP LaserJet M404', tempDir, exec });

    const submitted = await printer.print(PDF, { title: '参保证明', copies: 1 });
    expect(submitted.ok).toBe(true);
    if (!submitted.ok) return;
    const helper = calls[0]!;
    expect(helper.file).toBe('SumatraPDF.exe');
    expect(helper.fileExisted).toBe(true);
    const file = helper.args.at(-1)!;
    expect(file.startsWith(join(tempDir, '参保证明-'))).toBe(true);
    expect(existsSync(file)).toBe(false); // removed once spooled
    const tag = submitted.value.jobId.replace('win-', '');
    expect(file.endsWith(`-${tag}.pdf`)).toBe(true);

    expect(await printer.jobStatus(submitted.value.jobId)).toEqual({ ok: true, value: { state: 'printing' } });
    const query = calls[1]!;
    expect(query.file).toBe('powershell.exe');
    expect(query.args.at(-1)).toBe(GET_JOBS_SCRIPT);
    expect(query.options?.env).toEqual({ KIOSK_PRINTER: 'HP LaserJet M404', KIOSK_DOCUMENT: tag });

    listed = '';
    expect(await printer.jobStatus(submitted.value.jobId)).toEqual({
      ok: true,
      value: { state: 'completed', reason: 'leftQueue' },
    });
  });

  it('says printerNotFound when Get-Printer finds nothing, commandMissing without the helper', async () => {
    const { exec } = recorder((c) =>
      c.file === 'powershell.exe'
        ? { code: 1, stderr: "Get-Printer : No MSFT_Printer objects found with property 'Name' equal to 'X'." }
        : { code: null, missing: true },
    );
    const printer = new WindowsA4Printer({ printer: 'X', exec });
    expect(await printer.health()).toEqual({ state: 'failed', reason: 'printerNotFound' });
    expect(await printer.print(PDF, { title: 't' })).toMatchObject({ ok: false, error: { code: 'commandMissing' } });
  });
});
