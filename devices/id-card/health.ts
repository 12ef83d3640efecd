// Reader health from the outcome of each exchange: `failed` when the connection is
// gone or the reader stopped answering, `degraded` after an isolated fault,
// `ok` again after the next clean answer.
import type { IdCardError } from './errors';
import { isReaderFault, samStatusName } from './status';

/** How well the reader is doing, for the fleet view and the device manager. */
export interface IdCardReaderHealth {
  state: 'ok' | 'degraded' | 'failed';
  /** An error code or status name saying why, when not ok. */
  reason?: string;
}

/** Folds exchange outcomes into a health state. */
export class HealthTracker {
  private current: IdCardReaderHealth;
  private timeouts = 0;

  constructor(
    private readonly failAfterTimeouts: number,
    private readonly onChange: (health: IdCardReaderHealth) => void,
    initial: IdCardReaderHealth,
  ) {
    this.current = initial;
  }

  get health(): IdCardReaderHealth {
    return { ...this.current };
  }

  /** A response arrived with this SW3; `problem` if it did not fit the command. */
  answered(sw3: number, problem?: IdCardError): void {
    this.timeouts = 0;
    const name = samStatusName(sw3);
    if (problem) this.set({ state: 'degraded', reason: problem.code });
    else this.set(isReaderFault(name) ? { state: 'degraded', reason: name } : { state: 'ok' });
  }

  /** An exchange failed without a response. */
  failed(error: IdCardError): void {
    switch (error.code) {
      case 'stopped':
        return; // we cancelled it; says nothing about the reader
      case 'timeout':
        this.timeouts += 1;
        this.set({ state: this.timeouts >= this.failAfterTimeouts ? 'failed' : 'degraded', reason: 'timeout' });
        return;
      case 'notOpen':
      case 'transportClosed':
      case 'writeFailed':
        // Keep the first, more telling reason (e.g. `disconnected` from the close event).
        if (this.current.state !== 'failed') this.set({ state: 'failed', reason: error.code });
        return;
      default:
        this.set({ state: 'degraded', reason: error.code });
    }
  }

  /** Sets the state directly (e.g. on a transport event). */
  set(next: IdCardReaderHealth): void {
    if (next.state === this.current.state && next.reason === this.current.reason) return;
    this.current = next.reason === undefined ? { state: next.state } : { ...next };
    this.onChange(this.health);
  }
}
