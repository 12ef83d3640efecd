import './setup';
import { beforeEach, describe, expect, it } from 'vitest';
import { createKioskWindow, hasCspMeta, kioskWindowOptions } from '../../electron/window';
import { FakeBrowserWindow, app, fakeEvent, resetElectron } from './electron-fake';
import { createAppFolder, devRenderer } from './renderer-fixture';

const preloadPath = '/opt/kiosk/dist/electron/preload.cjs';

beforeEach(() => resetElectron());

describe('kiosk window options', () => {
  it('are locked down, full screen and without devtools in production', () => {
    expect(kioskWindowOptions({ dev: false, preloadPath })).toMatchObject({
      kiosk: true,
      fullscreen: true,
      frame: false,
      webPreferences: {
        preload: preloadPath,
        partition: 'kiosk',
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        devTools: false,
        disableDialogs: true,
      },
    });
  });

  it('allow devtools, and a normal window, only in development; the sandbox stays', () => {
    const options = kioskWindowOptions({ dev: true, preloadPath });
    expect(options).toMatchObject({ kiosk: false, fullscreen: false });
    expect(options.webPreferences).toMatchObject({
      devTools: true,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    });
  });
});

describe('createKioskWindow', () => {
  it('loads the built renderer as app://kiosk/index.html (never file://), with the options above', async () => {
    const { renderer } = createAppFolder();
    createKioskWindow({ renderer, dev: false, preloadPath });
    const [win] = FakeBrowserWindow.instances;
    expect(win?.options).toEqual(kioskWindowOptions({ dev: false, preloadPath }));
    await expect.poll(() => win?.loadURL.mock.calls).toEqual([['app://kiosk/index.html']]);
    expect(win?.loadFile).not.toHaveBeenCalled();
    expect(win?.removeMenu).toHaveBeenCalled();
  });

  it('loads the dev server URL in development', async () => {
    createKioskWindow({ renderer: devRenderer, dev: true, preloadPath });
    const [win] = FakeBrowserWindow.instances;
    await expect.poll(() => win?.loadURL.mock.calls).toEqual([['http://localhost:5173/']]);
  });

  it('cannot be closed in production, except by quitting', () => {
    const { renderer } = createAppFolder();
    const win = createKioskWindow({ renderer, dev: false, preloadPath }) as unknown as FakeBrowserWindow;
    const close = fakeEvent();
    win.emit('close', close);
    expect(close.defaultPrevented).toBe(true);

    app.emit('before-quit', fakeEvent());
    const closeWhileQuitting = fakeEvent();
    win.emit('close', closeWhileQuitting);
    expect(closeWhileQuitting.defaultPrevented).toBe(false);
  });
});

describe('hasCspMeta', () => {
  it('finds the policy <meta> of the renderer index.html', () => {
    expect(hasCspMeta(`<meta http-equiv="Content-Security-Policy" content="default-src 'self'">`)).toBe(true);
    expect(hasCspMeta(`<META HTTP-EQUIV='content-security-policy' CONTENT="default-src 'self'">`)).toBe(true);
    expect(hasCspMeta('<meta charset="utf-8"><title>人社自助</title>')).toBe(false);
  });
});
