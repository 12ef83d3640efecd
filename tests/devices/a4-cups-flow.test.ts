// CupsA4Printer's flow with a scripted exec: the exact command lines it runs, and how
// it reads their answers, without CUPS.
import { describe, expect, it } from 'vitest';
import { CupsA4Printer } from '../../devices/a4-printer/cups';
import type { ExecFn, ExecOptions, ExecResult } from '../../devices/a4-printer/exec';

const PDF = new TextEncoder().encode('%PDF-1.4\n%%EOF\n');

type Call = { file: string; args: readonly string[]; options?: ExecOptions };

/** An exec that answers from a script of (file + first distinguishing args) -> result. */
function scripted(answer: (call: Call) => Partial<ExecResult>): { exec: ExecFn; calls: Call[] } {
  const calls: Call[] = [];
  const exec: ExecFn = async (file, args, options) => {
    const call = { file, args, ...(options ? { options } : {}) };
    calls.push(call);
    return { code: 0, stdout: '', stderr: '', ...answer(call) };
  };
  return { exec, calls };
}

const running = { stdout: 'scheduler is running\n' };

describe('CupsA4Printer.print', () => {
  it('runs lp without a shell, the PDF on stdin, title and copies as separate arguments', async () => {
    const { exec, calls } = scripted(() => ({ stdout: 'request id is KioskPDF-12 (0 file(s))\n' }));
    const printer = new CupsA4Printer({ printer: 'KioskPDF', server: '/tmp/kiosk-cups/cups.sock', exec });
    const title = '参保证明 $(rm -rf /); `reboot`';
    expect(await printer.print(PDF, { title, copies: 2 })).toEqual({ ok: true, value: { jobId: 'KioskPDF-12' } });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.file).toBe('lp');
    expect(calls[0]!.args).toEqual(['-h', '/tmp/kiosk-cups/cups.sock', '-d', 'KioskPDF', '-t', title, '-n', '2', '-']);
    expect(calls[0]!.options?.input).toBe(PDF);
  });

  it('refuses what is not a PDF and silly copy counts before running anything', async () => {
    const { exec, calls } = scripted(() => ({}));
    const printer = new CupsA4Printer({ printer: 'KioskPDF', exec });
    expect(await printer.print(new TextEncoder().encode('hello'), { title: 't' })).toMatchObject({
      ok: false,
      error: { code: 'invalidDocument' },
    });
    expect(await printer.print(PDF, { title: 't', copies: 0 })).toMatchObject({
      ok: false,
      error: { code: 'invalidOptions' },
    });
    expect(await printer.print(PDF, { title: '\n\t' })).toMatchObject({ ok: false, error: { code: 'invalidOptions' } });
    expect(calls).toHaveLength(0);
  });

  it('tells a missing printer from a scheduler that is down', async () => {
    const notFound = { code: 1, stderr: 'lp: Error - The printer or class does not exist.\n' };
    const up = scripted((c) => (c.file === 'lp' ? notFound : running));
    expect(await new CupsA4Printer({ printer: 'Nope', exec: up.exec }).print(PDF, { title: 't' })).toMatchObject({
      ok: false,
      error: { code: 'printerNotFound' },
    });
    const down = scripted((c) => (c.file === 'lp' ? notFound : { stdout: 'scheduler is not running\n' }));
    expect(await new CupsA4Printer({ printer: 'KioskPDF', exec: down.exec }).print(PDF, { title: 't' })).toMatchObject({
      ok: false,
      error: { code: 'schedulerDown' },
    });
    expect(down.calls.map((c) => [c.file, ...c.args].join(' '))).toEqual(['lp -d KioskPDF -t t -n 1 -', 'lpstat -r']);
  });

  it('says commandMissing when lp is not installed', async () => {
    const { exec } = scripted(() => ({ code: null, missing: true }));
    expect(await new CupsA4Printer({ printer: 'KioskPDF', exec }).print(PDF, { title: 't' })).toMatchObject({
      ok: false,
      error: { code: 'commandMissing' },
    });
  });
});

