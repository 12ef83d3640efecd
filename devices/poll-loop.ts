// A background loop that runs one step, pauses, and runs again until stopped: the polling
// of every driver. Stopping waits for the step in flight and leaves no timer behind.

/** Runs `step` every `intervalMs` (after the previous step ends) between `start()` and `stop()`. */
export class PollLoop {
  private loop: { done: Promise<void>; abort: AbortController } | null = null;

  constructor(
    private readonly step: (signal: AbortSignal) => Promise<void>,
    private readonly intervalMs: number,
  ) {}

  /** True between `start()` and `stop()`. */
  get running(): boolean {
    return this.loop !== null && !this.loop.abort.signal.aborted;
  }

  /** Starts the loop; does nothing if it runs already. */
  start(): void {
    if (this.running) return;
    const abort = new AbortController();
    // Steps return results rather than reject; if one ever did, that is a bug to surface
    // loudly, not a rejection to leave unhandled.
    const done = this.run(abort.signal).catch((error: unknown) =>
      queueMicrotask(() => {
        throw error;
      }),
    );
    this.loop = { abort, done };
  }

  /** Stops the loop; resolves when the step in flight has ended and no timer is left. */
  async stop(): Promise<void> {
    const loop = this.loop;
    if (!loop) return;
    loop.abort.abort();
    await loop.done;
    if (this.loop === loop) this.loop = null;
  }

  private async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      await this.step(signal);
      await sleep(this.intervalMs, signal);
    }
  }
}

/** Resolves after `ms`, or at once when `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
