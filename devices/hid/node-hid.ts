// HidDevice over node-hid's HIDAsync. The only file that touches node-hid, and
// only through a dynamic import, so the pure parts load on machines without the
// native module (and the renderer's bundle never sees it).
import { Emitter } from '../emitter';
import type { HidDevice, HidDeviceEvents } from './device';

/** Which device to open. */
export interface NodeHidDeviceOptions {
  vendorId: number;
  productId: number;
  /** The OS path (from `devicesAsync()`), to pick one of several identical devices. */
  path?: string;
  /** Share the device with other processes (macOS only; default false). */
  nonExclusive?: boolean;
}

/** The slice of node-hid's HIDAsync that we use. */
export interface NodeHidAsync {
  write(values: Buffer): Promise<number>;
  close(): Promise<void>;
  getDeviceInfo(): Promise<unknown>;
  on(event: 'data', listener: (data: Buffer) => void): unknown;
  on(event: 'error', listener: (error: unknown) => void): unknown;
}

/** The slice of the node-hid module that we use; injectable for tests. */
export interface NodeHidModule {
  HIDAsync: {
    open(path: string, options?: { nonExclusive?: boolean }): Promise<NodeHidAsync>;
    open(vendorId: number, productId: number, options?: { nonExclusive?: boolean }): Promise<NodeHidAsync>;
  };
}

const loadNodeHid = async (): Promise<NodeHidModule> => (await import('node-hid')) as unknown as NodeHidModule;

class NodeHidDevice implements HidDevice {
  private readonly events = new Emitter<HidDeviceEvents>();
  private closed = false;

  constructor(private readonly raw: NodeHidAsync) {
    raw.on('data', (data) => this.events.emit('data', new Uint8Array(data)));
    // node-hid emits `error` when the read thread fails: the device was pulled.
    raw.on('error', (error) => {
      if (!this.closed) this.events.emit('error', error instanceof Error ? error : new Error(String(error)));
    });
  }

  async write(report: Uint8Array): Promise<void> {
    await this.raw.write(Buffer.from(report));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.raw.close();
  }

  on<K extends keyof HidDeviceEvents>(event: K, listener: (...args: HidDeviceEvents[K]) => void) {
    return this.events.on(event, listener);
  }
}

/** Opens a HID device with node-hid; a device that opens but cannot answer is closed before the error is rethrown. */
export async function openNodeHidDevice(
  options: NodeHidDeviceOptions,
  load: () => Promise<NodeHidModule> = loadNodeHid,
): Promise<HidDevice> {
  const { HIDAsync } = await load();
  const flags = { nonExclusive: options.nonExclusive ?? false };
  const raw = options.path
    ? await HIDAsync.open(options.path, flags)
    : await HIDAsync.open(options.vendorId, options.productId, flags);
  try {
    // Proves the handle works before anyone relies on it (as stream-deck's node package does).
    await raw.getDeviceInfo();
    return new NodeHidDevice(raw);
  } catch (error) {
    // Release the OS handle; a close failure adds nothing to the error we rethrow.
    await raw.close().catch(() => undefined);
    throw error;
  }
}
