import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { encodeFindCard } from '../../devices/id-card/codec';
import { IdCardReaderDriver } from '../../devices/id-card/driver';
import { IdCardReaderSimulator } from '../../devices/id-card/simulator';
import { createHidDeviceSide } from '../../devices/hid/device-side';
import { FakeHidDevice } from '../../devices/hid/fake';
import {
  HidReportError,
  decodeInputReport,
  decodeOutputReport,
  encodeInputReports,
  encodeOutputReports,
} from '../../devices/hid/framing';
import { openNodeHidDevice, type NodeHidAsync, type NodeHidModule } from '../../devices/hid/node-hid';
import { createHidTransport } from '../../devices/hid/transport';
import type { TransportError } from '../../devices/transport-error';
import { RETIREE, record } from './id-card-fixtures';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const FRAMING = { reportSize: 64, reportId: 0 };
const zeros = (n: number) => new Array<number>(n).fill(0);

describe('HID report framing (report id, length, payload, zero padding)', () => {
  it('carries the GA 467 find-card command in one 64-byte output report', () => {
    const reports = encodeOutputReports(encodeFindCard(), FRAMING);
    expect(reports.map((r) => [...r])).toEqual([
      [0x00, 0x0a, 0xaa, 0xaa, 0xaa, 0x96, 0x69, 0x00, 0x03, 0x20, 0x01, 0x22, ...zeros(52)],
    ]);
  });

  it('splits long writes into reports of 62 payload bytes', () => {
    const bytes = Uint8Array.from({ length: 130 }, (_, i) => i);
    const reports = encodeOutputReports(bytes, FRAMING);
    expect(reports.map((r) => [r.length, r[0], r[1]])).toEqual([
      [64, 0, 62],
      [64, 0, 62],
      [64, 0, 6],
    ]);
    expect([...reports[2]!.subarray(2, 8)]).toEqual([124, 125, 126, 127, 128, 129]);
    // A read text+photo answer (1295 bytes) comes back in 21 input reports.
    expect(encodeInputReports(new Uint8Array(1295), FRAMING)).toHaveLength(21);
  });

  it('reads unnumbered input reports without an id byte and numbered ones with it', () => {
    // hidapi strips report id 0 on read: [length, payload..., padding], 63 bytes.
    const unnumbered = Uint8Array.of(0x04, 0x00, 0x00, 0x80, 0x84, ...zeros(58));
    expect([...(decodeInputReport(unnumbered, FRAMING) as Uint8Array)]).toEqual([0x00, 0x00, 0x80, 0x84]);
    const numbered = Uint8Array.of(0x01, 0x02, 0x90, 0x00, ...zeros(60));
    expect([...(decodeInputReport(numbered, { reportSize: 64, reportId: 1 }) as Uint8Array)]).toEqual([0x90, 0x00]);
    expect(encodeInputReports(Uint8Array.of(1), FRAMING)[0]).toHaveLength(63);
    expect(encodeInputReports(Uint8Array.of(1), { reportSize: 64, reportId: 1 })[0]).toHaveLength(64);
  });

  it('refuses a report with a foreign id or an impossible length byte', () => {
    const numbered = { reportSize: 64, reportId: 1 };
    expect(decodeInputReport(Uint8Array.of(0x02, 0x01, 0x55, ...zeros(61)), numbered)).toBeInstanceOf(HidReportError);
    expect(decodeInputReport(Uint8Array.of(0x3f, ...zeros(62)), FRAMING)).toBeInstanceOf(HidReportError);
    expect(decodeInputReport(new Uint8Array(0), FRAMING)).toBeInstanceOf(HidReportError);
  });

  it('round-trips any bytes through either direction for any framing', () => {
    const framing = fc.record({
      reportSize: fc.integer({ min: 3, max: 257 }),
      reportId: fc.integer({ min: 0, max: 255 }),
    });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), framing, (bytes, f) => {
        const out = encodeOutputReports(bytes, f).map((r) => decodeOutputReport(r, f) as Uint8Array);
        const back = encodeInputReports(bytes, f).map((r) => decodeInputReport(r, f) as Uint8Array);
        expect(Buffer.concat(out)).toEqual(Buffer.from(bytes));
        expect(Buffer.concat(back)).toEqual(Buffer.from(bytes));
      }),
      { numRuns: 500 },
    );
  });
});

