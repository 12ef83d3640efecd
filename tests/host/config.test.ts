import { describe, expect, it } from 'vitest';
import { parseHostConfig } from '../../host/config';

const base = {
  terminalId: 'T-001',
  terminalSecret: 'abcdefghijklmnopqrstuvwx',
  hallServerUrl: 'http://127.0.0.1:8080/',
};

describe('terminal configuration', () => {
  it('fills defaults: simulators, 60 s session timeout', () => {
    const config = parseHostConfig(base);
    expect(config.sessionTimeoutMs).toBe(60_000);
    expect(config.devices.idCardReader).toEqual({ kind: 'simulator' });
  });

  it('takes a serial reader with its default baud rate', () => {
    const config = parseHostConfig({ ...base, devices: { idCardReader: { kind: 'serial', path: '/dev/ttyUSB0' } } });
    expect(config.devices.idCardReader).toEqual({ kind: 'serial', path: '/dev/ttyUSB0', baudRate: 115200 });
  });

  it('names every problem with its path and a plain message', () => {
    const input = {
      ...base,
      hallServerUrl: 'not a url',
      devices: { idCardReader: { kind: 'serial', path: 'ttyUSB0' } },
    };
    expect(() => parseHostConfig(input, 'kiosk.json')).toThrow(
      /kiosk\.json is not valid:\n {2}- hallServerUrl: .*\n {2}- devices\.idCardReader\.path: a serial port looks like \/dev\/ttyUSB0 or COM3/,
    );
  });

  it('defaults every device to its simulator', () => {
    expect(parseHostConfig(base).devices).toEqual({
      idCardReader: { kind: 'simulator' },
      ssCardReader: { kind: 'simulator' },
      qrScanner: { kind: 'simulator' },
      receiptPrinter: { kind: 'simulator' },
      a4Printer: { kind: 'simulator' },
    });
  });

  it('takes real devices: pcsc reader, HID scanner, serial receipt printer, CUPS queue', () => {
    const config = parseHostConfig({
      ...base,
      devices: {
        ssCardReader: { kind: 'pcsc' },
        qrScanner: { kind: 'hid', vendorId: 0x0c2e, productId: 0x0b61, mode: 'keyboard' },
        receiptPrinter: { kind: 'serial', path: 'COM3', baudRate: 9600 },
        a4Printer: { kind: 'cups', printer: 'KioskPDF' },
      },
    });
    expect(config.devices.idCardReader).toEqual({ kind: 'simulator' });
    expect(config.devices.ssCardReader).toEqual({ kind: 'pcsc' });
    expect(
      parseHostConfig({ ...base, devices: { ssCardReader: { kind: 'pcsc', reader: '*CCID*00 00' } } }).devices
        .ssCardReader,
    ).toEqual({ kind: 'pcsc', reader: '*CCID*00 00' });
    expect(() => parseHostConfig({ ...base, devices: { ssCardReader: { kind: 'pcsc', reader: '' } } })).toThrow(
      /devices\.ssCardReader\.reader: name the reader/,
    );
    expect(config.devices.qrScanner).toEqual({ kind: 'hid', vendorId: 0x0c2e, productId: 0x0b61, mode: 'keyboard' });
    expect(config.devices.receiptPrinter).toEqual({ kind: 'serial', path: 'COM3', baudRate: 9600 });
    expect(
      parseHostConfig({ ...base, devices: { a4Printer: { kind: 'windows', printer: 'HP M404' } } }).devices.a4Printer,
    ).toEqual({ kind: 'windows', printer: 'HP M404' });
  });

  it('says plainly what is wrong with a port or a VID/PID', () => {
    const input = {
      ...base,
      devices: {
        receiptPrinter: { kind: 'serial', path: 'printer' },
        qrScanner: { kind: 'hid', vendorId: 0x10000, productId: '0b61' },
      },
    };
    expect(() => parseHostConfig(input, 'kiosk.json')).toThrow(
      /- devices\.qrScanner\.vendorId: the vendor id \(VID\) is a number from 0 to 65535 \(0xFFFF\)\n {2}- devices\.qrScanner\.productId: the product id \(PID\) is a number from 0 to 65535 \(0xFFFF\), e\.g\. 0x0c2e\n {2}- devices\.receiptPrinter\.path: a serial port looks like \/dev\/ttyUSB0 or COM3/,
    );
  });
});

describe('receipt printer status deadline', () => {
  it('leaves room for a job chunk queued on a slow line', async () => {
    const { statusDeadlineMs } = await import('../../host/run-host');
    expect(statusDeadlineMs(9600)).toBe(1034);
    expect(statusDeadlineMs(115200)).toBe(545);
  });
});
