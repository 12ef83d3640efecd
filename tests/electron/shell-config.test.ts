import './setup';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../electron/csp';
import { isDevMode, isRendererPage, isRendererUrl, resolveRendererLocation } from '../../electron/shell-config';
import { isEscapeShortcut } from '../../electron/shortcuts';

const renderer = resolveRendererLocation('/opt/kiosk/app.asar', {}, false);

describe('renderer location', () => {
  it('is the built index.html under the app folder', () => {
    expect(renderer).toEqual({
      kind: 'app',
      rootDir: '/opt/kiosk/app.asar/dist/renderer',
      indexPath: '/opt/kiosk/app.asar/dist/renderer/index.html',
      indexUrl: 'app://kiosk/index.html',
      origin: 'app://kiosk',
    });
  });

  it('uses KIOSK_RENDERER_URL only in development', () => {
    const env = { KIOSK_RENDERER_URL: 'http://localhost:5173/' };
    expect(resolveRendererLocation('/app', env, true)).toEqual({
      kind: 'url',
      url: 'http://localhost:5173/',
      origin: 'http://localhost:5173',
    });
    expect(resolveRendererLocation('/app', env, false).kind).toBe('app');
    expect(() => resolveRendererLocation('/app', { KIOSK_RENDERER_URL: 'file:///etc/' }, true)).toThrow(/http/);
  });

  it('is in development only when unpackaged and KIOSK_DEV=1', () => {
    expect(isDevMode(false, { KIOSK_DEV: '1' })).toBe(true);
    expect(isDevMode(true, { KIOSK_DEV: '1' })).toBe(false);
    expect(isDevMode(false, {})).toBe(false);
    expect(isDevMode(false, { KIOSK_DEV: 'true' })).toBe(false);
  });
});

describe('isRendererUrl', () => {
  it.each([
    ['app://kiosk/index.html', true],
    ['app://kiosk/index.html#/certification', true],
    ['app://kiosk/assets/app-1234.js', true],
    ['app://kiosk/assets/tfjs-backend-wasm-simd-5678.wasm', true],
    ['app://evil/index.html', false],
    ['app://kiosk.evil/index.html', false],
    // The files themselves are never reached by file:// (the scheme serves them).
    ['file:///opt/kiosk/app.asar/dist/renderer/index.html', false],
    ['file:///etc/passwd', false],
    ['https://example.com/', false],
    ['http://localhost:5173/', false],
    ['not a url', false],
  ])('%s -> %s', (url, expected) => {
    expect(isRendererUrl(renderer, url)).toBe(expected);
  });

  it('accepts only the dev server origin in development', () => {
    const dev = resolveRendererLocation('/app', { KIOSK_RENDERER_URL: 'http://localhost:5173/' }, true);
    expect(isRendererUrl(dev, 'http://localhost:5173/src/main.tsx')).toBe(true);
    expect(isRendererUrl(dev, 'http://localhost:5174/')).toBe(false);
    expect(isRendererUrl(dev, 'http://localhost.evil.example:5173/')).toBe(false);
  });
});

describe('isRendererPage', () => {
  it.each([
    ['app://kiosk/index.html', true],
    ['app://kiosk/index.html?step=2#/certification', true],
    ['app://kiosk/simulator.html', false],
    ['app://kiosk/assets/app-1234.js', false],
    ['app://kiosk/x/../index.html', true],
    ['app://other/index.html', false],
    ['file:///opt/kiosk/app.asar/dist/renderer/index.html', false],
    ['https://example.com/index.html', false],
  ])('%s -> %s', (url, expected) => {
    expect(isRendererPage(renderer, url)).toBe(expected);
  });
});

describe('content security policy', () => {
  it('allows only our own origin, and WebAssembly for the face model', () => {
    expect(contentSecurityPolicy()).toMatchInlineSnapshot(
      `"default-src 'self'; script-src 'self' 'wasm-unsafe-eval' blob:; style-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; frame-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"`,
    );
  });

  it('lets the dev server in only when one is given', () => {
    const policy = contentSecurityPolicy('http://localhost:5173');
    expect(policy).toContain("connect-src 'self' ws://localhost:5173");
    expect(contentSecurityPolicy()).not.toContain('unsafe-inline');
  });
});

describe('escape shortcuts', () => {
  const key = (
    code: string,
    mods: Partial<{ control: boolean; meta: boolean; alt: boolean; shift: boolean }> = {},
  ) => ({
    code,
    control: false,
    meta: false,
    alt: false,
    shift: false,
    ...mods,
  });

  it.each([
    ['F5', key('F5')],
    ['Ctrl+R', key('KeyR', { control: true })],
    ['Ctrl+Shift+R', key('KeyR', { control: true, shift: true })],
    ['Cmd+R', key('KeyR', { meta: true })],
    ['F12', key('F12')],
    ['Ctrl+Shift+I', key('KeyI', { control: true, shift: true })],
    ['Cmd+Alt+I', key('KeyI', { meta: true, alt: true })],
    ['Ctrl+Q', key('KeyQ', { control: true })],
    ['Cmd+Q', key('KeyQ', { meta: true })],
    ['Ctrl+W', key('KeyW', { control: true })],
    ['Alt+F4', key('F4', { alt: true })],
    ['F11', key('F11')],
    ['Alt+Left', key('ArrowLeft', { alt: true })],
    ['Ctrl+Plus', key('Equal', { control: true })],
  ])('blocks %s', (_name, input) => {
    expect(isEscapeShortcut(input)).toBe(true);
  });

  it.each([
    ['a letter', key('KeyA')],
    ['Enter', key('Enter')],
    ['Shift+digit', key('Digit1', { shift: true })],
    ['Ctrl+C', key('KeyC', { control: true })],
    ['Backspace', key('Backspace')],
  ])('lets %s through', (_name, input) => {
    expect(isEscapeShortcut(input)).toBe(false);
  });
});
