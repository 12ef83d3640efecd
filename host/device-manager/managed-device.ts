/** What every device the manager runs has in common: a name, a health, a start and a stop. */
import { KioskError, type DeviceHealth } from '../../contracts';

export type DeviceName = DeviceHealth['device'];

/** One device behind the manager. */
export interface ManagedDevice {
  readonly device: DeviceName;
  health(): DeviceHealth;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Closes and reopens the device (staff's "reset device"); absent when the device cannot be reset here. */
  reset?(): Promise<void>;
}

/** A driver's `{ state, reason }` as the contract's DeviceHealth. */
export function toHealth(device: DeviceName, h: { state: DeviceHealth['state']; reason?: string }): DeviceHealth {
  return h.state === 'ok' || h.reason === undefined
    ? { device, state: h.state }
    : { device, state: h.state, reason: h.reason };
}

/** A device refused or failed a job; `reason` is the device's own code (e.g. `paperOut`). */
export class DeviceJobError extends KioskError {
  override readonly name = 'DeviceJobError';

  constructor(
    readonly device: DeviceName,
    readonly reason: string,
    message: string,
    /** Whether anything may have reached the paper (`notSent`, `partial`, `unknown`). */
    readonly delivery: 'notSent' | 'partial' | 'unknown' = 'notSent',
  ) {
    super('deviceFailed', message);
  }
}

/** A set of listeners with a subscribe that returns the unsubscribe function. */
export class Listeners<A extends unknown[]> {
  private readonly set = new Set<(...args: A) => void>();

  add(listener: (...args: A) => void): () => void {
    this.set.add(listener);
    return () => void this.set.delete(listener);
  }

  emit(...args: A): void {
    for (const l of this.set) l(...args);
  }
}

/** Runs `tick` every `ms` (unref'd, so it never holds the process); returns the stop function. */
export function every(ms: number, tick: () => Promise<void>): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    void tick().finally(() => (running = false));
  }, ms);
  timer.unref();
  return () => clearInterval(timer);
}
