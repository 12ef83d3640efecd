// Unplug/replug soak: `npx tsx bench/unplug.ts` (about 25 minutes with the defaults; not in CI).
//
// For each of the receipt printer, ID card reader, QR scanner and social security card reader,
// on the embedded default's simulated hardware and the host's device manager with its default
// retry interval (1000 ms): CYCLES (default 500) times pull the cable, wait for the manager to
// report the device failed, put it back, and time until it reports ok. Asserts every recovery
// ≤ 5 s, no growth of live device listeners or active timers, the heap (after a forced GC)
// flat within 2 MB, and that the device still works after the last cycle. Baseline: the retry
// interval itself (a replug cannot be noticed sooner than the next retry for a polled device).
// Writes bench/results/unplug.json. CYCLES and RECONNECT_MS override the defaults.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type CycleReport, cycledDevices, percentile, runUnplugCycles } from './unplug-cycles';

process.env.KIOSK_LOG ??= 'silent';
const CYCLES = Number(process.env.CYCLES ?? 500);
const RECONNECT_MS = Number(process.env.RECONNECT_MS ?? 1000);
const LIMIT_MS = 5000;
const HEAP_SLACK = 2 * 1024 * 1024;

const started = Date.now();
const reports: (CycleReport & { seconds: number })[] = [];
const problems: string[] = [];
for (const device of cycledDevices) {
  const t = Date.now();
  const report = await runUnplugCycles(device, {
    cycles: CYCLES,
    reconnectIntervalMs: RECONNECT_MS,
    limitMs: LIMIT_MS,
  });
  reports.push({ ...report, seconds: (Date.now() - t) / 1000 });
  const max = Math.max(...report.recoveryMs);
  if (max > LIMIT_MS) problems.push(`${device}: a recovery took ${max.toFixed(0)} ms`);
  if (report.after.listeners > report.before.listeners)
    problems.push(`${device}: listeners ${report.before.listeners} → ${report.after.listeners}`);
  if (report.after.timers > report.before.timers)
    problems.push(`${device}: timers ${report.before.timers} → ${report.after.timers}`);
  if (report.after.heapBytes - report.before.heapBytes > HEAP_SLACK)
    problems.push(`${device}: heap grew ${((report.after.heapBytes - report.before.heapBytes) / 1024).toFixed(0)} KiB`);
  if (!report.worksAfter) problems.push(`${device}: does not work after the last cycle`);
  console.log(
    `${device.padEnd(15)} ${CYCLES} cycles in ${((Date.now() - t) / 1000).toFixed(0)} s: recovery p50 ${percentile(report.recoveryMs, 50).toFixed(0)} ms, ` +
      `p99 ${percentile(report.recoveryMs, 99).toFixed(0)} ms, max ${max.toFixed(0)} ms (baseline: retry interval ${RECONNECT_MS} ms); ` +
      `listeners ${report.before.listeners} → ${report.after.listeners}, timers ${report.before.timers} → ${report.after.timers}, ` +
      `heap ${(report.before.heapBytes / 1048576).toFixed(1)} → ${(report.after.heapBytes / 1048576).toFixed(1)} MiB; works after: ${report.worksAfter}`,
  );
}

const out = {
  when: new Date().toISOString(),
  command: 'npx tsx bench/unplug.ts',
  cycles: CYCLES,
  reconnectIntervalMs: RECONNECT_MS,
  seconds: (Date.now() - started) / 1000,
  machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version, loadavg: os.loadavg() },
  devices: reports.map((r) => ({
    device: r.device,
    seconds: r.seconds,
    recoveryMs: {
      p50: percentile(r.recoveryMs, 50),
      p99: percentile(r.recoveryMs, 99),
      max: Math.max(...r.recoveryMs),
    },
    detectMs: { p50: percentile(r.detectMs, 50), max: Math.max(...r.detectMs) },
    before: r.before,
    after: r.after,
    worksAfter: r.worksAfter,
  })),
  problems,
};
const dir = path.join(import.meta.dirname, 'results');
mkdirSync(dir, { recursive: true });
writeFileSync(path.join(dir, 'unplug.json'), JSON.stringify(out, null, 2) + '\n');
console.log(problems.length === 0 ? `PASS in ${out.seconds.toFixed(0)} s` : `FAIL:\n${problems.join('\n')}`);
process.exit(problems.length === 0 ? 0 : 1);
