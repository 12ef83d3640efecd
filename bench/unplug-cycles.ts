/**
 * Unplug/replug cycles of one simulated device under the host's device manager: pull the cable,
 * wait until the manager reports the device failed, put it back, and time until it reports it
 * ok again. Counts what a leak would grow: live device listeners (every `Emitter` in the
 * process), active timers, and the heap after a forced GC. Used by bench/unplug.ts (500 cycles)
 * and tests/host/unplug-cycles.test.ts (a few, asserting no leak).
 */
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';
import type { DeviceHealth, IdCardFields } from '../contracts';
import { Emitter } from '../devices/emitter';
import { buildReceiptJob } from '../devices/receipt-printer/job';
import { createDeviceManager, type DeviceManager } from '../host/device-manager/device-manager';
import { SimulatedHardware } from '../host/device-manager/simulated-hardware';
import { demoSsCard } from '../host/simulator/simulator-service';

export type CycledDevice = 'receiptPrinter' | 'idCardReader' | 'qrScanner' | 'ssCardReader';
export const cycledDevices: CycledDevice[] = ['receiptPrinter', 'idCardReader', 'qrScanner', 'ssCardReader'];

/** What leaks would grow. */
export interface ResourceCount {
  listeners: number;
  timers: number;
  heapBytes: number;
}

export interface CycleReport {
  device: CycledDevice;
  cycles: number;
  /** Replug → the manager reports the device ok, per cycle, ms. */
  recoveryMs: number[];
  /** Unplug → the manager reports the device failed, per cycle, ms. */
  detectMs: number[];
  /** After warm-up cycles, and after the last one. */
  before: ResourceCount;
  after: ResourceCount;
  /** The device worked after the last cycle (a card read, a code scanned, a receipt printed). */
  worksAfter: boolean;
}

export interface CycleOptions {
  cycles: number;
  /** Cycles run before `before` is counted (first-use allocations are not leaks). */
  warmup?: number;
  /** The manager's retry interval (the host's default is 1000 ms). */
  reconnectIntervalMs?: number;
  /** Give up on a cycle after this long (the requirement is recovery within 5 s). */
  limitMs?: number;
}

const HOLDER: IdCardFields = {
  name: '王秀英',
  sex: '2',
  nation: '01',
  birthDate: '19520314',
  address: '南京市玄武区',
  idNumber: '320102195203140028',
  issuingAuthority: '南京市公安局',
  validFrom: '20150101',
  validTo: '长期',
};

const gc: () => void = (() => {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
})();

/**
 * Timers set and not yet fired or cleared, counted by wrapping the global timer functions
 * (`process.getActiveResourcesInfo()` does not list the drivers' unref'd timers). Each is kept
 * with whether the device code set it (a device driver or the device manager in its stack): the
 * unit tests share a worker's process with other files, whose own timers are not the drivers'.
 */
const liveTimers = new Map<unknown, boolean>();
// The drivers and the device manager, not the test files about them (tests/devices/…).
const DEVICE_CODE = /(?<![\\/]tests)[\\/](devices|host[\\/]device-manager)[\\/]/;
function setByDeviceCode(): boolean {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 40;
  const stack = new Error().stack ?? '';
  Error.stackTraceLimit = limit;
  return DEVICE_CODE.test(stack);
}
(() => {
  const g = globalThis as unknown as Record<string, (...args: unknown[]) => unknown>;
  const { setTimeout: st, setInterval: si, clearTimeout: ct, clearInterval: ci } = g;
  g.setTimeout = (fn: unknown, ...rest: unknown[]) => {
    const timer: unknown = st!(
      (...args: unknown[]) => {
        liveTimers.delete(timer);
        (fn as (...a: unknown[]) => void)(...args);
      },
      ...rest,
    );
    liveTimers.set(timer, setByDeviceCode());
    return timer;
  };
  g.setInterval = (...args: unknown[]) => {
    const timer = si!(...args);
    liveTimers.set(timer, setByDeviceCode());
    return timer;
  };
  g.clearTimeout = (timer: unknown) => {
    liveTimers.delete(timer);
    return ct!(timer);
  };
  g.clearInterval = (timer: unknown) => {
    liveTimers.delete(timer);
    return ci!(timer);
  };
})();

