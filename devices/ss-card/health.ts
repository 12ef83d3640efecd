// Reader health from the outcome of each exchange: `failed` when the reader is
// gone or stopped answering, `degraded` after an isolated fault, `ok` again after
// the next clean answer. Card trouble (no card, wrong card, wrong PIN) is not the
// reader's health.
import type { SsCardError } from './errors';
import type { ExchangeFailure } from './exchange';

/** How well the reader is doing, for the fleet view and the device manager. */
export interface SsCardReaderHealth {
  state: 'ok' | 'degraded' | 'failed';
  /** Why, when not ok. */
  reason?: string;
}

/** Folds exchange outcomes and transport events into a health state. */
export class SsCardHealthTracker {
  private current: SsCardReaderHealth;
  private timeouts = 0;

  constructor(
    private readonly failAfterTimeouts: number,
    private readonly onChange: (health: SsCardReaderHealth) => void,
    initial: SsCardReaderHealth,
  ) {
    this.current = initial;
  }

  get health(): SsCardReaderHealth {
    return { ...this.current };
  }

  /** One exchange ended. */
  observe(outcome: 'answered' | ExchangeFailure, error?: SsCardError): void {
    if (outcome === 'answered') {
      this.timeouts = 0;
      this.set({ state: 'ok' });
    } else if (outcome === 'timeout') {
      this.timeouts += 1;
      this.set({ state: this.timeouts >= this.failAfterTimeouts ? 'failed' : 'degraded', reason: 'timeout' });
    } else if (outcome === 'malformed') {
      this.set({ state: 'degraded', reason: 'malformedResponse' });
    } else if (error?.code === 'readerUnavailable' && this.current.state !== 'failed') {
      this.set({ state: 'failed', reason: 'readerUnavailable' });
    }
    // noCard / cardRemoved: the reader did its job.
  }

  /** Sets the state directly (on a transport event). */
  set(next: SsCardReaderHealth): void {
    if (next.state === this.current.state && next.reason === this.current.reason) return;
    this.current = next.reason === undefined ? { state: next.state } : { ...next };
    this.onChange(this.health);
  }
}
