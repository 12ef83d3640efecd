// `npm run bench`: runs every benchmark, prints figures as ratios against a baseline measured in
// the same run, and writes them with the machine to bench/results/latest.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchFace } from './face.bench';
import { benchFaceFps } from './face-fps';
import { benchIdCardRead } from './id-card-read.bench';
import { benchInquiry } from './inquiry.bench';
import { benchPayment } from './payment';
import { benchReceiptPrint } from './receipt-print.bench';
import { benchSsCardPcsc } from './ss-card-pcsc.bench';
import { benchStatementPdf } from './statement-pdf.bench';
import type { BenchResult } from './types';

const machine = {
  cpu: os.cpus()[0]?.model ?? 'unknown',
  cores: os.availableParallelism(),
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  platform: `${os.platform()} ${os.release()}`,
  date: new Date().toISOString(),
};

const results: BenchResult[] = [
  ...(await benchIdCardRead()),
  ...(await benchReceiptPrint()),
  ...(await benchSsCardPcsc()),
  ...(await benchStatementPdf()),
  ...(await benchInquiry()),
  ...(await benchFace()),
  ...(await benchFaceFps()),
  ...(await benchPayment()),
];
console.log(`machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}`);
for (const r of results) {
  console.log(
    `${r.name.padEnd(58)} ${r.value.toFixed(1).padStart(8)} ${r.unit}   x${(r.value / r.baseline).toFixed(2)} of baseline`,
  );
}
const dir = path.join(import.meta.dirname, 'results');
mkdirSync(dir, { recursive: true });
writeFileSync(path.join(dir, 'latest.json'), JSON.stringify({ machine, results }, null, 2) + '\n');
