/** The ID card reader behind the device manager: cards in and out, health, reopen after a replug. */
import { IdCardReaderDriver, type IdCardReaderDriverOptions } from '../../devices/id-card/driver';
import type { Transport } from '../../devices/transport';
import { log } from '../log';
import { every, toHealth, type Listeners, type ManagedDevice } from './managed-device';
import type { DeviceHealth } from '../../contracts';

/** The fields of a read ID card that the host acts on. */
export interface IdCardRead {
  name: string;
  idNumber: string;
}

export interface IdCardReaderOptions {
  transport: Transport;
  driverOptions?: IdCardReaderDriverOptions;
  reconnectIntervalMs: number;
  cards: Listeners<[IdCardRead]>;
  removed: Listeners<[]>;
  health: Listeners<[DeviceHealth]>;
}

/** Creates the managed ID card reader. */
export function createIdCardReader(options: IdCardReaderOptions): ManagedDevice {
  const { transport } = options;
  const driver = new IdCardReaderDriver(transport, options.driverOptions);
  const offs: Array<() => void> = [];
  const health = () => toHealth('idCardReader', driver.health);

  async function tryReconnect(): Promise<void> {
    if (transport.isOpen) return;
    const result = await driver.reconnect();
    if (result.ok) log.info('devices', 'idCardReader is back');
  }

  return {
    device: 'idCardReader',
    health,
    async reset() {
      await transport.close().catch(() => undefined);
      const result = await driver.reconnect();
      log.info('devices', `idCardReader reset: ${result.ok ? 'ok' : result.error.code}`);
      options.health.emit(health());
    },
    async start() {
      offs.push(
        driver.on('cardInserted', (content) =>
          options.cards.emit({ name: content.text.name, idNumber: content.text.idNumber }),
        ),
        driver.on('cardRejected', (error) => log.warn('devices', `a card was rejected: ${error.code}`)),
        driver.on('readFailed', (error) => log.warn('devices', `a card read failed: ${error.code}`)),
        driver.on('cardRemoved', () => options.removed.emit()),
        driver.on('health', (h) => {
          log.info('devices', `idCardReader ${h.state}${h.reason ? ` (${h.reason})` : ''}`);
          options.health.emit(health());
        }),
      );
      try {
        await transport.open();
        await driver.samStatus();
      } catch (error) {
        log.warn('devices', 'idCardReader could not be opened; will keep trying', error);
      }
      options.health.emit(health());
      driver.start();
      offs.push(every(options.reconnectIntervalMs, tryReconnect));
    },
    async stop() {
      for (const off of offs.splice(0)) off();
      await driver.dispose();
      await transport.close().catch(() => undefined);
    },
  };
}
