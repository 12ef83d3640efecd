// Time from submitting a queue ticket to the printer's own "printed" (process-ID answer), over a
// line paced like a UART, against the baseline of moving the job's bytes over that line alone.
import { ReceiptPrinterDriver } from '../devices/receipt-printer/driver';
import { buildReceiptJob } from '../devices/receipt-printer/job';
import { ReceiptPrinterSimulator } from '../devices/receipt-printer/simulator';
import { createLinkedPair } from '../devices/transports/memory';
import { paced } from './paced-transport';
import type { BenchResult } from './types';

const TICKET = [
  '^^^A017',
  '社保业务 排队号',
  '前面还有 | 3 人',
  '预计等候 | 15 分钟',
  '-',
  '{code:https://hall.example.cn/q/A017; option:qrcode,6,m}',
  '请留意叫号，过号请重新取号',
  '服务热线 12333',
].join('\n');

async function printOnce(baud: number, escpos: Uint8Array): Promise<number> {
  const pair = createLinkedPair({ maxChunkSize: 64 });
  await pair.a.open();
  await pair.b.open();
  const simulator = new ReceiptPrinterSimulator(paced(pair.b, baud));
  const driver = new ReceiptPrinterDriver(paced(pair.a, baud), { pollIntervalMs: 500, responseTimeoutMs: 2000 });
  const t0 = performance.now();
  const result = await driver.print({ escpos });
  const elapsed = performance.now() - t0;
  if (!result.ok) throw new Error(`the benchmark ticket did not print at ${baud} baud: ${result.error.code}`);
  await driver.dispose();
  simulator.dispose();
  return elapsed;
}

async function rawTransfer(baud: number, bytes: number): Promise<number> {
  const pair = createLinkedPair({ maxChunkSize: 64 });
  await pair.a.open();
  await pair.b.open();
  let got = 0;
  const t0 = performance.now();
  const done = new Promise<void>((resolve) =>
    pair.b.on('data', (chunk) => {
      got += chunk.length;
      if (got >= bytes) resolve();
    }),
  );
  await paced(pair.a, baud).write(new Uint8Array(bytes));
  await done;
  return performance.now() - t0;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Queue ticket: submit -> printed, at 115200 and 9600 baud. */
export async function benchReceiptPrint(runs = 9): Promise<BenchResult[]> {
  const { escpos } = buildReceiptJob(TICKET);
  const out: BenchResult[] = [];
  for (const baud of [115200, 9600]) {
    const base: number[] = [];
    const job: number[] = [];
    for (let i = 0; i < runs; i++) {
      base.push(await rawTransfer(baud, escpos.length));
      job.push(await printOnce(baud, escpos));
    }
    const b = median(base);
    out.push({
      name: `queue ticket (${escpos.length} B) raw line time @${baud} (baseline)`,
      value: b,
      unit: 'ms',
      baseline: b,
    });
    out.push({ name: `queue ticket submit -> printed @${baud}`, value: median(job), unit: 'ms', baseline: b });
  }
  return out;
}
