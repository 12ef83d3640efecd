import { describe, expect, it } from 'vitest';
import { parseHostConfig } from '../../host/config';

const base = { terminalId: 'T-001', terminalSecret: 'abcdefghijklmnopqrstuvwx', hallServerUrl: 'http://127.0.0.1:8080/' };

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
    const input = { ...base, hallServerUrl: 'not a url', devices: { idCardReader: { kind: 'serial', path: 'ttyUSB0' } } };
    expect(() => parseHostConfig(input, 'kiosk.json')).toThrow(
      /kiosk\.json is not valid:\n {2}- hallServerUrl: .*\n {2}- devices\.idCardReader\.path: a serial port looks like \/dev\/ttyUSB0 or COM3/,
    );
  });
});
