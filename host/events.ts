/** The host's event bus toward the renderer: payloads are checked against the contract before they leave. */
import { kioskEvents, type KioskEvent, type KioskEventPayload } from '../contracts';
import { log } from './log';

export type EventListener = (event: KioskEvent, payload: unknown) => void;

/** Fan-out of validated KioskApi events. */
export class HostEvents {
  private readonly listeners = new Set<EventListener>();

  /** Subscribes; returns the unsubscribe function. */
  on(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Sends an event to every listener, if its payload matches the contract. */
  emit<E extends KioskEvent>(event: E, payload: KioskEventPayload<E>): void {
    const parsed = kioskEvents[event].safeParse(payload);
    if (!parsed.success) {
      log.error('events', `dropped ${event}: payload does not match the contract`);
      return;
    }
    for (const listener of this.listeners) {
      try {
        listener(event, parsed.data);
      } catch (error) {
        log.error('events', `a listener of ${event} failed`, error);
      }
    }
  }
}
