/** Removes the listener it was returned for. */
export type Unsubscribe = () => void;

/** Event name -> tuple of listener arguments. */
export type EventMap = Record<string, unknown[]>;

type Listener<A extends unknown[]> = (...args: A) => void;

/**
 * A tiny typed event emitter. Unlike node's EventEmitter it never throws for an
 * `error` event nobody listens to: a device fault must not crash the kiosk host.
 */
export class Emitter<E extends EventMap> {
  private readonly listeners = new Map<keyof E, Set<Listener<never[]>>>();
  /** Listeners subscribed and not yet removed, over every emitter in the process. */
  private static live = 0;

  /** Live listeners of all emitters: a count that keeps growing across unplug/replug cycles is a leak. */
  static liveListenerCount(): number {
    return Emitter.live;
  }

  /** Subscribes; returns the unsubscribe function. */
  on<K extends keyof E>(event: K, listener: Listener<E[K]>): Unsubscribe {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    const entry = listener as unknown as Listener<never[]>;
    if (!set.has(entry)) Emitter.live += 1;
    set.add(entry);
    return () => {
      if (set.delete(entry)) Emitter.live -= 1;
    };
  }

  /**
   * Calls every listener of `event` in subscription order. A listener that throws
   * has a bug: the others still run, the emitter's own state stays intact (a read
   * loop keeps reading), and the exception is rethrown on a fresh microtask so it
   * is loud rather than lost.
   */
  emit<K extends keyof E>(event: K, ...args: E[K]): void {
    const set = this.listeners.get(event);
    if (!set) return;
    // Copy so that a listener unsubscribing itself does not skip its neighbour.
    for (const listener of [...set]) {
      try {
        (listener as unknown as Listener<E[K]>)(...args);
      } catch (error) {
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }

  /** Drops every listener of every event. */
  clear(): void {
    for (const set of this.listeners.values()) Emitter.live -= set.size;
    this.listeners.clear();
  }
}
