import './setup';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { startKiosk } from '../../electron/start-kiosk';
import {
  FakeBrowserWindow,
  app,
  fakeEvent,
  invokeMain,
  ipcMain,
  protocol,
  resetElectron,
  session,
} from './electron-fake';
import { createFakeHost, type FakeHost } from './fake-host';
import { createAppFolder } from './renderer-fixture';

let host: FakeHost;
let createHost: ReturnType<typeof vi.fn<() => Promise<FakeHost>>>;

beforeEach(() => {
  resetElectron();
  host = createFakeHost();
  createHost = vi.fn(async () => host);
});

describe('second instance', () => {
  it('quits at once: no host, no window, no IPC', async () => {
    app.hasLock = false;
    await startKiosk({ createHost });
    expect(app.quit).toHaveBeenCalledOnce();
    expect(createHost).not.toHaveBeenCalled();
    expect(FakeBrowserWindow.instances).toHaveLength(0);
    expect(ipcMain.handle).not.toHaveBeenCalled();
  });

  it('brings the first instance window back to the front', async () => {
    app.appPath = createAppFolder().appPath;
    await startKiosk({ createHost });
    const [win] = FakeBrowserWindow.instances;
    if (!win) throw new Error('no window');
    win.minimized = true;
    app.emit('second-instance', fakeEvent(), ['electron', '.'], '/');
    expect(win.restore).toHaveBeenCalledOnce();
    expect(win.show).toHaveBeenCalledOnce();
    expect(win.focus).toHaveBeenCalledOnce();
    expect(FakeBrowserWindow.instances).toHaveLength(1);
  });
});

describe('first instance', () => {
  it('builds the host once, locks down, wires IPC, opens the kiosk window and starts the host', async () => {
    const { appPath, indexUrl } = createAppFolder();
    app.appPath = appPath;
    await startKiosk({ createHost, preloadPath: '/opt/kiosk/preload.cjs' });

    expect(createHost).toHaveBeenCalledOnce();
    expect(host.start).toHaveBeenCalledOnce();
    expect(session.fromPartition('kiosk').permissionRequestHandler).toBeTypeOf('function');
    const [win] = FakeBrowserWindow.instances;
    expect(win?.options).toMatchObject({
      kiosk: true,
      webPreferences: { preload: '/opt/kiosk/preload.cjs', devTools: false },
    });
    await expect.poll(() => win?.webContents.getURL()).toBe(indexUrl);

    // The app:// scheme was declared privileged before ready, and the kiosk session serves the page.
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
    ]);
    const serve = session.fromPartition('kiosk').protocolHandlers.get('app')!;
    const page = await serve(new Request(indexUrl));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('<!doctype html>');

    host.call.mockResolvedValueOnce({ ok: true, value: null });
    const sender = win!.webContents;
    await expect(
      invokeMain('kiosk:call', { sender, senderFrame: sender.mainFrame }, 'getSession', {}),
    ).resolves.toEqual({ ok: true, value: null });
    expect(host.call).toHaveBeenCalledWith('getSession', {});
  });

  it('keeps the window up when the host fails to start (its status tells the screen)', async () => {
    app.appPath = createAppFolder().appPath;
    host.start.mockRejectedValueOnce(new Error('serial port busy'));
    await expect(startKiosk({ createHost })).resolves.toBeUndefined();
    expect(FakeBrowserWindow.instances).toHaveLength(1);
  });

  it('defaults the preload to preload.cjs beside the main bundle', async () => {
    app.appPath = createAppFolder().appPath;
    await startKiosk({ createHost });
    const preload = (FakeBrowserWindow.instances[0]?.options.webPreferences as { preload: string }).preload;
    expect(preload).toMatch(/[/\\]electron[/\\]preload\.cjs$/);
  });
});