describe('createHidTransport', () => {
  it('writes literal reports and emits reassembled payloads', async () => {
    const device = new FakeHidDevice();
    const transport = createHidTransport(device.open);
    await transport.open();
    await transport.write(encodeFindCard());
    expect(device.written.map((r) => [...r])).toEqual([
      [0x00, 0x0a, 0xaa, 0xaa, 0xaa, 0x96, 0x69, 0x00, 0x03, 0x20, 0x01, 0x22, ...zeros(52)],
    ]);
    const chunks: Uint8Array[] = [];
    const errors: Error[] = [];
    transport.on('data', (c) => chunks.push(c));
    transport.on('error', (e) => errors.push(e));
    device.sendReport(Uint8Array.of(0x02, 0xaa, 0xaa, ...zeros(60)));
    device.sendReport(Uint8Array.of(0x70, ...zeros(62))); // impossible length: reported, not fatal
    device.sendReport(Uint8Array.of(0x00, ...zeros(62))); // empty report: nothing to emit
    device.sendReport(Uint8Array.of(0x01, 0x96, ...zeros(61)));
    await vi.waitFor(() => expect(Buffer.concat(chunks)).toEqual(Buffer.from([0xaa, 0xaa, 0x96])));
    expect(errors.map((e) => (e as HidReportError).code)).toEqual(['badReport']);
    expect(transport.isOpen).toBe(true);
  });

  it('turns a failed open into openFailed', async () => {
    const transport = createHidTransport(() => Promise.reject(new Error('No HID devices with requested VID/PID')));
    await expect(transport.open()).rejects.toMatchObject({ name: 'TransportError', code: 'openFailed' });
    await expect(transport.write(Uint8Array.of(1))).rejects.toMatchObject({ code: 'notOpen' });
  });

  it('surfaces a pulled device as close with a disconnected TransportError and refuses writes', async () => {
    const device = new FakeHidDevice();
    const transport = createHidTransport(device.open);
    await transport.open();
    const closes: (Error | undefined)[] = [];
    transport.on('close', (e) => closes.push(e));
    device.unplug();
    expect(closes.map((e) => (e as TransportError).code)).toEqual(['disconnected']);
    expect(transport.isOpen).toBe(false);
    await expect(transport.write(Uint8Array.of(1))).rejects.toMatchObject({ code: 'notOpen' });
    await expect(transport.open()).rejects.toMatchObject({ code: 'openFailed' });
    device.replug();
    await transport.open();
    expect(transport.isOpen).toBe(true);
  });

  it('closes on request without an error', async () => {
    const device = new FakeHidDevice();
    const transport = createHidTransport(device.open);
    await transport.open();
    const closes: (Error | undefined)[] = [];
    transport.on('close', (e) => closes.push(e));
    await transport.close();
    expect(closes).toEqual([undefined]);
    expect(device.isOpen).toBe(false);
  });
});

