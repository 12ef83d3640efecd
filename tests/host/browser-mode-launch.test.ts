// The thin-Linux terminal's page authentication: a separately started Chromium opens /launch; the
// host checks in /proc/net/tcp that the connection belongs to the kiosk user and answers with the
// secret as an HttpOnly cookie; the WebSocket then needs that cookie (or the developer launcher's
// ?secret=) and our origin. No secret in any URL or command line.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { KIOSK_WS_PATH } from '../../contracts';
import { loopbackPeerUid, procAddress } from '../../host/browser-mode/peer';
import { AUTH_COOKIE, startBrowserMode, type BrowserModeServer } from '../../host/browser-mode/server';
import { bootSecret, browserUid } from '../../host/service/main';

process.env.KIOSK_LOG = 'silent';
const SECRET = 'launch-secret-0123456789abcdef';
const uid = process.getuid!();
let server: BrowserModeServer;
let foreign: BrowserModeServer;

const endpoint = {
  dispatch: async () => ({ ok: true as const, value: 'ok' }),
  subscribe: () => () => undefined,
};

beforeAll(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'renderer-'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>kiosk</title>');
  server = await startBrowserMode({ rendererDir: dir, secret: SECRET, kiosk: endpoint, launch: { uid } });
  // The same server for a kiosk user we are not: our own connections are foreign to it.
  foreign = await startBrowserMode({ rendererDir: dir, secret: SECRET, kiosk: endpoint, launch: { uid: uid + 4242 } });
});
afterAll(async () => {
  await server.close();
  await foreign.close();
});

/** GET with node:http, so nothing follows the redirect or keeps cookies for us. */
function get(url: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    request(url, (res) => {
      res.resume();
      resolve({ status: res.statusCode!, headers: res.headers });
    })
      .on('error', reject)
      .end();
  });
}

function open(url: string, headers: Record<string, string>): Promise<number> {
  const ws = new WebSocket(url, { headers });
  return new Promise((resolve) => {
    ws.once('open', () => {
      ws.close();
      resolve(101);
    });
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', () => resolve(0));
  });
}

describe('the loopback peer check', () => {
  it('writes addresses as /proc/net/tcp does', () => {
    expect(procAddress('127.0.0.1', 47800)).toBe('0100007F:BAB8');
    expect(procAddress('::1', 80)).toBe('00000000000000000000000001000000:0050');
    expect(procAddress('::ffff:127.0.0.1', 80)).toBe('0000000000000000FFFF00000100007F:0050');
  });

  it("finds the owner of a real loopback connection, and nobody's for one that does not exist", async () => {
    const res = await get(`${server.launchUrl}`);
    expect(res.status).toBe(303); // our own uid is the kiosk user here
    expect(await loopbackPeerUid({ address: '127.0.0.1', port: 1 }, { address: '127.0.0.1', port: 2 })).toBeNull();
  });

  it("resolves the kiosk user's uid from passwd, and keeps one secret per boot", () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'passwd-'));
    writeFileSync(
      path.join(dir, 'passwd'),
      'root:x:0:0::/root:/bin/sh\nkiosk:x:998:998::/var/lib/k:/usr/sbin/nologin\n',
    );
    expect(browserUid({}, path.join(dir, 'passwd'))).toBe(998);
    expect(() => browserUid({ KIOSK_BROWSER_USER: 'nobody-here' }, path.join(dir, 'passwd'))).toThrow(/does not exist/);
    const file = path.join(dir, 'run/secret');
    const first = bootSecret(file);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(bootSecret(file)).toBe(first);
  });
});

describe('/launch and the cookie', () => {
  it('gives the kiosk user the secret as an HttpOnly, same-site cookie and sends it to the start page', async () => {
    const res = await get(server.launchUrl!);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/#auth=cookie');
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toContain(`${AUTH_COOKIE}=${SECRET}`);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(server.launchUrl).not.toContain(SECRET);
  });

  it('refuses /launch from another user', async () => {
    const res = await get(foreign.launchUrl!);
    expect(res.status).toBe(403);
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('opens the WebSocket with the cookie from our origin; refuses a wrong or missing cookie and a foreign origin', async () => {
    const url = `${server.origin.replace('http', 'ws')}${KIOSK_WS_PATH}`;
    const origin = server.origin;
    expect(await open(url, { origin, cookie: `${AUTH_COOKIE}=${SECRET}` })).toBe(101);
    expect(await open(url, { origin, cookie: `other=1; ${AUTH_COOKIE}=${SECRET}` })).toBe(101);
    expect(await open(url, { origin, cookie: `${AUTH_COOKIE}=wrong-secret-0123456789abcd` })).toBe(401);
    expect(await open(url, { origin })).toBe(401);
    expect(await open(url, { origin: 'http://evil.example', cookie: `${AUTH_COOKIE}=${SECRET}` })).toBe(401);
    // The developer launcher's way still works.
    expect(await open(`${url}?secret=${SECRET}`, { origin })).toBe(101);
  });
});
