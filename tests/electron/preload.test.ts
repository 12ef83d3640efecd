import './setup';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  type ErrorCode,
  KioskError,
  errorCodeOf,
  kioskEventNames,
  kioskMethodNames,
  type KioskApi,
} from '../../contracts';
import { casesReducer, initialCasesState } from '../../renderer/src/services/cases/machine';
import { casesTexts } from '../../renderer/src/services/cases/texts';
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

// The screens read a failure's code with errorCodeOf; under Electron the rejection is the preload's
// plain object, not a KioskError, and must still say what went wrong (not a general failure).
describe('a rejection as the screens read it', () => {
  const reject = async (code: ErrorCode, call: () => Promise<unknown>) => {
    ipcRenderer.invoke.mockResolvedValueOnce({ ok: false, error: { code, message: 'refused' } });
    return call().catch((error: unknown) => error);
  };

  it.each(['notFound', 'rateLimited', 'secondFactorRequired', 'forbidden', 'noSession', 'sessionExpired'] as const)(
    'keeps %s, though the preload rejects with a plain object',
    async (code) => {
      const rejection = await reject(code, () => kiosk.lookupCase({ caseNo: 'SB0012024' }));
      expect(rejection).not.toBeInstanceOf(KioskError);
      expect(errorCodeOf(rejection)).toBe(code);
    },
  );

  it('an unknown case number typed on the cases screen is 查不到这个编号, with 改一改', async () => {
    const rejection = await reject('notFound', () => kiosk.lookupCase({ caseNo: 'SB00120249' }));
    let state = casesReducer(initialCasesState, { type: 'type' });
    state = casesReducer(state, { type: 'key', keys: 'SB00120249' });
    state = casesReducer(state, { type: 'submit' });
    state = casesReducer(state, { type: 'failed', code: errorCodeOf(rejection) });
    expect(state.step).toBe('notFound');
    expect(casesTexts['zh-CN'].notFoundTyped).toContain('查不到这个编号');
  });

  it('anything that is not a kiosk error reads as internal', () => {
    for (const thrown of [new Error('boom'), { code: 'noSuchCode' }, null, 'text', 42])
      expect(errorCodeOf(thrown)).toBe('internal');
  });
});
