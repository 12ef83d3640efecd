import './setup';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { kioskEventNames, kioskMethodNames, type KioskApi } from '../../contracts';
import { contextBridge, exposedInMainWorld, ipcRenderer } from './electron-fake';

let kiosk: KioskApi;

beforeAll(async () => {
  await import('../../electron/preload');
  kiosk = exposedInMainWorld.get('kiosk') as KioskApi;
});

beforeEach(() => ipcRenderer.invoke.mockReset());

describe('window.kiosk', () => {
  it('is the only thing exposed, with one function per KioskApi method plus on', () => {
    expect(contextBridge.exposeInMainWorld).toHaveBeenCalledOnce();
    expect([...exposedInMainWorld.keys()]).toEqual(['kiosk']);
    expect(Object.keys(kiosk).sort()).toEqual([...kioskMethodNames, 'on'].sort());
    for (const value of Object.values(kiosk)) expect(typeof value).toBe('function');
  });

  it('has no ipcRenderer and no generic send or invoke', () => {
    const exposed = kiosk as unknown as Record<string, unknown>;
    for (const name of ['ipcRenderer', 'invoke', 'send', 'sendSync', 'call', 'postMessage']) {
      expect(exposed[name]).toBeUndefined();
    }
    expect(Object.values(exposed)).not.toContain(ipcRenderer);
    expect(Object.values(exposed)).not.toContain(ipcRenderer.invoke);
  });
});

describe('a method call', () => {
  it('goes through ipcRenderer.invoke(kiosk:call, name, params) and resolves to the value', async () => {
    const session = null;
    ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, value: session });
    const params = {};
    await expect(kiosk.getSession(params)).resolves.toBeNull();
    expect(ipcRenderer.invoke).toHaveBeenCalledExactlyOnceWith('kiosk:call', 'getSession', params);
  });

  it.each(kioskMethodNames)('%s is sent under its own name', async (name) => {
    ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, value: null });
    await (kiosk[name] as (params: unknown) => Promise<unknown>)({ probe: name });
    expect(ipcRenderer.invoke).toHaveBeenCalledWith('kiosk:call', name, { probe: name });
  });

  it('rejects an error reply with a plain KioskError-like object carrying the code', async () => {
    ipcRenderer.invoke.mockResolvedValueOnce({
      ok: false,
      error: { code: 'noSession', message: 'no session is open' },
    });
    const rejection = await kiosk.getSummary({}).catch((error: unknown) => error);
    expect(rejection).toEqual({ name: 'KioskError', code: 'noSession', message: 'no session is open' });
    // contextBridge would drop the own fields of an Error; a plain object keeps `code`.
    expect(Object.getPrototypeOf(rejection)).toBe(Object.prototype);
  });

  it.each([
    ['a malformed reply', async () => ({ ok: 'yes' })],
    ['a failed invoke', async () => Promise.reject(new Error("No handler registered for 'kiosk:call'"))],
  ])('rejects %s as internal', async (_name, reply) => {
    ipcRenderer.invoke.mockImplementationOnce(reply);
    await expect(kiosk.getStatus({})).rejects.toMatchObject({ code: 'internal' });
  });
});

describe('on', () => {
  const status = { terminalId: 'T-01' };

  it('delivers only the named event, with the payload and not the IPC event', () => {
    const listener = vi.fn();
    const unsubscribe = kiosk.on('statusChanged', listener);
    ipcRenderer.deliver('kiosk:event', 'sessionChanged', { session: null, endReason: 'exit' });
    ipcRenderer.deliver('kiosk:event', 'statusChanged', status);
    expect(listener).toHaveBeenCalledExactlyOnceWith(status);
    unsubscribe();
  });

  it('stops delivering after unsubscribe', () => {
    const listener = vi.fn();
    const unsubscribe = kiosk.on('cardProblem', listener);
    unsubscribe();
    ipcRenderer.deliver('kiosk:event', 'cardProblem', { code: 'cardInvalid' });
    expect(listener).not.toHaveBeenCalled();
  });

  it('keeps delivering to other listeners when one throws', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const second = vi.fn();
    const offFirst = kiosk.on('cardProblem', () => {
      throw new Error('renderer bug');
    });
    const offSecond = kiosk.on('cardProblem', second);
    ipcRenderer.deliver('kiosk:event', 'cardProblem', { code: 'cardInvalid' });
    expect(second).toHaveBeenCalledOnce();
    offFirst();
    offSecond();
    error.mockRestore();
  });

  it('refuses an event name the KioskApi does not have', () => {
    expect(kioskEventNames).not.toContain('anything');
    expect(() => kiosk.on('anything' as never, () => undefined)).toThrow(TypeError);
  });

  it('listens on kiosk:event through one IPC listener', () => {
    expect(ipcRenderer.on.mock.calls.map(([channel]) => channel)).toEqual(['kiosk:event']);
  });
});
