import './setup';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BrowserWindow } from 'electron';
import { setupIpc } from '../../electron/ipc';
import {
  FakeBrowserWindow,
  FakeWebFrame,
  invokeMain,
  ipcMain,
  resetElectron,
  type FakeWebContents,
} from './electron-fake';
import { createFakeHost, type FakeHost } from './fake-host';
import { createAppFolder } from './renderer-fixture';

const { renderer, indexUrl } = createAppFolder();
let host: FakeHost;
let win: FakeBrowserWindow;

/** What Electron hands `ipcMain.handle` for an invoke from `contents`' frame. */
function invokeEvent(contents: FakeWebContents, frame: FakeWebFrame | null = contents.mainFrame) {
  return { sender: contents, senderFrame: frame };
}

beforeEach(() => {
  resetElectron();
  host = createFakeHost();
  win = new FakeBrowserWindow({});
  win.webContents.navigatedTo(indexUrl);
  setupIpc(host, () => win as unknown as BrowserWindow, renderer);
});

afterEach(() => vi.restoreAllMocks());

describe('kiosk:call', () => {
  it('passes a call from our window to the host with the exact method and params', async () => {
    const status = { ok: true, value: { terminalId: 'T-01' } };
    host.call.mockResolvedValueOnce(status as never);
    const params = { reason: 'exit' };
    const reply = await invokeMain('kiosk:call', invokeEvent(win.webContents), 'endSession', params);
    expect(host.call).toHaveBeenCalledExactlyOnceWith('endSession', params);
    expect(host.call.mock.calls[0]?.[1]).toBe(params);
    expect(reply).toBe(status);
  });

  it('drops a call from another web contents: forbidden, host not called, one line without payload', async () => {
    delete process.env.KIOSK_LOG;
    const errorLog = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const stranger = new FakeBrowserWindow({}).webContents;
      stranger.navigatedTo(indexUrl);
      const reply = await invokeMain('kiosk:call', invokeEvent(stranger), 'getSession', {
        secret: '110101194901011234',
      });
      expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(host.call).not.toHaveBeenCalled();
      expect(errorLog).toHaveBeenCalledOnce();
      expect(String(errorLog.mock.calls[0]?.[0])).not.toMatch(/110101194901011234|getSession/);
    } finally {
      process.env.KIOSK_LOG = 'silent';
    }
  });

  it.each([
    ['a foreign page in our window', () => new FakeWebFrame('https://example.com/')],
    ['a file outside the renderer', () => new FakeWebFrame('file:///tmp/evil.html')],
    [
      'the simulator page beside the renderer',
      () => new FakeWebFrame(indexUrl.replace('index.html', 'simulator.html')),
    ],
    ['a subframe', () => Object.assign(new FakeWebFrame(indexUrl), { parent: new FakeWebFrame(indexUrl) })],
    ['a frame already gone', () => null],
  ])('drops a call from %s', async (_name, frame) => {
    const reply = await invokeMain('kiosk:call', invokeEvent(win.webContents, frame()), 'getStatus', {});
    expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(host.call).not.toHaveBeenCalled();
  });

  it('answers invalidRequest when the method is not a string', async () => {
    const reply = await invokeMain('kiosk:call', invokeEvent(win.webContents), { toString: 'getStatus' }, {});
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalidRequest' } });
    expect(host.call).not.toHaveBeenCalled();
  });

  it('turns a host that throws into an internal error envelope', async () => {
    host.call.mockRejectedValueOnce(new Error('boom'));
    const reply = await invokeMain('kiosk:call', invokeEvent(win.webContents), 'getStatus', {});
    expect(reply).toEqual({ ok: false, error: { code: 'internal', message: 'the host failed' } });
  });
});

describe('kiosk:event', () => {
  const payload = { session: null, endReason: 'timeout' };

  it('forwards host events to our window only', () => {
    const other = new FakeBrowserWindow({});
    other.webContents.navigatedTo(indexUrl);
    host.emit('sessionChanged', payload);
    expect(win.webContents.send).toHaveBeenCalledExactlyOnceWith('kiosk:event', 'sessionChanged', payload);
    expect(other.webContents.send).not.toHaveBeenCalled();
  });

  it('holds events back while our window shows anything but our renderer', () => {
    win.webContents.navigatedTo('https://example.com/');
    host.emit('sessionChanged', payload);
    expect(win.webContents.send).not.toHaveBeenCalled();
  });
});

it('can be undone: handler removed, events no longer forwarded', () => {
  resetElectron();
  const freshHost = createFakeHost();
  const undo = setupIpc(freshHost, () => win as unknown as BrowserWindow, renderer);
  undo();
  expect(ipcMain.removeHandler).toHaveBeenCalledWith('kiosk:call');
  freshHost.emit('statusChanged', {});
  expect(win.webContents.send).toHaveBeenCalledTimes(0);
});
