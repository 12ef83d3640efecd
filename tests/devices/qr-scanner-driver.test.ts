import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeHidDevice } from '../../devices/hid/fake';
import { QrScannerDriver, type QrScannerDriverOptions, type QrScannerEvents } from '../../devices/qr-scanner/driver';
import { QrScannerSimulator } from '../../devices/qr-scanner/simulator';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

// What an electronic social security card QR code carries: a URL with a base64url token (synthetic).
const E_CARD = 'https://h5.example.gov.cn/ecard?qr=eyJhbGciOiJTTTIifQ.aB-_9xYz&v=2';

function rig(options: QrScannerDriverOptions) {
  const device = new FakeHidDevice();
  const driver = new QrScannerDriver(device, options);
  const simulator = new QrScannerSimulator(device, { mode: options.mode });
  const log: { [K in keyof QrScannerEvents]: QrScannerEvents[K][] } = { scanned: [], scanFailed: [], health: [] };
  for (const event of Object.keys(log) as (keyof QrScannerEvents)[]) {
    driver.on(event, (...args: unknown[]) => (log[event] as unknown[][]).push(args));
  }
  cleanups.push(() => driver.dispose());
  return { device, driver, simulator, log };
}

describe('QrScannerDriver', () => {
  for (const mode of ['keyboard', 'hidPos'] as const) {
    it(`emits each ${mode} scan once, whole`, async () => {
      const { simulator, log, driver } = rig({ mode });
      simulator.scan(E_CARD);
      simulator.scan('SB2024000123');
      await vi.waitFor(() => expect(log.scanned).toHaveLength(2));
      expect(log.scanned.map(([t]) => t)).toEqual([E_CARD, 'SB2024000123']);
      expect(log.scanFailed).toEqual([]);
      expect(driver.health).toEqual({ state: 'ok' });
    });

    it(`refuses a ${mode} scan over the bound and takes the next one`, async () => {
      const { simulator, log } = rig({ mode, maxLength: 64 });
      simulator.scan('x'.repeat(65));
      simulator.scan('y'.repeat(64));
      await vi.waitFor(() => expect(log.scanned).toHaveLength(1));
      expect(log.scanned[0]![0]).toBe('y'.repeat(64));
      expect(log.scanFailed.map(([e]) => e.code)).toEqual(['tooLong']);
    });
  }

  it('fails health when the scanner is unplugged', async () => {
    const { device, log, driver } = rig({ mode: 'keyboard' });
    device.unplug();
    expect(driver.health).toEqual({ state: 'failed', reason: 'disconnected' });
    expect(log.health.map(([h]) => h)).toEqual([{ state: 'failed', reason: 'disconnected' }]);
  });

  it('degrades on malformed reports and recovers on the next good scan', async () => {
    const { device, simulator, log, driver } = rig({ mode: 'hidPos' });
    device.sendReport(Uint8Array.of(0x02, 0xff, 0x00));
    await vi.waitFor(() => expect(log.scanFailed).toHaveLength(1));
    expect(driver.health).toEqual({ state: 'degraded', reason: 'malformedReport' });
    simulator.scan('A017');
    await vi.waitFor(() => expect(log.scanned).toHaveLength(1));
    expect(driver.health).toEqual({ state: 'ok' });
  });

  it('drops a half-typed scan after a quiet gap instead of gluing it to the next one', async () => {
    let now = 0;
    const { device, simulator, log } = rig({ mode: 'keyboard', idleResetMs: 500, now: () => now });
    let delivered = 0;
    device.on('data', () => (delivered += 1));
    // A fragment with no Enter (e.g. the scanner was moved away mid-code)...
    for (const report of simulator.reports('abc').slice(0, 4)) device.sendReport(report);
    await vi.waitFor(() => expect(delivered).toBe(4));
    now = 2000; // ...then, two seconds later, a whole scan.
    simulator.scan('A017');
    await vi.waitFor(() => expect(log.scanned).toHaveLength(1));
    expect(log.scanned[0]![0]).toBe('A017');
  });
});
