import './setup';
import { beforeEach, describe, expect, it } from 'vitest';
import { setupLockdown } from '../../electron/lockdown';
import { FakeBrowserWindow, FakeWebContents, Menu, app, fakeEvent, resetElectron, session } from './electron-fake';
import { createAppFolder } from './renderer-fixture';

const { renderer, indexUrl } = createAppFolder();
const assetUrl = indexUrl.replace('index.html', 'assets/face-model.wasm');

function lockedContents(dev = false): FakeWebContents {
  setupLockdown({ renderer, dev });
  return new FakeBrowserWindow({}).webContents;
}

function navigate(contents: FakeWebContents, eventName: string, url: string): boolean {
  const event = fakeEvent({ url });
  contents.emit(eventName, event, url);
  return event.defaultPrevented;
}

beforeEach(() => resetElectron());

describe('navigation', () => {
  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])('%s to another URL is prevented', (eventName) => {
    const contents = lockedContents();
    expect(navigate(contents, eventName, 'https://example.com/phish')).toBe(true);
    expect(navigate(contents, eventName, 'file:///etc/passwd')).toBe(true);
    expect(navigate(contents, eventName, indexUrl.replace('index.html', '../../../secret.html'))).toBe(true);
    // The device simulator page sits beside index.html but is not the kiosk page.
    expect(navigate(contents, eventName, indexUrl.replace('index.html', 'simulator.html'))).toBe(true);
  });

  it('to our own renderer is allowed', () => {
    const contents = lockedContents();
    expect(navigate(contents, 'will-navigate', indexUrl)).toBe(false);
    expect(navigate(contents, 'will-navigate', `${indexUrl}#/certification`)).toBe(false);
  });

  it('applies to web contents created after the lockdown too', () => {
    setupLockdown({ renderer, dev: false });
    const later = new FakeWebContents();
    app.emit('web-contents-created', fakeEvent(), later);
    expect(navigate(later, 'will-navigate', 'https://example.com/')).toBe(true);
  });
});

describe('new windows and webviews', () => {
  it('window.open is denied, even for our own renderer', () => {
    const contents = lockedContents();
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: indexUrl })).toEqual({ action: 'deny' });
  });

  it('attaching a webview is prevented', () => {
    const contents = lockedContents();
    const event = fakeEvent();
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.defaultPrevented).toBe(true);
  });
});

describe('keyboard', () => {
  const press = (contents: FakeWebContents, input: object) => {
    const event = fakeEvent();
    contents.emit('before-input-event', event, {
      type: 'keyDown',
      control: false,
      meta: false,
      alt: false,
      shift: false,
      ...input,
    });
    return event.defaultPrevented;
  };

  it('blocks reload, devtools and quit in production, and removes the menu', () => {
    const contents = lockedContents();
    expect(press(contents, { code: 'KeyR', key: 'r', control: true })).toBe(true);
    expect(press(contents, { code: 'F12', key: 'F12' })).toBe(true);
    expect(press(contents, { code: 'KeyI', key: 'I', control: true, shift: true })).toBe(true);
    expect(press(contents, { code: 'F4', key: 'F4', alt: true })).toBe(true);
    expect(press(contents, { code: 'KeyA', key: 'a' })).toBe(false);
    expect(Menu.setApplicationMenu).toHaveBeenCalledWith(null);
  });

  it('leaves shortcuts and the menu alone in development', () => {
    const contents = lockedContents(true);
    expect(press(contents, { code: 'KeyR', key: 'r', control: true })).toBe(false);
    expect(press(contents, { code: 'F12', key: 'F12' })).toBe(false);
    expect(Menu.setApplicationMenu).not.toHaveBeenCalled();
  });
});

