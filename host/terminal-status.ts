/** What the terminal knows of itself: hall, service state, server reachability, device health. */
import type { DeviceHealth, TerminalStatus } from '../contracts';
import type { HostEvents } from './events';

/** Holds the terminal status and announces every change. */
export class TerminalStatusStore {
  private status: TerminalStatus;
  /** What the hall server last said (heartbeat, profile, staff command). */
  private serverInService = true;
  /** Staff closed the terminal on its own maintenance screen: closed whatever the server says. */
  private closedHere = false;

  constructor(
    terminalId: string,
    private readonly events: HostEvents,
  ) {
    this.status = { terminalId, hallName: '', inService: true, serverReachable: false, devices: [] };
  }

  /** The current status. */
  get(): TerminalStatus {
    return this.status;
  }

  /** Merges a change and emits `statusChanged` when anything differs. */
  update(change: Partial<Omit<TerminalStatus, 'terminalId'>>): void {
    if (change.inService !== undefined) this.serverInService = change.inService;
    const next = { ...this.status, ...change, inService: this.serverInService && !this.closedHere };
    if (JSON.stringify(next) === JSON.stringify(this.status)) return;
    this.status = next;
    this.events.emit('statusChanged', next);
  }

  /** Closes the terminal here (maintenance screen), or lifts that; the server's closure still counts. */
  closeHere(closed: boolean): void {
    this.closedHere = closed;
    this.update({});
  }

  /** Replaces one device's health. */
  setDevice(health: DeviceHealth): void {
    const devices = this.status.devices.filter((d) => d.device !== health.device).concat(health);
    devices.sort((a, b) => a.device.localeCompare(b.device));
    this.update({ devices });
  }
}
