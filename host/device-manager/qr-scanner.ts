/**
 * The QR scanner behind the device manager. A HID device that went away is a dead handle, so
 * after an unplug the scanner is opened afresh (with a fresh driver) until it answers again.
 */
import type { DeviceHealth } from '../../contracts';
import type { HidDevice, HidDeviceOpener } from '../../devices/hid/device';
import { QrScannerDriver } from '../../devices/qr-scanner/driver';
import type { QrScannerMode } from '../../devices/qr-scanner/scan';
import { log } from '../log';
import { every, toHealth, type Listeners, type ManagedDevice } from './managed-device';

export interface QrScannerOptions {
  open: HidDeviceOpener;
  mode: QrScannerMode;
  reconnectIntervalMs: number;
  scans: Listeners<[string]>;
  health: Listeners<[DeviceHealth]>;
}

/** Creates the managed QR scanner. */
export function createQrScanner(options: QrScannerOptions): ManagedDevice {
  let current: { device: HidDevice; driver: QrScannerDriver } | null = null;
  let lost: DeviceHealth = { device: 'qrScanner', state: 'failed', reason: 'disconnected' };
  let stopTimer: (() => void) | null = null;
  const health = (): DeviceHealth => (current ? toHealth('qrScanner', current.driver.health) : lost);

  function drop(): void {
    if (!current) return;
    const { device, driver } = current;
    current = null;
    driver.dispose();
    void device.close().catch(() => undefined);
  }

  async function tryOpen(): Promise<void> {
    if (current) return;
    let device: HidDevice;
    try {
      device = await options.open();
    } catch {
      return; // still not there; the next tick tries again
    }
    const driver = new QrScannerDriver(device, { mode: options.mode });
    current = { device, driver };
    driver.on('scanned', (text) => options.scans.emit(text));
    driver.on('scanFailed', (error) => log.warn('devices', `a scan could not be taken: ${error.code}`));
    driver.on('health', (h) => {
      log.info('devices', `qrScanner ${h.state}${h.reason ? ` (${h.reason})` : ''}`);
      if (h.state === 'failed') {
        lost = toHealth('qrScanner', h);
        drop();
      }
      options.health.emit(health());
    });
    log.info('devices', 'qrScanner is open');
    options.health.emit(health());
  }

  return {
    device: 'qrScanner',
    health,
    async reset() {
      drop();
      await tryOpen();
      log.info('devices', `qrScanner reset: ${current ? 'ok' : 'notOpen'}`);
      options.health.emit(health());
    },
    async start() {
      await tryOpen();
      if (!current) {
        log.warn('devices', 'qrScanner could not be opened; will keep trying');
        options.health.emit(health());
      }
      stopTimer = every(options.reconnectIntervalMs, tryOpen);
    },
    async stop() {
      stopTimer?.();
      drop();
    },
  };
}
