/**
 * The device manager: builds each configured device's driver over its transport, turns
 * driver events into what the host needs, publishes health, and reopens a device that was
 * unplugged until it answers again.
 */
import type { DeviceHealth } from '../../contracts';
import { IdCardReaderDriver, type IdCardReaderDriverOptions } from '../../devices/id-card/driver';
import type { Transport } from '../../devices/transport';
import { log } from '../log';

/** The fields of a read ID card that the host acts on. */
export interface IdCardRead {
  name: string;
  idNumber: string;
}

/** What the host needs from its devices. */
export interface DeviceManager {
  start(): Promise<void>;
  stop(): Promise<void>;
  onIdCard(listener: (card: IdCardRead) => void): () => void;
  onIdCardRemoved(listener: () => void): () => void;
  onHealth(listener: (health: DeviceHealth) => void): () => void;
  health(): DeviceHealth[];
}

export interface DeviceManagerOptions {
  /** The ID card reader's transport (serial in production, the simulator's cable in the embedded default). */
  idCardTransport: Transport;
  driverOptions?: IdCardReaderDriverOptions;
  /** How often a lost device is tried again (default 1000 ms, so a replug recovers well within 5 s). */
  reconnectIntervalMs?: number;
}

/** Creates the device manager for the configured devices. */
export function createDeviceManager(options: DeviceManagerOptions): DeviceManager {
  const transport = options.idCardTransport;
  const driver = new IdCardReaderDriver(transport, options.driverOptions);
  const cardListeners = new Set<(card: IdCardRead) => void>();
  const removedListeners = new Set<() => void>();
  const healthListeners = new Set<(health: DeviceHealth) => void>();
  const offs: Array<() => void> = [];
  let reconnectTimer: NodeJS.Timeout | null = null;
  let reconnecting = false;

  const idCardHealth = (): DeviceHealth => {
    const h = driver.health;
    return h.state === 'ok' ? { device: 'idCardReader', state: 'ok' } : { device: 'idCardReader', state: h.state, reason: h.reason };
  };
  const publish = () => {
    for (const l of healthListeners) l(idCardHealth());
  };

  async function tryReconnect(): Promise<void> {
    if (reconnecting || transport.isOpen) return;
    reconnecting = true;
    try {
      const result = await driver.reconnect();
      if (result.ok) log.info('devices', 'idCardReader is back');
    } finally {
      reconnecting = false;
    }
  }

  const subscribe = <T>(set: Set<T>, listener: T) => {
    set.add(listener);
    return () => void set.delete(listener);
  };

  return {
    onIdCard: (l) => subscribe(cardListeners, l),
    onIdCardRemoved: (l) => subscribe(removedListeners, l),
    onHealth: (l) => subscribe(healthListeners, l),
    health: () => [idCardHealth()],
    async start() {
      offs.push(
        driver.on('cardInserted', (content) => {
          for (const l of cardListeners) l({ name: content.text.name, idNumber: content.text.idNumber });
        }),
        driver.on('cardRejected', (error) => log.warn('devices', `a card was rejected: ${error.code}`)),
        driver.on('readFailed', (error) => log.warn('devices', `a card read failed: ${error.code}`)),
        driver.on('cardRemoved', () => {
          for (const l of removedListeners) l();
        }),
        driver.on('health', (h) => {
          log.info('devices', `idCardReader ${h.state}${h.reason ? ` (${h.reason})` : ''}`);
          publish();
        }),
      );
      try {
        await transport.open();
        await driver.samStatus();
      } catch (error) {
        log.warn('devices', 'idCardReader could not be opened; will keep trying', error);
      }
      publish();
      driver.start();
      reconnectTimer = setInterval(() => void tryReconnect(), options.reconnectIntervalMs ?? 1000);
      reconnectTimer.unref();
    },
    async stop() {
      if (reconnectTimer) clearInterval(reconnectTimer);
      for (const off of offs.splice(0)) off();
      await driver.dispose();
      await transport.close().catch(() => undefined);
    },
  };
}
