/**
 * Browser mode: the host serves the renderer on loopback and carries the KioskApi (and the
 * simulator's API) over WebSockets that need the per-launch secret and our own origin.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { KIOSK_WS_PATH, SIM_WS_PATH, WsClientMessage, type WsServerMessage } from '../../contracts';
import type { Dispatch } from '../dispatch';
import { log } from '../log';
import { CROSS_ORIGIN_ISOLATION } from './isolation';
import { loopbackPeerUid } from './peer';
import { serveStatic } from './static-files';

/** The page a separately started Chromium opens (thin-Linux terminal); see `BrowserModeOptions.launch`. */
export const LAUNCH_PATH = '/launch';
/** The cookie that carries the secret for a launched page: HttpOnly, so no script reads it. */
export const AUTH_COOKIE = 'kiosk_auth';

/** One WebSocket API: how calls are run and how events reach the page. */
export interface WsEndpoint {
  dispatch: Dispatch;
  subscribe(send: (event: string, payload: unknown) => void): () => void;
}

export interface BrowserModeOptions {
  rendererDir: string;
  kiosk: WsEndpoint;
  /** The device simulator page's API; absent in production. */
  simulator?: WsEndpoint;
  host?: string;
  port?: number;
  /** Fixed secret for tests; a fresh random one per launch otherwise. */
  secret?: string;
  /**
   * Serve the pages cross-origin isolated (COOP same-origin + COEP require-corp, default true), so
   * the face engine's WebAssembly can run threads. false only for the bench's baseline page.
   */
  crossOriginIsolated?: boolean;
  /**
   * Thin-Linux terminal: `GET /launch` from a loopback connection owned by this uid (the `kiosk`
   * user's Chromium, checked in /proc/net/tcp) sets the secret as an HttpOnly cookie and sends the
   * page to `/`; any other uid gets 403. So no secret is ever in a URL or on a command line.
   */
  launch?: { uid: number; peerUid?: typeof loopbackPeerUid };
}

export interface BrowserModeServer {
  /** The kiosk UI's URL, secret included (in the fragment, so it never reaches a log or a Referer). */
  kioskUrl: string;
  /** The URL a separately started Chromium opens (no secret in it); null without `launch`. */
  launchUrl: string | null;
  simulatorUrl: string | null;
  origin: string;
  close(): Promise<void>;
}

const MAX_MESSAGE_BYTES = 256 * 1024;

/** Starts the loopback server for browser mode. */
export async function startBrowserMode(options: BrowserModeOptions): Promise<BrowserModeServer> {
  const secret = options.secret ?? randomBytes(24).toString('base64url');
  const hostName = options.host ?? '127.0.0.1';
  let origin = '';
  const csp = () =>
    [
      "default-src 'self'",
      // blob: for tfjs's WebAssembly thread workers and the script they import (made in the page).
      "script-src 'self' 'wasm-unsafe-eval' blob:",
      "worker-src 'self' blob:",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      "media-src 'self' blob: mediastream:",
      `connect-src 'self' ${origin.replace('http', 'ws')}`,
      "frame-ancestors 'none'",
    ].join('; ');

  const isolation = options.crossOriginIsolated === false ? {} : CROSS_ORIGIN_ISOLATION;
  const server: Server = createServer((req, res) => {
    const headers = {
      'content-security-policy': csp(),
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      ...isolation,
    };
    if (options.launch && new URL(req.url ?? '/', 'http://x').pathname === LAUNCH_PATH) {
      void launch(req, options.launch, secret).then(
        (ok) => {
          if (ok) {
            res.writeHead(303, {
              ...headers,
              location: '/#auth=cookie',
              'cache-control': 'no-store',
              'set-cookie': `${AUTH_COOKIE}=${secret}; Path=/; HttpOnly; SameSite=Strict`,
            });
            res.end();
          } else res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' }).end('forbidden');
        },
        (error: unknown) => {
          log.error('browser-mode', 'the launch check failed', error);
          res.writeHead(500).end();
        },
      );
      return;
    }
    serveStatic(options.rendererDir, req, res, headers)
      .then((served) => {
        if (served) return;
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
      })
      .catch((error: unknown) => {
        log.error('browser-mode', 'static file failed', error);
        if (!res.headersSent) res.writeHead(500).end();
      });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  server.on('upgrade', (req, socket, head) => {
    const endpoint = endpointFor(req, options);
    if (!endpoint || !secretMatches(req, secret) || req.headers.origin !== origin) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      log.warn('browser-mode', 'refused a WebSocket without our secret or origin');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => attach(ws, endpoint));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, hostName, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://${hostName}:${port}`;
  return {
    origin,
    kioskUrl: `${origin}/#secret=${secret}`,
    launchUrl: options.launch ? `${origin}${LAUNCH_PATH}` : null,
    simulatorUrl: options.simulator ? `${origin}/simulator.html#secret=${secret}` : null,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function endpointFor(req: IncomingMessage, options: BrowserModeOptions): WsEndpoint | undefined {
  const pathname = new URL(req.url ?? '/', 'http://x').pathname;
  if (pathname === KIOSK_WS_PATH) return options.kiosk;
  if (pathname === SIM_WS_PATH) return options.simulator;
  return undefined;
}

/** The secret from the query (`?secret=`, the developer launcher's page) or else from our cookie. */
function secretMatches(req: IncomingMessage, secret: string): boolean {
  const fromQuery = new URL(req.url ?? '/', 'http://x').searchParams.get('secret');
  const given = Buffer.from(fromQuery ?? cookieValue(req.headers.cookie, AUTH_COOKIE) ?? '');
  const expected = Buffer.from(secret);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return null;
}

/** True when the launch request comes over loopback from a socket the kiosk user owns. */
async function launch(
  req: IncomingMessage,
  launchOptions: NonNullable<BrowserModeOptions['launch']>,
  secret: string,
): Promise<boolean> {
  const { remoteAddress, remotePort, localAddress, localPort } = req.socket;
  if (!remoteAddress || !remotePort || !localAddress || !localPort || !secret) return false;
  const uid = await (launchOptions.peerUid ?? loopbackPeerUid)(
    { address: remoteAddress, port: remotePort },
    { address: localAddress, port: localPort },
  );
  if (uid === launchOptions.uid) return true;
  log.warn('browser-mode', `refused a launch from uid ${uid ?? 'unknown'}`);
  return false;
}

function attach(ws: WebSocket, endpoint: WsEndpoint): void {
  const send = (message: WsServerMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  };
  const unsubscribe = endpoint.subscribe((event, payload) => send({ type: 'event', event, payload }));
  ws.on('message', (data, isBinary) => {
    if (isBinary) return;
    let json: unknown;
    try {
      json = JSON.parse(data.toString());
    } catch {
      return;
    }
    const parsed = WsClientMessage.safeParse(json);
    if (!parsed.success) return; // Not ours to answer: no id to answer to.
    const { id, method, params } = parsed.data;
    void endpoint.dispatch(method, params).then((reply) => send({ type: 'reply', id, reply }));
  });
  ws.on('close', unsubscribe);
  ws.on('error', () => ws.terminate());
}
