// The in-memory A4 printer of the embedded default: same interface, faults on demand.
import { afterEach, describe, expect, it } from 'vitest';
import { A4PrinterSimulator } from '../../devices/a4-printer/simulator';
import { minimalPdf } from './cups-helper';

const sims: A4PrinterSimulator[] = [];
afterEach(() => sims.splice(0).forEach((s) => s.dispose()));
const simulator = (stepMs = 0) => {
  const s = new A4PrinterSimulator({ stepMs });
  sims.push(s);
  return s;
};

describe('A4PrinterSimulator', () => {
  it('keeps the PDF and completes the job', async () => {
    const printer = simulator();
    const pdf = minimalPdf(['RIGHTS STATEMENT']);
    const job = await printer.print(pdf, { title: '个人权益记录单', copies: 2 });
    expect(job).toEqual({ ok: true, value: { jobId: 'KioskA4-1' } });
    expect(await printer.waitForCompletion('KioskA4-1', { timeoutMs: 1000 })).toEqual({
      ok: true,
      value: { state: 'completed' },
    });
    expect(printer.documents).toHaveLength(1);
    expect(printer.documents[0]).toMatchObject({ title: '个人权益记录单', copies: 2, status: { state: 'completed' } });
    expect(Buffer.from(printer.documents[0]!.pdf).equals(Buffer.from(pdf))).toBe(true);
  });

  it('jams on demand: the job fails with the reason, health follows', async () => {
    const printer = simulator(5);
    const job = await printer.print(minimalPdf(['x']), { title: 'x' });
    if (!job.ok) throw new Error('not queued');
    printer.failNext('jammed');
    expect(await printer.waitForCompletion(job.value.jobId, { timeoutMs: 1000, pollIntervalMs: 1 })).toMatchObject({
      ok: false,
      error: { code: 'jobFailed', reason: 'jammed' },
    });
    printer.setFault('paperOut');
    expect(await printer.health()).toEqual({ state: 'failed', reason: 'paperOut' });
    const waiting = await printer.print(minimalPdf(['y']), { title: 'y' });
    if (!waiting.ok) throw new Error('not queued');
    expect(await printer.waitForCompletion(waiting.value.jobId, { timeoutMs: 50, pollIntervalMs: 5 })).toMatchObject({
      ok: false,
      error: { code: 'timeout', reason: 'queued' },
    });
    printer.setFault(undefined);
    expect((await printer.waitForCompletion(waiting.value.jobId, { timeoutMs: 1000, pollIntervalMs: 1 })).ok).toBe(
      true,
    );
  });

  it('cancels, refuses when not accepting, and checks the document', async () => {
    const printer = simulator(20);
    const job = await printer.print(minimalPdf(['x']), { title: 'x' });
    if (!job.ok) throw new Error('not queued');
    expect(await printer.cancel(job.value.jobId)).toEqual({ ok: true, value: undefined });
    expect(await printer.jobStatus(job.value.jobId)).toEqual({ ok: true, value: { state: 'cancelled' } });
    expect(await printer.cancel(job.value.jobId)).toMatchObject({ ok: false, error: { code: 'jobFinished' } });
    printer.setAccepting(false);
    expect(await printer.print(minimalPdf(['x']), { title: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'notAccepting' },
    });
    expect(await printer.print(new Uint8Array([1, 2, 3]), { title: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'invalidDocument' },
    });
    expect(await printer.jobStatus('KioskA4-99')).toMatchObject({ ok: false, error: { code: 'jobNotFound' } });
  });

  it('keeps only the latest finished documents, as a queue does on a terminal that runs for days', async () => {
    const printer = new A4PrinterSimulator({ keep: 3 });
    sims.push(printer);
    for (let i = 1; i <= 8; i++) {
      const job = await printer.print(minimalPdf([`DOC ${i}`]), { title: `doc ${i}` });
      if (!job.ok) throw new Error('not queued');
      expect((await printer.waitForCompletion(job.value.jobId, { timeoutMs: 1000, pollIntervalMs: 1 })).ok).toBe(true);
    }
    // The next print forgets the oldest finished one; the one just given is there, not yet finished.
    const last = await printer.print(minimalPdf(['DOC 9']), { title: 'doc 9' });
    expect(printer.documents.map((d) => d.title)).toEqual(['doc 7', 'doc 8', 'doc 9']);
    if (last.ok) await printer.waitForCompletion(last.value.jobId, { timeoutMs: 1000, pollIntervalMs: 1 });
    expect(await printer.jobStatus('KioskA4-1')).toMatchObject({ ok: false, error: { code: 'jobNotFound' } });
  });
});
