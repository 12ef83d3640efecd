/**
 * The social security card reader behind the device manager. A reader announces its own return
 * (`open` after a replug, or when pcscd is back), so there is nothing to reopen; a PC/SC reader
 * on a machine without the PC/SC binding is reported `failed` with reason `pcscBindingMissing`.
 */
import type { DeviceHealth } from '../../contracts';
import { SsCardReaderDriver, type SsCardReaderDriverOptions } from '../../devices/ss-card/driver';
import type { SsCardResult } from '../../devices/ss-card/errors';
import { loadPcscBinding, PCSC_BINDING_PACKAGE, type PcscBindingLoad } from '../../devices/ss-card/pcsc/binding';
import { PcscApduTransport } from '../../devices/ss-card/pcsc/transport';
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
  | { status: 'cancelled' }
  | { status: 'failed'; reason: string };

/** The managed reader: a device with a PIN check, on the kiosk's screen or on the reader's own PIN pad. */
export interface ManagedSsCardReader extends ManagedDevice {
  verifyPin(pin: string): Promise<SsCardPinOutcome>;
  /** True when the reader holding the card has a PIN pad (PC/SC part 10). */
  hasPinPad(): boolean;
  /** The holder types the PIN on the reader's keypad; `cancelled` when they pressed cancel or typed nothing. */
  verifyPinOnPad(): Promise<SsCardPinOutcome>;
}

/** Where the reader is: a transport, a PC/SC reader by name pattern, or a kind of reader this build cannot drive. */
export type SsCardReaderSource =
  | { kind: 'transport'; transport: ApduTransport }
  | { kind: 'pcsc'; reader?: string; retryMs?: number; loadBinding?: () => PcscBindingLoad }
  | { kind: 'unsupported'; reason: string };

export interface SsCardReaderOptions {
  source: SsCardReaderSource;
  driverOptions?: SsCardReaderDriverOptions;
  cards: Listeners<[SsCardRead]>;
  removed: Listeners<[]>;
  health: Listeners<[DeviceHealth]>;
}

/** Creates the managed social security card reader. */
export function createSsCardReader(options: SsCardReaderOptions): ManagedSsCardReader {
  let source = options.source;
  let pcsc: PcscApduTransport | null = null;
  if (source.kind === 'pcsc') {
    const loaded = (source.loadBinding ?? loadPcscBinding)();
    if (loaded.ok) {
      pcsc = new PcscApduTransport(loaded.binding, { reader: source.reader, retryMs: source.retryMs });
      source = { kind: 'transport', transport: pcsc };
    } else {
      log.warn('devices', `PC/SC binding not installed (npm package ${PCSC_BINDING_PACKAGE}): ${loaded.detail}`);
      source = { kind: 'unsupported', reason: loaded.reason };
    }
  }
  if (source.kind === 'unsupported') {
    const reason = source.reason;
    const failed: DeviceHealth = { device: 'ssCardReader', state: 'failed', reason };
    return {
      device: 'ssCardReader',
      health: () => failed,
      verifyPin: async () => ({ status: 'failed', reason }),
      hasPinPad: () => false,
      verifyPinOnPad: async () => ({ status: 'failed', reason }),
      async start() {
        log.warn('devices', `ssCardReader cannot be used here (${reason})`);
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
      return pinOutcome(await driver.verifyPin(pin));
    },
    hasPinPad: () => driver.card !== null && driver.hasPinPad,
    async verifyPinOnPad() {
      if (!driver.card) return { status: 'noCard' };
      return pinOutcome(await driver.verifyPinOnPad());
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
      pcsc?.start(); // after the listeners: a card already in the slot is announced to them
    },
    async stop() {
      for (const off of offs.splice(0)) off();
      driver.dispose();
      await pcsc?.close();
    },
  };
}

function pinOutcome(result: SsCardResult<void>): SsCardPinOutcome {
  if (result.ok) return { status: 'ok' };
  const { code, triesLeft } = result.error;
  if (code === 'pinBlocked' || result.error.locked) return { status: 'locked' };
  if (code === 'wrongPin') return triesLeft ? { status: 'wrong', triesLeft } : { status: 'locked' };
  if (code === 'noCard' || code === 'cardRemoved') return { status: 'noCard' };
  if (code === 'pinEntryCancelled' || code === 'pinEntryTimeout') return { status: 'cancelled' };
  log.warn('devices', `a PIN check could not be made: ${code}`);
  return { status: 'failed', reason: code };
}