describe('permissions of the kiosk session', () => {
  const request = (permission: string, details: object) => {
    setupLockdown({ renderer, dev: false });
    const handler = session.fromPartition('kiosk').permissionRequestHandler as (...args: unknown[]) => void;
    let granted: boolean | undefined;
    handler(new FakeWebContents(), permission, (answer: boolean) => (granted = answer), {
      isMainFrame: true,
      requestingUrl: indexUrl,
      ...details,
    });
    return granted;
  };
  const check = (permission: string, details: object) => {
    setupLockdown({ renderer, dev: false });
    const handler = session.fromPartition('kiosk').permissionCheckHandler as (...args: unknown[]) => boolean;
    return handler(new FakeWebContents(), permission, 'file:///', {
      isMainFrame: true,
      requestingUrl: indexUrl,
      ...details,
    });
  };

  it('grants the camera (media, video only) to our renderer', () => {
    expect(request('media', { mediaTypes: ['video'] })).toBe(true);
    expect(check('media', { mediaType: 'video' })).toBe(true);
  });

  it.each([
    ['media with audio', 'media', { mediaTypes: ['audio'] }],
    ['media with video and audio', 'media', { mediaTypes: ['video', 'audio'] }],
    ['media with no types', 'media', { mediaTypes: [] }],
    ['media from another page', 'media', { mediaTypes: ['video'], requestingUrl: 'https://example.com/' }],
    ['media from a subframe', 'media', { mediaTypes: ['video'], isMainFrame: false }],
    [
      'media from the simulator page',
      'media',
      { mediaTypes: ['video'], requestingUrl: indexUrl.replace('index.html', 'simulator.html') },
    ],
    ['geolocation', 'geolocation', {}],
    ['notifications', 'notifications', {}],
    ['display capture', 'display-capture', {}],
    ['clipboard read', 'clipboard-read', {}],
    ['open external', 'openExternal', {}],
    ['fullscreen', 'fullscreen', {}],
  ])('denies a request for %s', (_name, permission, details) => {
    expect(request(permission, details)).toBe(false);
  });

  it.each([
    ['microphone', 'media', { mediaType: 'audio' }],
    ['unknown media', 'media', { mediaType: 'unknown' }],
    ['camera from another page', 'media', { mediaType: 'video', requestingUrl: 'https://example.com/' }],
    ['geolocation', 'geolocation', {}],
    ['notifications', 'notifications', {}],
    ['serial', 'serial', {}],
    ['hid', 'hid', {}],
  ])('denies a check for %s', (_name, permission, details) => {
    expect(check(permission, details)).toBe(false);
  });

  it('denies web access to USB, HID and serial devices and turns the spell checker (a download) off', () => {
    setupLockdown({ renderer, dev: false });
    const ses = session.fromPartition('kiosk');
    expect((ses.devicePermissionHandler as () => boolean)()).toBe(false);
    expect(ses.setSpellCheckerEnabled).toHaveBeenCalledWith(false);
  });
});

describe('requests and content security policy', () => {
  const beforeRequest = (url: string) => {
    const handler = session.fromPartition('kiosk').beforeRequest as (
      d: object,
      cb: (r: { cancel: boolean }) => void,
    ) => void;
    let cancel: boolean | undefined;
    handler({ url }, (response) => (cancel = response.cancel));
    return cancel;
  };

  it('cancels every request that is not our renderer', () => {
    setupLockdown({ renderer, dev: false });
    expect(beforeRequest(indexUrl)).toBe(false);
    expect(beforeRequest(assetUrl)).toBe(false);
    expect(beforeRequest('data:image/png;base64,AAAA')).toBe(false);
    expect(beforeRequest('https://cdn.example.com/face-model.wasm')).toBe(true);
    expect(beforeRequest('ws://localhost:5173/')).toBe(true);
    expect(beforeRequest('file:///home/kiosk/.ssh/id_ed25519')).toBe(true);
  });

  it('sends our policy on every response, replacing any other', () => {
    setupLockdown({ renderer, dev: false });
    const handler = session.fromPartition('kiosk').headersReceived as (
      d: object,
      cb: (r: { responseHeaders: Record<string, string[]> }) => void,
    ) => void;
    let headers: Record<string, string[]> = {};
    handler(
      {
        url: indexUrl,
        responseHeaders: { 'content-security-policy': ['default-src *'], 'Content-Type': ['text/html'] },
      },
      (response) => (headers = response.responseHeaders),
    );
    expect(headers['content-security-policy']).toBeUndefined();
    expect(headers['Content-Type']).toEqual(['text/html']);
    expect(headers['Content-Security-Policy']?.[0]).toMatch(/^default-src 'self'; /);
  });
});
