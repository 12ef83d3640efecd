// The receipt printer driver against the simulator over an in-memory cable: jobs are
// `printed` only on the printer's word, faults refuse or stop a job, and nothing
// rejects when the cable goes.
import { describe, expect, it, vi } from 'vitest';
import { buildReceiptJob } from '../../devices/receipt-printer/job';
import { encodeClearResponse } from '../../devices/receipt-printer/codec';
import { RealtimeScanner } from '../../devices/receipt-printer/realtime';
import { ReceiptPrinterDriver } from '../../devices/receipt-printer/driver';
import type { ReceiptPrinterSimulator } from '../../devices/receipt-printer/simulator';
import { createLinkedPair } from '../../devices/transports/memory';
import { FAST, TICKET, onCleanup, printedText, printerRig } from './receipt-printer-fixtures';

const SHORT = { ...FAST, responseTimeoutMs: 60, jobTimeoutMs: 300 };
const ticket = (token: string) => buildReceiptJob(`${TICKET}\n${token}`).escpos;

describe('ReceiptPrinterDriver printing on the simulator', () => {
  it('prints a receipt and reports it printed only after the printer confirms', async () => {
    const { driver, simulator } = await printerRig();
    const escpos = ticket('JOB-1');
    const result = await driver.print({ escpos, id: 'job-1' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.jobId).toBe('job-1');
    expect(simulator.confirmedProcessIds).toEqual([result.value.processId]);
    // The printer received exactly the job: our status polls and GS ( H are not print data.
    expect(simulator.receipts).toHaveLength(1);
    expect(Buffer.from(simulator.receipts[0]!.bytes).equals(Buffer.from(escpos))).toBe(true);
    expect(printedText(simulator.receipts[0]!.bytes)).toContain('前面还有 3 人');
    expect(driver.health).toEqual({ state: 'ok' });
  });

  it.each<[string, (s: ReceiptPrinterSimulator) => void]>([
    ['coverOpen', (s) => s.setCoverOpen(true)],
    ['paperOut', (s) => s.setPaper('out')],
    ['offline', (s) => s.setOffline(true)],
    ['cutterError', (s) => s.setCutterError(true)],
  ])('refuses to start while %s, and sends nothing but the status request', async (fault, apply) => {
    const { driver, simulator } = await printerRig();
    apply(simulator);
    const result = await driver.print({ escpos: ticket('JOB-2') });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect([result.error.code, result.error.delivery]).toEqual([fault, 'notSent']);
    expect(simulator.counters.received).toBe(12); // DLE EOT 1..4
    expect(simulator.receipts).toHaveLength(0);
    expect(driver.health).toEqual({ state: 'failed', reason: fault });
  });

  it('prints on a roll near its end, and says so in health', async () => {
    const { driver, simulator } = await printerRig();
    simulator.setPaper('nearEnd');
    expect((await driver.print({ escpos: ticket('JOB-3') })).ok).toBe(true);
    expect(driver.health).toEqual({ state: 'degraded', reason: 'paperNearEnd' });
  });

  it('stops on paper out mid-job, clears the printer, and never prints the rest on a new roll', async () => {
    const { driver, simulator } = await printerRig();
    simulator.runOutAfterLines(2);
    const result = await driver.print({ escpos: ticket('JOB-4'), id: 'job-4' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect([result.error.code, result.error.delivery, result.error.jobId]).toEqual(['paperOut', 'partial', 'job-4']);
    expect(simulator.receipts).toHaveLength(0);
    expect(driver.health).toEqual({ state: 'failed', reason: 'paperOut' });

    const fed = simulator.counters.fed;
    simulator.setPaper('ok');
    expect(await driver.queryStatus()).toMatchObject({ ok: true, value: { paperOut: false } });
    expect(simulator.counters.fed).toBe(fed); // nothing of the job came out on the new roll
    expect(simulator.receipts).toHaveLength(0);
    expect(simulator.counters.queued).toBe(0);
    // What came out before the roll ended went with the old roll, uncut.
    expect(simulator.tornReceipts).toHaveLength(1);
    expect(printedText(simulator.tornReceipts[0]!.bytes)).not.toContain('JOB-4');

    // The caller decides to retry: the same job id prints once, whole.
    const retry = await driver.print({ escpos: ticket('JOB-4'), id: 'job-4' });
    expect(retry.ok).toBe(true);
    expect(simulator.receipts.map((r) => printedText(r.bytes).includes('JOB-4'))).toEqual([true]);
  });

  it('stops when the cover opens while printing', async () => {
    const { driver, simulator } = await printerRig(FAST, { lineDelayMs: 2 });
    simulator.on('fed', (count) => count === 2 && simulator.setCoverOpen(true));
    const result = await driver.print({ escpos: ticket('JOB-5') });
    expect(result).toMatchObject({ ok: false, error: { code: 'coverOpen', delivery: 'partial' } });
    simulator.setCoverOpen(false);
    await driver.queryStatus();
    expect(simulator.receipts).toHaveLength(0);
  });

  it('fails a job whose cable is pulled midway as `unknown`, without an unhandled rejection', async () => {
    const { driver, simulator, pair } = await printerRig();
    simulator.on('received', (total) => total > 100 && pair.plugged && pair.unplug());
    const result = await driver.print({ escpos: ticket('JOB-6') });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(['transportClosed', 'notOpen', 'writeFailed']).toContain(result.error.code);
    expect(result.error.delivery).toBe('unknown');
    expect(driver.health).toEqual({ state: 'failed', reason: 'disconnected' });
    // Nothing more may go out: the next job is refused at once.
    expect(await driver.print({ escpos: ticket('JOB-7') })).toMatchObject({
      ok: false,
      error: { code: 'notOpen', delivery: 'notSent' },
    });
  });

  it('runs one job at a time, in order', async () => {
    const { driver, simulator } = await printerRig();
    const results = await Promise.all(['A', 'B', 'C'].map((t) => driver.print({ escpos: ticket(`JOB-${t}`) })));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(simulator.receipts.map((r) => printedText(r.bytes).match(/JOB-\w/)?.[0])).toEqual([
      'JOB-A',
      'JOB-B',
      'JOB-C',
    ]);
    expect(simulator.confirmedProcessIds).toEqual(results.map((r) => r.ok && r.value.processId));
  });

  it('refuses a job id it already printed', async () => {
    const { driver, simulator } = await printerRig();
    expect((await driver.print({ escpos: ticket('JOB-8'), id: 'same' })).ok).toBe(true);
    expect(await driver.print({ escpos: ticket('JOB-8'), id: 'same' })).toMatchObject({
      ok: false,
      error: { code: 'alreadyPrinted', delivery: 'notSent' },
    });
    expect(simulator.receipts).toHaveLength(1);
  });

  it('refuses bytes that end inside a command', async () => {
    const { driver, simulator } = await printerRig();
    const escpos = ticket('JOB-9');
    const result = await driver.print({ escpos: escpos.subarray(0, escpos.length - 2) });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalidJob', delivery: 'notSent' } });
    expect(simulator.counters.received).toBe(0);
  });

  it('answers a DLE EOT hidden in raster data and still matches the answers', async () => {
    const { driver, simulator } = await printerRig();
    // GS v 0: 2 bytes wide, 3 rows; the data holds 10 04 02 and 10 04 04.
    const raster = Uint8Array.of(0x1d, 0x76, 0x30, 0x00, 0x02, 0x00, 0x03, 0x00, 0x10, 0x04, 0x02, 0x10, 0x04, 0x04);
    const escpos = Uint8Array.of(0x1b, 0x40, ...raster, 0x0a, 0x1d, 0x56, 0x42, 0x00);
    expect(await driver.print({ escpos })).toMatchObject({ ok: true });
    expect(driver.health).toEqual({ state: 'ok' });
    expect(simulator.receipts).toHaveLength(1);
  });
});

describe('ReceiptPrinterDriver health', () => {
  it('follows the printer while polling', async () => {
    const { driver, simulator, health } = await printerRig();
    driver.start();
    simulator.setCoverOpen(true);
    await vi.waitFor(() => expect(driver.health).toEqual({ state: 'failed', reason: 'coverOpen' }));
    simulator.setCoverOpen(false);
    simulator.setPaper('nearEnd');
    await vi.waitFor(() => expect(driver.health).toEqual({ state: 'degraded', reason: 'paperNearEnd' }));
    simulator.setPaper('out');
    await vi.waitFor(() => expect(driver.health).toEqual({ state: 'failed', reason: 'paperOut' }));
    simulator.setPaper('ok');
    await vi.waitFor(() => expect(driver.health).toEqual({ state: 'ok' }));
    await driver.stop();
    expect(health[0]).toEqual({ state: 'failed', reason: 'coverOpen' });
  });

  it('degrades on one missed answer, fails on the second, and refuses to print', async () => {
    const { driver, simulator } = await printerRig(SHORT);
    simulator.unplug();
    expect(await driver.queryStatus()).toMatchObject({ ok: false, error: { code: 'timeout' } });
    expect(driver.health).toEqual({ state: 'degraded', reason: 'timeout' });
    const result = await driver.print({ escpos: ticket('JOB-10') });
    expect(result).toMatchObject({ ok: false, error: { code: 'timeout', delivery: 'notSent' } });
    expect(driver.health).toEqual({ state: 'failed', reason: 'noResponse' });
    simulator.replug();
    expect((await driver.queryStatus()).ok).toBe(true);
    expect(driver.health).toEqual({ state: 'ok' });
  });

  it('reconnects after the cable is put back', async () => {
    const { driver, pair } = await printerRig();
    pair.unplug();
    expect(driver.health).toEqual({ state: 'failed', reason: 'disconnected' });
    expect(await driver.queryStatus()).toMatchObject({ ok: false, error: { code: 'notOpen' } });
    pair.replug();
    await pair.b.open();
    expect((await driver.reconnect()).ok).toBe(true);
    expect(driver.health).toEqual({ state: 'ok' });
  });
});

describe('a printer that never confirms (no GS ( H)', () => {
  it('never reports the job printed: jobTimeout, delivery unknown', async () => {
    const pair = createLinkedPair();
    await pair.a.open();
    await pair.b.open();
    // Answers status (all clear) and clears, ignores GS ( H: like a model without process IDs.
    const scanner = new RealtimeScanner();
    pair.b.on('data', (chunk) => {
      for (const hit of scanner.push(chunk)) {
        void pair.b.write(hit.command.kind === 'status' ? Uint8Array.of(0x12) : encodeClearResponse());
      }
    });
    const driver = new ReceiptPrinterDriver(pair.a, SHORT);
    onCleanup(() => driver.dispose());
    const result = await driver.print({ escpos: ticket('JOB-11') });
    expect(result).toMatchObject({ ok: false, error: { code: 'jobTimeout', delivery: 'unknown' } });
  });
});
