import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { KIOSK_WS_PATH } from '../../contracts';
import { startBrowserMode, type BrowserModeServer } from '../../host/browser-mode/server';

process.env.KIOSK_LOG = 'silent';

const SECRET = 'test-secret-0123456789abcdef';
let server: BrowserModeServer;
let dir: string;
const noKiosk = { dispatch: async () => ({ ok: true as const, value: null }), subscribe: () => () => undefined };
const calls: Array<[string, unknown]> = [];

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'renderer-'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>kiosk</title>');
  server = await startBrowserMode({
    rendererDir: dir,
    secret: SECRET,
    kiosk: {
      dispatch: async (method, params) => {
        calls.push([method, params]);
        return { ok: true, value: { echo: method } };
      },
      subscribe: (send) => {
        const t = setTimeout(() => send('statusChanged', { hello: 1 }), 50);
        return () => clearTimeout(t);
      },
    },
  });
});
afterAll(() => server.close());

function connect(secret: string, origin: string): Promise<WebSocket> {
  const ws = new WebSocket(`${server.origin.replace('http', 'ws')}${KIOSK_WS_PATH}?secret=${secret}`, { origin });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

describe('browser mode', () => {
  it('serves the renderer with a strict content security policy, and nothing outside it', async () => {
    const res = await fetch(`${server.origin}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect((await fetch(`${server.origin}/..%2f..%2fetc%2fpasswd`)).status).toBe(404);
  });

  it('serves every file cross-origin isolated, so the face engine can run WebAssembly threads', async () => {
    for (const url of [`${server.origin}/`, `${server.origin}/index.html`]) {
      const res = await fetch(url);
      expect(res.headers.get('cross-origin-opener-policy'), url).toBe('same-origin');
      expect(res.headers.get('cross-origin-embedder-policy'), url).toBe('require-corp');
      expect(res.headers.get('cross-origin-resource-policy'), url).toBe('same-origin');
      // tfjs's thread workers and the script they import are blob: URLs the page makes.
      expect(res.headers.get('content-security-policy'), url).toContain("worker-src 'self' blob:");
    }
    const plain = await startBrowserMode({ rendererDir: dir, kiosk: noKiosk, crossOriginIsolated: false });
    try {
      const res = await fetch(`${plain.origin}/`);
      expect(res.status).toBe(200);
      expect(res.headers.get('cross-origin-embedder-policy')).toBeNull();
      expect(res.headers.get('cross-origin-opener-policy')).toBeNull();
    } finally {
      await plain.close();
    }
  });

  it('puts the secret in the URL fragment only', () => {
    expect(server.kioskUrl).toBe(`${server.origin}/#secret=${SECRET}`);
  });

  it('refuses a WebSocket with a wrong secret or a foreign origin', async () => {
    await expect(connect('wrong-secret-0123456789abcd', server.origin)).rejects.toThrow(/401/);
    await expect(connect(SECRET, 'http://evil.example')).rejects.toThrow(/401/);
  });

  it('carries calls, replies and events with the right secret and origin', async () => {
    const ws = await connect(SECRET, server.origin);
    const messages: unknown[] = [];
    ws.on('message', (m) => messages.push(JSON.parse(m.toString())));
    ws.send('not json');
    ws.send(JSON.stringify({ type: 'call', id: 'x' }));
    ws.send(JSON.stringify({ type: 'call', id: 7, method: 'getStatus', params: {} }));
    await new Promise((r) => setTimeout(r, 200));
    expect(messages).toContainEqual({ type: 'reply', id: 7, reply: { ok: true, value: { echo: 'getStatus' } } });
    expect(messages).toContainEqual({ type: 'event', event: 'statusChanged', payload: { hello: 1 } });
    expect(calls).toEqual([['getStatus', {}]]);
    ws.close();
  });
});
