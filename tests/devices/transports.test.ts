import { SerialPortMock } from 'serialport';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TransportError } from '../../devices/transport-error';
import { createLinkedPair } from '../../devices/transports/memory';
import { createSerialTransport, type SerialBinding, type SerialBindingPort } from '../../devices/transports/serial';

describe('createLinkedPair', () => {
  it('delivers bytes asynchronously, in order, cut into chunks', async () => {
    let seed = 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const { a, b } = createLinkedPair({ maxChunkSize: 5, random });
    await a.open();
    await b.open();
    const chunks: Uint8Array[] = [];
    b.on('data', (chunk) => chunks.push(chunk));
    const sent = Uint8Array.from({ length: 100 }, (_, i) => i);
    await a.write(sent);
    expect(chunks).toEqual([]); // nothing arrives within the write call
    await vi.waitFor(() => expect(chunks.reduce((n, c) => n + c.length, 0)).toBe(100));
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.every((c) => c.length <= 5)).toBe(true);
    expect(Buffer.concat(chunks)).toEqual(Buffer.from(sent));
  });

  it('closes both ends with an error on unplug, refuses to reopen until replugged', async () => {
    const pair = createLinkedPair();
    await pair.a.open();
    await pair.b.open();
    const closes: (Error | undefined)[] = [];
    pair.a.on('close', (e) => closes.push(e));
    pair.b.on('close', (e) => closes.push(e));
    pair.unplug();
    expect(closes.map((e) => (e as TransportError).code)).toEqual(['disconnected', 'disconnected']);
    await expect(pair.a.write(Uint8Array.of(1))).rejects.toMatchObject({ code: 'notOpen' });
    await expect(pair.a.open()).rejects.toMatchObject({ code: 'openFailed' });
    pair.replug();
    await pair.a.open();
    expect(pair.a.isOpen).toBe(true);
  });

  it('closes one end without an error on close()', async () => {
    const pair = createLinkedPair();
    await pair.a.open();
    await pair.b.open();
    const closes: (Error | undefined)[] = [];
    pair.a.on('close', (e) => closes.push(e));
    await pair.a.close();
    expect(closes).toEqual([undefined]);
    expect(pair.b.isOpen).toBe(true);
  });
});

// @serialport/binding-mock, reached through serialport's re-export because the
// package's own `exports` map hides its type declarations from TypeScript.
const MockBinding = SerialPortMock.binding;

describe('createSerialTransport over @serialport/binding-mock', () => {
  afterEach(() => MockBinding.reset());

  /** MockBinding, keeping hold of the ports it opens so the test can play the device. */
  function recordingBinding() {
    const ports: Awaited<ReturnType<typeof MockBinding.open>>[] = [];
    const binding: SerialBinding = {
      async open(options) {
        const port = await MockBinding.open(options);
        ports.push(port);
        return port;
      },
    };
    return { binding, ports };
  }

  it('opens at 115200 8N1, writes bytes and emits received bytes as data', async () => {
    MockBinding.createPort('/dev/ttyMOCK0', { record: true });
    const { binding, ports } = recordingBinding();
    const transport = createSerialTransport({ path: '/dev/ttyMOCK0', binding });
    await transport.open();
    const port = ports[0]!;
    expect(port.openOptions).toMatchObject({ baudRate: 115200, dataBits: 8, stopBits: 1, parity: 'none' });

    await transport.write(Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96, 0x69, 0x00, 0x03, 0x20, 0x01, 0x22));
    expect([...port.recording]).toEqual([0xaa, 0xaa, 0xaa, 0x96, 0x69, 0x00, 0x03, 0x20, 0x01, 0x22]);

    const chunks: Uint8Array[] = [];
    transport.on('data', (c) => chunks.push(c));
    port.emitData(Buffer.from([0xaa, 0xaa, 0xaa, 0x96, 0x69, 0x00, 0x04, 0x00, 0x00, 0x80, 0x84]));
    await vi.waitFor(() => expect(Buffer.concat(chunks).length).toBe(11));
    expect(chunks[0]).toBeInstanceOf(Uint8Array);

    const closes: (Error | undefined)[] = [];
    transport.on('close', (e) => closes.push(e));
    await transport.close();
    expect(closes).toEqual([undefined]);
    expect(transport.isOpen).toBe(false);
  });

  it('rejects a failed open with a typed error', async () => {
    const transport = createSerialTransport({ path: '/dev/ttyNOPE', binding: MockBinding });
    await expect(transport.open()).rejects.toMatchObject({ name: 'TransportError', code: 'openFailed' });
    expect(transport.isOpen).toBe(false);
    await expect(transport.write(Uint8Array.of(1))).rejects.toMatchObject({ code: 'notOpen' });
  });

  it('closes a port that failed to get ready before rethrowing', async () => {
    MockBinding.createPort('/dev/ttyMOCK1');
    const closed: string[] = [];
    const binding: SerialBinding = {
      async open(options) {
        const port = await MockBinding.open(options);
        return {
          get isOpen() {
            return port.isOpen;
          },
          read: (b, o, l) => port.read(b, o, l),
          write: (b) => port.write(b),
          flush: () => Promise.reject(new Error('EIO on flush')),
          close: async () => {
            closed.push(options.path);
            await port.close();
          },
        } satisfies SerialBindingPort;
      },
    };
    const transport = createSerialTransport({ path: '/dev/ttyMOCK1', binding });
    await expect(transport.open()).rejects.toMatchObject({ code: 'openFailed' });
    expect(closed).toEqual(['/dev/ttyMOCK1']);
    // The lock is released: the port opens again.
    await expect(MockBinding.open({ path: '/dev/ttyMOCK1', baudRate: 115200 })).resolves.toBeDefined();
  });

  it('turns a port vanishing under a read into a close event with an error, never an exception', async () => {
    let failRead: (error: Error) => void = () => undefined;
    const binding: SerialBinding = {
      async open() {
        return {
          isOpen: true,
          read: () => new Promise((_, reject) => (failRead = reject)),
          write: async () => undefined,
          flush: async () => undefined,
          close: async () => undefined,
        };
      },
    };
    const transport = createSerialTransport({ path: '/dev/ttyGONE', binding });
    await transport.open();
    const closes: (Error | undefined)[] = [];
    transport.on('close', (e) => closes.push(e));
    failRead(Object.assign(new Error('ENXIO: no such device'), { code: 'ENXIO' }));
    await vi.waitFor(() => expect(closes).toHaveLength(1));
    expect(closes[0]).toBeInstanceOf(TransportError);
    expect((closes[0] as TransportError).code).toBe('disconnected');
    expect(transport.isOpen).toBe(false);
  });
});
