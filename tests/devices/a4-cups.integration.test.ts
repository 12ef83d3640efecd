// The CUPS A4 printer against a real CUPS scheduler and a cups-pdf virtual printer:
// a PDF goes in through `lp`, the job is followed to `completed`, and the PDF that
// cups-pdf wrote is read back with pdftotext. Needs root and the Debian packages
// cups, cups-client, printer-driver-cups-pdf, poppler-utils; fails (never skips)
// without them. CUPS is started by scripts/start-test-cups.sh, called from here.
import { describe, expect, it, vi } from 'vitest';
import { CupsA4Printer } from '../../devices/a4-printer/cups';
import { minimalPdf, outputFor, pdfText, startTestCups } from './cups-helper';

describe('CupsA4Printer on a real CUPS with cups-pdf', () => {
  it('prints a PDF, follows the job to completed, and the output reads back', async () => {
    const cups = await startTestCups();
    const printer = new CupsA4Printer({ printer: cups.queue, server: cups.server });
    expect(await printer.health()).toEqual({ state: 'ok' });

    const stamp = `KIOSK TEST ${Date.now()}`;
    const submitted = await printer.print(minimalPdf([stamp, 'Insurance certificate 12333']), {
      title: 'kiosk test',
      copies: 1,
    });
    expect(submitted.ok).toBe(true);
    if (!submitted.ok) return;
    expect(submitted.value.jobId).toMatch(new RegExp(`^${cups.queue}-\\d+$`));

    const done = await printer.waitForCompletion(submitted.value.jobId, { timeoutMs: 20_000, pollIntervalMs: 100 });
    expect(done).toEqual({ ok: true, value: { state: 'completed' } });

    // cups-pdf writes the file as the job ends; give the backend a moment to close it.
    const file = await vi.waitFor(
      () => {
        const path = outputFor(cups, submitted.value.jobId);
        if (!path) throw new Error(`no output for ${submitted.value.jobId} in ${cups.pdfDir}`);
        return path;
      },
      { timeout: 5000, interval: 50 },
    );
    const text = await pdfText(file);
    expect(text).toContain(stamp);
    expect(text).toContain('Insurance certificate 12333');
  });

  it('reports a held job queued, then cancelled once cancelled', async () => {
    const cups = await startTestCups();
    const printer = new CupsA4Printer({ printer: cups.queue, server: cups.server });
    // Hold it at the scheduler so it cannot finish before we look: lp -H hold, through an injected exec.
    const holding = new CupsA4Printer({
      printer: cups.queue,
      server: cups.server,
      exec: async (file, args, options) => {
        const { execCommand } = await import('../../devices/a4-printer/exec');
        return execCommand(file, file === 'lp' ? ['-H', 'hold', ...args] : args, options);
      },
    });
    const submitted = await holding.print(minimalPdf(['held']), { title: 'held job' });
    expect(submitted.ok).toBe(true);
    if (!submitted.ok) return;
    expect(await printer.jobStatus(submitted.value.jobId)).toEqual({
      ok: true,
      value: { state: 'queued', reason: 'held' },
    });
    expect(await printer.cancel(submitted.value.jobId)).toEqual({ ok: true, value: undefined });
    expect(await printer.jobStatus(submitted.value.jobId)).toEqual({ ok: true, value: { state: 'cancelled' } });
    expect(await printer.waitForCompletion(submitted.value.jobId, { timeoutMs: 1000 })).toMatchObject({
      ok: false,
      error: { code: 'jobCancelled' },
    });
    expect(await printer.cancel(submitted.value.jobId)).toMatchObject({ ok: false, error: { code: 'jobFinished' } });
  });

  it('says printerNotFound for a queue that does not exist, and jobNotFound for an unknown job', async () => {
    const cups = await startTestCups();
    const missing = new CupsA4Printer({ printer: 'NoSuchPrinter', server: cups.server });
    expect(await missing.health()).toEqual({ state: 'failed', reason: 'printerNotFound' });
    expect(await missing.print(minimalPdf(['x']), { title: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'printerNotFound' },
    });
    const printer = new CupsA4Printer({ printer: cups.queue, server: cups.server });
    expect(await printer.jobStatus(`${cups.queue}-999999`)).toMatchObject({
      ok: false,
      error: { code: 'jobNotFound' },
    });
  });

  it('says schedulerDown when no CUPS answers', async () => {
    const printer = new CupsA4Printer({ printer: 'KioskPDF', server: '/nonexistent/cups.sock' });
    expect(await printer.health()).toEqual({ state: 'failed', reason: 'schedulerDown' });
    expect(await printer.print(minimalPdf(['x']), { title: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'schedulerDown' },
    });
  });
});
