/**
 * The terminal's heartbeat to the hall server: version, uptime, in-service state and every
 * device's health, on a fixed interval and soon after any device changes. The answer carries
 * the server's view (staff may have put the terminal out of service) and where people can go
 * instead while it is closed (other terminals of the hall in service, the staffed-window hours).
 */
import { type DeviceHealth, storableText } from '../contracts';
import type { HallClient } from './hall-client/hall-client';
import { log } from './log';
import type { TerminalStatusStore } from './terminal-status';

export interface HeartbeatOptions {
  hall: Pick<HallClient, 'heartbeat'>;
  status: TerminalStatusStore;
  appVersion: string;
  intervalMs: number;
  /** Delay before a device change is reported, so a burst of changes is one heartbeat. */
  nudgeDelayMs?: number;
  /** Called after each heartbeat the hall server accepted (an updated version proves itself so). */
  onAccepted?: () => void;
}

/** Sends heartbeats between `start()` and `stop()`. */
export class Heartbeat {
  private timer: NodeJS.Timeout | null = null;
  private nudgeTimer: NodeJS.Timeout | null = null;
  private lastError: string | null = null;
  private readonly startedAt = Date.now();
  private sending: Promise<void> | null = null;

  constructor(private readonly options: HeartbeatOptions) {}

  /** Sends one now, then every interval. */
  start(): void {
    void this.send();
    this.timer = setInterval(() => void this.send(), this.options.intervalMs);
    this.timer.unref();
  }

  /** A device's health changed: remember a fault, and report soon. */
  deviceChanged(health: DeviceHealth): void {
    if (health.state !== 'ok') this.lastError = `${health.device}:${health.reason ?? health.state}`;
    if (this.nudgeTimer || !this.timer) return;
    this.nudgeTimer = setTimeout(() => {
      this.nudgeTimer = null;
      void this.send();
    }, this.options.nudgeDelayMs ?? 500);
    this.nudgeTimer.unref();
  }

  /** A fault that is not a device's (the page recovering, say): the fleet view's 最近错误, reported soon. */
  recordError(code: string): void {
    this.lastError = code;
    this.nudge();
  }

  private nudge(): void {
    if (this.nudgeTimer || !this.timer) return;
    this.nudgeTimer = setTimeout(() => {
      this.nudgeTimer = null;
      void this.send();
    }, this.options.nudgeDelayMs ?? 500);
    this.nudgeTimer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.nudgeTimer) clearTimeout(this.nudgeTimer);
    this.timer = this.nudgeTimer = null;
  }

  /** Sends one heartbeat (one at a time; a send while one is in flight waits for it). */
  async send(): Promise<void> {
    while (this.sending) await this.sending;
    this.sending = this.sendOnce().finally(() => (this.sending = null));
    return this.sending;
  }

  private async sendOnce(): Promise<void> {
    const { status } = this.options;
    const current = status.get();
    try {
      // A driver's reason can carry any byte a device sent; the server refuses what it cannot
      // store, and one such reason must not keep the terminal from ever heartbeating again.
      const answer = await this.options.hall.heartbeat({
        appVersion: storableText(this.options.appVersion, 40) || 'unknown',
        uptimeS: Math.floor((Date.now() - this.startedAt) / 1000),
        inService: current.inService,
        devices: current.devices.map((d) =>
          d.reason === undefined ? d : { ...d, reason: storableText(d.reason, 200) },
        ),
        lastError: this.lastError === null ? null : storableText(this.lastError, 200),
      });
      // The closed sign names the terminals serving now, so it follows every answer.
      status.update({ inService: answer.inService, serverReachable: true, alternatives: answer.alternatives });
      this.options.onAccepted?.();
    } catch (error) {
      log.warn('heartbeat', 'the hall server did not take the heartbeat', error);
      status.update({ serverReachable: false });
    }
  }
}
