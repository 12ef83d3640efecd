import { describe, expect, it } from 'vitest';
import { KioskError, type KioskHandlers, sessionKioskMethods } from '../../contracts';
import { createDispatcher } from '../../host/dispatch';

process.env.KIOSK_LOG = 'silent';

const status = { terminalId: 'T1', hallName: '大厅', inService: true, serverReachable: true, devices: [] };
const dispatch = createDispatcher(sessionKioskMethods, {
  getStatus: async () => status,
  getSession: async () => null,
  getSummary: async () => {
    throw new KioskError('noSession', 'no session is open');
  },
  touchSession: async () => {
    throw new Error('boom 110101196803150016');
  },
  endSession: async () => null,
} as Partial<KioskHandlers> as KioskHandlers);

describe('KioskApi dispatch', () => {
  it('runs a valid call', async () => {
    expect(await dispatch('getStatus', {})).toEqual({ ok: true, value: status });
  });

  it.each([
    ['unknown method', 'rm -rf', {}],
    ['prototype key', '__proto__', {}],
    ['extra params', 'getStatus', { evil: 1 }],
    ['wrong param type', 'endSession', { reason: 42 }],
    ['wrong literal', 'endSession', { reason: 'timeout' }],
    ['params not an object', 'getSession', 'x'],
  ])('refuses %s with invalidRequest', async (_label, method, params) => {
    const reply = await dispatch(method, params);
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalidRequest' } });
  });

  it('passes a KioskError code through', async () => {
    expect(await dispatch('getSummary', {})).toEqual({
      ok: false,
      error: { code: 'noSession', message: 'no session is open' },
    });
  });

  it('turns an unexpected error into internal without leaking its message', async () => {
    const reply = await dispatch('touchSession', {});
    expect(reply).toEqual({ ok: false, error: { code: 'internal', message: 'touchSession failed' } });
  });
});