/** Live listeners, live timers and heap after a full GC. */
export async function countResources(): Promise<ResourceCount> {
  await new Promise((r) => setTimeout(r, 50));
  gc();
  gc();
  const timers = [...liveTimers.values()].filter(Boolean).length;
  return { listeners: Emitter.liveListenerCount(), timers, heapBytes: process.memoryUsage().heapUsed };
}

function waitForHealth(
  devices: DeviceManager,
  device: CycledDevice,
  state: DeviceHealth['state'] | 'notOk',
  limitMs: number,
): Promise<number> {
  const started = performance.now();
  const matches = (h: DeviceHealth | undefined) =>
    h !== undefined && h.device === device && (state === 'notOk' ? h.state !== 'ok' : h.state === state);
  if (matches(devices.health().find((h) => h.device === device))) return Promise.resolve(0);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`${device} did not become ${state} within ${limitMs} ms`));
    }, limitMs);
    const off = devices.onHealth((h) => {
      if (!matches(h)) return;
      clearTimeout(timer);
      off();
      resolve(performance.now() - started);
    });
  });
}

async function until(check: () => boolean, limitMs: number): Promise<boolean> {
  const deadline = performance.now() + limitMs;
  while (!check()) {
    if (performance.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 10));
  }
  return true;
}

/** Does the device do its job now? One card read, scan or receipt. */
async function works(hardware: SimulatedHardware, devices: DeviceManager, device: CycledDevice): Promise<boolean> {
  switch (device) {
    case 'idCardReader': {
      let read = false;
      const off = devices.onIdCard(() => (read = true));
      hardware.insertIdCard(HOLDER);
      const ok = await until(() => read, 5000);
      off();
      hardware.removeIdCard();
      return ok;
    }
    case 'ssCardReader': {
      let read = false;
      const off = devices.onSsCard(() => (read = true));
      hardware.insertSsCard(demoSsCard(HOLDER));
      const ok = await until(() => read, 5000);
      off();
      hardware.removeSsCard();
      return ok;
    }
    case 'qrScanner': {
      let scanned = '';
      const off = devices.onQrScanned((t) => (scanned = t));
      hardware.scanQr('SB20250101001');
      const ok = await until(() => scanned === 'SB20250101001', 5000);
      off();
      return ok;
    }
    case 'receiptPrinter': {
      const before = hardware.printedReceiptCount;
      await devices.printReceipt({ escpos: buildReceiptJob('^^排队号 A017\n').escpos });
      return until(() => hardware.printedReceiptCount === before + 1, 5000);
    }
  }
}

/** Runs `cycles` unplug/replug cycles of one device on fresh simulated hardware. */
export async function runUnplugCycles(device: CycledDevice, options: CycleOptions): Promise<CycleReport> {
  const { cycles, warmup = 5, reconnectIntervalMs = 1000, limitMs = 5000 } = options;
  const hardware = new SimulatedHardware();
  await hardware.start();
  const devices = createDeviceManager({
    idCardTransport: hardware.idCardTransport,
    ssCardReader: { kind: 'transport', transport: hardware.ssCardTransport },
    qrScanner: { mode: 'hidPos', open: hardware.qrDevice.open },
    receiptPrinter: { transport: hardware.receiptPrinterTransport },
    reconnectIntervalMs,
  });
  await devices.start();
  const report: CycleReport = {
    device,
    cycles,
    recoveryMs: [],
    detectMs: [],
    before: { listeners: 0, timers: 0, heapBytes: 0 },
    after: { listeners: 0, timers: 0, heapBytes: 0 },
    worksAfter: false,
  };
  try {
    await waitForHealth(devices, device, 'ok', limitMs);
    for (let i = 0; i < warmup + cycles; i++) {
      if (i === warmup) report.before = await countResources();
      const failed = waitForHealth(devices, device, 'notOk', limitMs);
      hardware.unplug(device);
      const detect = await failed;
      const recovered = waitForHealth(devices, device, 'ok', limitMs);
      await hardware.replug(device);
      const recovery = await recovered;
      if (i >= warmup) {
        report.detectMs.push(detect);
        report.recoveryMs.push(recovery);
      }
    }
    report.after = await countResources();
    report.worksAfter = await works(hardware, devices, device);
  } finally {
    await devices.stop();
    await hardware.stop();
  }
  return report;
}

/** The p-th percentile (0..100) of some numbers. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}
