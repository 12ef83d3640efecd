// A Transport over a real serial port. It talks to a serialport *binding*
// (bindings-cpp by default, @serialport/binding-mock in tests) rather than to the
// SerialPortStream, so the whole port lifecycle is one small readable loop and
// a binding can be injected without reaching into serialport's internals.
import { SerialPort } from 'serialport';
import { Emitter } from '../emitter';
import type { Transport, TransportEvents } from '../transport';
import { TransportError } from '../transport-error';

/** The part of a serialport binding's open port that we use (see @serialport/bindings-interface). */
export interface SerialBindingPort {
  readonly isOpen: boolean;
  read(buffer: Buffer, offset: number, length: number): Promise<{ buffer: Buffer; bytesRead: number }>;
  write(buffer: Buffer): Promise<void>;
  flush(): Promise<void>;
  close(): Promise<void>;
}

/** The part of a serialport binding that we use: bindings-cpp and binding-mock both fit. */
export interface SerialBinding {
  open(options: {
    path: string;
    baudRate: number;
    dataBits: 8;
    stopBits: 1;
    parity: 'none';
    lock: boolean;
  }): Promise<SerialBindingPort>;
}

/** Where and how to open a serial port. */
export interface SerialTransportOptions {
  /** e.g. `/dev/ttyUSB0`, `COM3`. */
  path: string;
  /** Default 115200, the GA 467 reader's factory rate. */
  baudRate?: number;
  /** Default: the platform binding that the `serialport` package detected. */
  binding?: SerialBinding;
  /** Take an exclusive lock on the port (default true). */
  lock?: boolean;
}

const READ_SIZE = 4096;

function isCanceled(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { canceled?: unknown }).canceled === true;
}

class SerialTransport implements Transport {
  private port: SerialBindingPort | null = null;
  private opening: Promise<void> | null = null;
  private writes: Promise<unknown> = Promise.resolve();
  private readonly events = new Emitter<TransportEvents>();
  private readonly binding: SerialBinding;

  constructor(private readonly options: SerialTransportOptions) {
    this.binding = options.binding ?? (SerialPort.binding as unknown as SerialBinding);
  }

  get isOpen(): boolean {
    return this.port !== null;
  }

  on<K extends keyof TransportEvents>(event: K, listener: (...args: TransportEvents[K]) => void) {
    return this.events.on(event, listener);
  }

  open(): Promise<void> {
    if (this.port) return Promise.resolve();
    this.opening ??= this.openPort().finally(() => {
      this.opening = null;
    });
    return this.opening;
  }

  private async openPort(): Promise<void> {
    const { path, baudRate = 115200, lock = true } = this.options;
    let port: SerialBindingPort;
    try {
      port = await this.binding.open({ path, baudRate, dataBits: 8, stopBits: 1, parity: 'none', lock });
    } catch (cause) {
      throw new TransportError('openFailed', `cannot open serial port ${path}`, { cause });
    }
    try {
      // Stale bytes from before we opened belong to nobody's request.
      await port.flush();
    } catch (cause) {
      // Close before rethrowing so the OS lock is released; a failure to close a
      // half-open port adds nothing to the open failure we report.
      await port.close().catch(() => undefined);
      throw new TransportError('openFailed', `cannot prepare serial port ${path}`, { cause });
    }
    this.port = port;
    this.writes = Promise.resolve();
    void this.readLoop(port);
  }

  async write(bytes: Uint8Array): Promise<void> {
    const port = this.port;
    if (!port) throw new TransportError('notOpen', `serial port ${this.options.path} is not open`);
    // A binding accepts one write at a time.
    const job = this.writes.then(async () => {
      try {
        await port.write(Buffer.from(bytes));
      } catch (cause) {
        if (!isCanceled(cause)) void this.disconnect(port, cause);
        throw new TransportError('writeFailed', `write to serial port ${this.options.path} failed`, { cause });
      }
    });
    this.writes = job.catch(() => undefined);
    return job;
  }

  async close(): Promise<void> {
    const port = this.port;
    if (!port) return;
    this.port = null;
    try {
      await port.close();
    } catch (cause) {
      throw new TransportError('closeFailed', `closing serial port ${this.options.path} failed`, { cause });
    } finally {
      this.events.emit('close');
    }
  }

  private async readLoop(port: SerialBindingPort): Promise<void> {
    while (this.port === port) {
      let bytesRead: number;
      let buffer: Buffer;
      try {
        ({ bytesRead, buffer } = await port.read(Buffer.alloc(READ_SIZE), 0, READ_SIZE));
      } catch (cause) {
        // Canceled means we closed the port ourselves; anything else means the OS took it away.
        if (!isCanceled(cause)) await this.disconnect(port, cause);
        return;
      }
      if (bytesRead > 0 && this.port === port) this.events.emit('data', new Uint8Array(buffer.subarray(0, bytesRead)));
    }
  }

  private async disconnect(port: SerialBindingPort, cause: unknown): Promise<void> {
    if (this.port !== port) return;
    this.port = null;
    // The port is already broken; its close error would only repeat the cause.
    await port.close().catch(() => undefined);
    this.events.emit(
      'close',
      new TransportError('disconnected', `serial port ${this.options.path} disconnected`, { cause }),
    );
  }
}

/** Creates a closed Transport over a serial port (8N1, no flow control); call `open()`. */
export function createSerialTransport(options: SerialTransportOptions): Transport {
  return new SerialTransport(options);
}
