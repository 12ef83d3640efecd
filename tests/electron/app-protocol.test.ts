// The app://kiosk/ scheme that serves the built renderer to the kiosk window: the files of the
// renderer folder with their types and our Content-Security-Policy, and nothing else (no path out
// of the folder, no other host, no other method).
import './setup';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { answerAppRequest, appFileFor, serveRenderer } from '../../electron/app-protocol';
import { mimeOf } from '../../host/browser-mode/static-files';
import { contentSecurityPolicy } from '../../electron/csp';
import { resolveRendererLocation } from '../../electron/shell-config';
import { FakeSession } from './electron-fake';

let appPath: string;
let rootDir: string;
const wasm = Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

beforeAll(() => {
  appPath = mkdtempSync(path.join(tmpdir(), 'kiosk-app-'));
  rootDir = path.join(appPath, 'dist', 'renderer');
  mkdirSync(path.join(rootDir, 'assets'), { recursive: true });
  writeFileSync(path.join(rootDir, 'index.html'), '<!doctype html><title>自助服务终端</title>');
  writeFileSync(path.join(rootDir, 'assets', 'tfjs-backend-wasm-simd-1a2b.wasm'), wasm);
  writeFileSync(path.join(rootDir, 'assets', 'face model.bin'), Buffer.from([1, 2, 3]));
  // A secret beside the renderer folder: must never be served.
  writeFileSync(path.join(appPath, 'dist', 'secret.txt'), 'terminal secret');
  writeFileSync(path.join(appPath, 'dist', 'renderer-evil.html'), 'evil');
});

const get = (url: string, method = 'GET') => answerAppRequest(rootDir, new Request(url, { method }));

describe('app://kiosk/', () => {
  it('serves index.html with its type and our policy', async () => {
    for (const url of ['app://kiosk/index.html', 'app://kiosk/', 'app://kiosk/index.html?x=1#/home']) {
      const res = await get(url);
      expect(res.status, url).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('content-security-policy')).toBe(contentSecurityPolicy());
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      // Cross-origin isolated, as in browser mode: the face engine's WebAssembly threads need it.
      expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(res.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
      expect(await res.text()).toContain('自助服务终端');
    }
  });

  it('serves the face engine’s WebAssembly as application/wasm, byte for byte, and weights by encoded name', async () => {
    const res = await get('app://kiosk/assets/tfjs-backend-wasm-simd-1a2b.wasm');
    expect(res.headers.get('content-type')).toBe('application/wasm');
    expect(Buffer.from(await res.arrayBuffer())).toEqual(wasm);
    const bin = await get('app://kiosk/assets/face%20model.bin');
    expect(bin.status).toBe(200);
    expect([...new Uint8Array(await bin.arrayBuffer())]).toEqual([1, 2, 3]);
    const head = await get('app://kiosk/assets/face%20model.bin', 'HEAD');
    expect(head.headers.get('content-length')).toBe('3');
  });

  it.each([
    ['a path out of the folder', 'app://kiosk/../secret.txt'],
    ['an encoded path out of the folder', 'app://kiosk/%2e%2e/secret.txt'],
    ['an encoded slash out of the folder', 'app://kiosk/..%2fsecret.txt'],
    ['a sibling folder by prefix', 'app://kiosk/../renderer-evil.html'],
    ['an absolute path', 'app://kiosk/%2Fetc%2Fpasswd'],
    ['a NUL byte', 'app://kiosk/index.html%00.png'],
    ['a bad escape', 'app://kiosk/%E0%A4%A'],
    ['another host', 'app://evil/index.html'],
    ['a missing file', 'app://kiosk/assets/nothing.js'],
    ['a folder', 'app://kiosk/assets'],
  ])('answers %s with an empty 404', async (_what, url) => {
    const res = await get(url);
    expect(res.status).toBe(404);
    expect(await res.text()).toBe('');
  });

  it('refuses other methods', async () => {
    expect((await get('app://kiosk/index.html', 'POST')).status).toBe(405);
  });

  it('maps a URL to a file inside the folder only', () => {
    expect(appFileFor(rootDir, 'app://kiosk/assets/a.js')).toBe(path.join(rootDir, 'assets', 'a.js'));
    // Dot segments are resolved by the URL itself, so they stay within the folder…
    expect(appFileFor(rootDir, 'app://kiosk/%2e%2e/%2e%2e/etc/passwd')).toBe(path.join(rootDir, 'etc', 'passwd'));
    // …and an encoded slash that would climb out after decoding is refused.
    expect(appFileFor(rootDir, 'app://kiosk/..%2f..%2fetc%2fpasswd')).toBeNull();
    expect(appFileFor(rootDir, 'file:///etc/passwd')).toBeNull();
    expect(mimeOf('x.JS')).toBe('text/javascript; charset=utf-8');
    expect(mimeOf('x.unknown')).toBe('application/octet-stream');
  });

  it('is installed on the session given, and not at all for a dev server', async () => {
    const ses = new FakeSession();
    serveRenderer(ses as never, resolveRendererLocation(appPath, {}, false));
    const res = await ses.protocolHandlers.get('app')!(new Request('app://kiosk/index.html'));
    expect(res.status).toBe(200);
    const dev = new FakeSession();
    serveRenderer(
      dev as never,
      resolveRendererLocation(appPath, { KIOSK_RENDERER_URL: 'http://localhost:5173/' }, true),
    );
    expect(dev.protocolHandlers.size).toBe(0);
  });
});