describe('CupsA4Printer.jobStatus', () => {
  const pending = `KioskPDF-12             root              1024   Mon Nov 23 20:33:50 2026
\tAlerts: job-printing
\tqueued for KioskPDF
`;

  it('reads a pending job from lpstat and asks nothing else', async () => {
    const { exec, calls } = scripted(() => ({ stdout: pending }));
    const printer = new CupsA4Printer({ printer: 'KioskPDF', exec });
    expect(await printer.jobStatus('KioskPDF-12')).toEqual({ ok: true, value: { state: 'printing' } });
    expect(calls.map((c) => [c.file, ...c.args].join(' '))).toEqual(['lpstat -l -W not-completed -o KioskPDF']);
  });

  it('asks IPP through ipptool how a finished job ended', async () => {
    const { exec, calls } = scripted((c) =>
      c.file === 'ipptool' ? { stdout: 'job-state,job-state-reasons\ncanceled,processing-to-stop-point\n' } : {},
    );
    const printer = new CupsA4Printer({ printer: 'KioskPDF', server: '/tmp/kiosk-cups/cups.sock', exec });
    expect(await printer.jobStatus('KioskPDF-12')).toEqual({ ok: true, value: { state: 'cancelled' } });
    const ipp = calls.find((c) => c.file === 'ipptool')!;
    expect(ipp.args.slice(0, 4)).toEqual([
      '-c',
      '-d',
      'job=12',
      'ipp://%2Ftmp%2Fkiosk-cups%2Fcups.sock/printers/KioskPDF',
    ]);
    expect(ipp.args[4]).toMatch(/get-job-state\.test$/);
  });

  it('without ipptool, falls back to lpstat -W completed and says the outcome is unverified', async () => {
    const { exec } = scripted((c) => {
      if (c.file === 'ipptool') return { code: null, missing: true };
      if (c.args.includes('completed'))
        return { stdout: 'KioskPDF-12             root              1024   Mon Nov 23 20:33:50 2026\n' };
      return {};
    });
    const printer = new CupsA4Printer({ printer: 'KioskPDF', exec });
    expect(await printer.jobStatus('KioskPDF-12')).toEqual({
      ok: true,
      value: { state: 'completed', reason: 'unverified' },
    });
    expect(await printer.jobStatus('KioskPDF-13')).toMatchObject({ ok: false, error: { code: 'jobNotFound' } });
  });

  it('follows a job until it completes', async () => {
    let polls = 0;
    const { exec } = scripted((c) => {
      if (c.file === 'lpstat') return { stdout: ++polls < 3 ? pending : '' };
      return { stdout: 'job-state,job-state-reasons\ncompleted,processing-to-stop-point\n' };
    });
    const printer = new CupsA4Printer({ printer: 'KioskPDF', exec });
    expect(await printer.waitForCompletion('KioskPDF-12', { timeoutMs: 5000, pollIntervalMs: 1 })).toEqual({
      ok: true,
      value: { state: 'completed' },
    });
    expect(polls).toBe(3);
  });

  it('reports a failed job as jobFailed with the IPP reason', async () => {
    const { exec } = scripted((c) =>
      c.file === 'ipptool' ? { stdout: 'job-state,job-state-reasons\naborted,job-aborted-by-system\n' } : {},
    );
    const printer = new CupsA4Printer({ printer: 'KioskPDF', exec });
    expect(await printer.waitForCompletion('KioskPDF-12', { timeoutMs: 1000 })).toMatchObject({
      ok: false,
      error: { code: 'jobFailed', reason: 'job-aborted-by-system', jobId: 'KioskPDF-12' },
    });
  });
});

describe('CupsA4Printer.health and cancel', () => {
  it('checks scheduler, printer and acceptance in that order', async () => {
    const { exec, calls } = scripted((c) => {
      if (c.args.includes('-r')) return running;
      if (c.args.includes('-p'))
        return { stdout: 'printer KioskPDF disabled since Mon Nov 23 20:35:23 2026 -\n\tpaper jam\n' };
      return { stdout: 'KioskPDF accepting requests since Mon Nov 23 20:33:50 2026\n' };
    });
    const printer = new CupsA4Printer({ printer: 'KioskPDF', exec });
    expect(await printer.health()).toEqual({ state: 'failed', reason: 'printerDisabled' });
    expect(calls.map((c) => [c.file, ...c.args].join(' '))).toEqual([
      'lpstat -r',
      'lpstat -l -p KioskPDF',
      'lpstat -a KioskPDF',
    ]);
  });

  it('cancels by job id', async () => {
    const { exec, calls } = scripted(() => ({}));
    expect(await new CupsA4Printer({ printer: 'KioskPDF', exec }).cancel('KioskPDF-12')).toEqual({
      ok: true,
      value: undefined,
    });
    expect(calls.map((c) => [c.file, ...c.args].join(' '))).toEqual(['cancel KioskPDF-12']);
  });
});