describe('GA 467 ID card reader over USB-HID', () => {
  async function rig() {
    const device = new FakeHidDevice();
    const host = createHidTransport(device.open);
    const side = createHidDeviceSide(device);
    await host.open();
    await side.open();
    const simulator = new IdCardReaderSimulator(side);
    const driver = new IdCardReaderDriver(host, { pollIntervalMs: 5, responseTimeoutMs: 1000, readTimeoutMs: 2000 });
    const log = record(driver);
    cleanups.push(
      () => driver.dispose(),
      () => simulator.dispose(),
    );
    return { device, host, side, simulator, driver, log };
  }

  it('reads a card by find, select and read, every output report 64 bytes', async () => {
    const { simulator, driver, log, device } = await rig();
    const reports: number[] = [];
    device.onDeviceSide('outputReport', (r) => reports.push(r.length));
    driver.start();
    simulator.insertCard({ text: RETIREE });
    await vi.waitFor(() => expect(log.cardInserted).toHaveLength(1));
    expect(log.cardInserted[0]![0].text).toEqual(RETIREE);
    expect(driver.health).toEqual({ state: 'ok' });
    expect(device.written[0]!.subarray(0, 12)).toEqual(
      Uint8Array.of(0x00, 0x0a, 0xaa, 0xaa, 0xaa, 0x96, 0x69, 0x00, 0x03, 0x20, 0x01, 0x22),
    );
    expect(reports.every((n) => n === 64)).toBe(true);
  });

  it('fails health on an unplug mid-read, with no unhandled rejection, and reads again after replug', async () => {
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => rejections.push(reason);
    process.on('unhandledRejection', onRejection);
    cleanups.push(() => void process.off('unhandledRejection', onRejection));

    const { simulator, driver, log, device, side } = await rig();
    const stop = simulator.on('command', (name) => {
      if (name !== 'readCard') return;
      stop();
      device.unplug(); // before the simulator can answer
    });
    driver.start();
    simulator.insertCard({ text: RETIREE });
    await vi.waitFor(() => expect(log.readFailed).toHaveLength(1));
    expect(log.readFailed[0]![0].code).toBe('transportClosed');
    expect(driver.health).toEqual({ state: 'failed', reason: 'disconnected' });
    expect(log.cardInserted).toEqual([]);

    device.replug();
    await side.open();
    expect(await driver.reconnect()).toEqual({ ok: true, value: undefined });
    await vi.waitFor(() => expect(log.cardInserted).toHaveLength(1));
    expect(rejections).toEqual([]);
  });
});

describe('openNodeHidDevice', () => {
  function fakeModule(raw: Partial<NodeHidAsync>, calls: string[]): NodeHidModule {
    const device: NodeHidAsync = {
      write: async () => 0,
      close: async () => void calls.push('close'),
      getDeviceInfo: async () => ({}),
      on: () => undefined,
      ...raw,
    };
    return {
      HIDAsync: {
        open: async (...args: unknown[]) => {
          calls.push(`open ${args.slice(0, 2).join(' ')}`);
          return device;
        },
      },
    };
  }

  it('closes a device that opened but cannot answer before rethrowing', async () => {
    const calls: string[] = [];
    const module = fakeModule({ getDeviceInfo: () => Promise.reject(new Error('EIO')) }, calls);
    await expect(openNodeHidDevice({ vendorId: 0x0400, productId: 0xc35a }, async () => module)).rejects.toThrow('EIO');
    expect(calls).toEqual([`open ${0x0400} ${0xc35a}`, 'close']);
  });

  it('writes reports as Buffers and emits reports as Uint8Arrays, and turns a read failure into error', async () => {
    const calls: string[] = [];
    const listeners: Record<string, (arg: never) => void> = {};
    const written: Buffer[] = [];
    const module = fakeModule(
      {
        write: async (data) => (written.push(data), data.length),
        on: (event: string, listener: (arg: never) => void) => (listeners[event] = listener),
      },
      calls,
    );
    const device = await openNodeHidDevice({ vendorId: 1, productId: 2, path: '/dev/hidraw7' }, async () => module);
    expect(calls).toEqual(['open /dev/hidraw7 [object Object]']);
    await device.write(Uint8Array.of(0, 1, 2));
    expect(written[0]).toBeInstanceOf(Buffer);
    const reports: Uint8Array[] = [];
    const errors: Error[] = [];
    device.on('data', (r) => reports.push(r));
    device.on('error', (e) => errors.push(e));
    listeners.data!(Buffer.from([9, 8]) as never);
    listeners.error!('could not read from HID device' as never);
    expect(reports).toEqual([Uint8Array.of(9, 8)]);
    expect(errors[0]).toBeInstanceOf(Error);
  });

  it('rejects through the real node-hid binding when no such device is attached', async () => {
    await expect(openNodeHidDevice({ vendorId: 0xffff, productId: 0xfffe })).rejects.toThrow(/0xffff|VID/i);
  });
});
