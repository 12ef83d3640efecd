// Time from a card placed on the simulated reader to the driver's `cardInserted`, at 115200 baud,
// against the baseline of moving the same bytes over the same paced line with no protocol at all.
import { IdCardReaderDriver } from '../devices/id-card/driver';
import { IdCardReaderSimulator } from '../devices/id-card/simulator';
import { createLinkedPair } from '../devices/transports/memory';
import { paced } from './paced-transport';
import type { BenchResult } from './types';

const BAUD = 115200;
const CARD = {
  name: '张建国',
  sex: '1',
  nation: '01',
  birthDate: '19680315',
  address: '北京市东城区东华门街道1号',
  idNumber: '110101196803150016',
  issuingAuthority: '北京市公安局东城分局',
  validFrom: '20150101',
  validTo: '20350101',
};
// find (10) + select (10) + read (10) commands; find (11+4) + select (11+8) + read (1295+...) answers.
const EXCHANGED_BYTES = 30 + 15 + 19 + 1295;

async function readOnce(pollIntervalMs: number, phase: number): Promise<number> {
  const pair = createLinkedPair({ maxChunkSize: 64 });
  const driverSide = paced(pair.a, BAUD);
  const deviceSide = paced(pair.b, BAUD);
  await pair.a.open();
  await pair.b.open();
  const simulator = new IdCardReaderSimulator(deviceSide);
  const driver = new IdCardReaderDriver(driverSide, { pollIntervalMs });
  driver.start();
  // Place the card at a spread of points in the polling cycle, as a person would.
  await new Promise((r) => setTimeout(r, pollIntervalMs * (2 + phase)));
  const t0 = performance.now();
  const inserted = new Promise<void>((resolve) => driver.on('cardInserted', () => resolve()));
  simulator.insertCard({ text: CARD });
  await inserted;
  const elapsed = performance.now() - t0;
  await driver.dispose();
  simulator.dispose();
  return elapsed;
}

async function rawTransfer(): Promise<number> {
  const pair = createLinkedPair({ maxChunkSize: 64 });
  const line = paced(pair.a, BAUD);
  await pair.a.open();
  await pair.b.open();
  let got = 0;
  const t0 = performance.now();
  const done = new Promise<void>((resolve) =>
    pair.b.on('data', (chunk) => {
      got += chunk.length;
      if (got >= EXCHANGED_BYTES) resolve();
    }),
  );
  await line.write(new Uint8Array(EXCHANGED_BYTES));
  await done;
  return performance.now() - t0;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** ID card read end to end over the simulator at 115200 baud. */
export async function benchIdCardRead(runs = 15): Promise<BenchResult[]> {
  const baseline: number[] = [];
  const fast: number[] = [];
  const production: number[] = [];
  for (let i = 0; i < runs; i++) {
    baseline.push(await rawTransfer());
    fast.push(await readOnce(20, i / runs));
    production.push(await readOnce(300, i / runs));
  }
  const b = median(baseline);
  return [
    { name: 'raw line time for the bytes of one read (baseline)', value: b, unit: 'ms', baseline: b },
    { name: 'card placed -> cardInserted, poll 20 ms', value: median(fast), unit: 'ms', baseline: b },
    { name: 'card placed -> cardInserted, poll 300 ms (default)', value: median(production), unit: 'ms', baseline: b },
  ];
}
