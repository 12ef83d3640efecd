/**
 * The social security card reader behind the device manager. A reader announces its own return
 * (`open` after a replug), so there is nothing to reopen; a configured reader this build cannot
 * drive (PC/SC) is reported `failed` with reason `notSupportedHere`.
 */
import type { DeviceHealth } from '../../contracts';
import { SsCardReaderDriver, type SsCardReaderDriverOptions } from '../../devices/ss-card/driver';
import type { ApduTransport } from '../../devices/ss-card/transport';
import { log } from '../log';
import { toHealth, type Listeners, type ManagedDevice } from './managed-device';

/** The fields of a read social security card that the host acts on (never the PIN). */
export interface SsCardRead {
  name: string;
  idNumber: string;
  cardNo: string;
}

/** What a PIN check on the card in the reader said (the PIN itself is never kept). */
export type SsCardPinOutcome =
  | { status: 'ok' }
  | { status: 'wrong'; triesLeft: number }
  | { status: 'locked' }
  | { status: 'noCard' }
  | { status: 'failed'; reason: string };

/** The managed reader: a device with a PIN check. */
export interface ManagedSsCardReader extends ManagedDevice {
  verifyPin(pin: string): Promise<SsCardPinOutcome>;
}

/** Where the reader is: a transport, or a kind of reader this build cannot drive. */
export type SsCardReaderSource =
  { kind: 'transport'; transport: ApduTransport } | { kind: 'unsupported'; reason: string };

export interface SsCardReaderOptions {
  source: SsCardReaderSource;
  driverOptions?: SsCardReaderDriverOptions;
  cards: Listeners<[SsCardRead]>;
  removed: Listeners<[]>;
  health: Listeners<[DeviceHealth]>;
}

/** Creates the managed social security card reader. */
export function createSsCardReader(options: SsCardReaderOptions): ManagedSsCardReader {
  const { source } = options;
  if (source.kind === 'unsupported') {
    const failed: DeviceHealth = { device: 'ssCardReader', state: 'failed', reason: source.reason };
    return {
      device: 'ssCardReader',
      health: () => failed,
      verifyPin: async () => ({ status: 'failed', reason: source.reason }),
      async start() {
        log.warn('devices', `ssCardReader cannot be used here (${source.reason})`);
        options.health.emit(failed);
      },
      async stop() {},
    };
  }
  const driver = new SsCardReaderDriver(source.transport, options.driverOptions);
  const offs: Array<() => void> = [];
  const health = () => toHealth('ssCardReader', driver.health);
  return {
    device: 'ssCardReader',
    health,
    async verifyPin(pin) {
      if (!driver.card) return { status: 'noCard' };
      const result = await driver.verifyPin(pin);
      if (result.ok) return { status: 'ok' };
      const { code, triesLeft } = result.error;
      if (code === 'pinBlocked' || result.error.locked) return { status: 'locked' };
      if (code === 'wrongPin') return triesLeft ? { status: 'wrong', triesLeft } : { status: 'locked' };
      if (code === 'noCard' || code === 'cardRemoved') return { status: 'noCard' };
      log.warn('devices', `a PIN check could not be made: ${code}`);
      return { status: 'failed', reason: code };
    },
    async start() {
      offs.push(
        driver.on('cardInserted', (card) =>
          options.cards.emit({ name: card.name, idNumber: card.idNumber, cardNo: card.cardNo }),
        ),
        driver.on('readFailed', (error) => log.warn('devices', `a social security card read failed: ${error.code}`)),
        driver.on('cardRemoved', () => options.removed.emit()),
        driver.on('health', (h) => {
          log.info('devices', `ssCardReader ${h.state}${h.reason ? ` (${h.reason})` : ''}`);
          options.health.emit(health());
        }),
      );
      options.health.emit(health());
    },
    async stop() {
      for (const off of offs.splice(0)) off();
      driver.dispose();
    },
  };
}
