/**
 * The `app://kiosk/` scheme: the built renderer folder served to the kiosk window, with the
 * Content-Security-Policy on every response. Registered as privileged (standard, secure, fetch)
 * before the app is ready, handled on the kiosk's own session. Only files inside the renderer
 * folder are served: a path that resolves outside it, another host, or a method other than GET
 * gets an empty 404/405, never a file.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { protocol, type Session } from 'electron';
import { CROSS_ORIGIN_ISOLATION } from '../host/browser-mode/isolation';
import { mimeOf } from '../host/browser-mode/static-files';
import { contentSecurityPolicy } from './csp';
import { log } from './log';
import { APP_HOST, APP_SCHEME, type RendererLocation } from './shell-config';

/** Must run before `app.whenReady()` resolves (Electron reads privileged schemes at start-up). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/** The file inside `rootDir` an app:// URL names, or null when it names none (or one outside). */
export function appFileFor(rootDir: string, url: string): string | null {
  let parsed: URL;
  let pathname: string;
  try {
    parsed = new URL(url);
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST || pathname.includes('\0')) return null;
  const root = path.resolve(rootDir);
  const file = path.resolve(root, `.${pathname === '/' ? '/index.html' : pathname}`);
  return file.startsWith(root + path.sep) ? file : null;
}

/** Answers one request of the scheme (exported for tests: the same function the session calls). */
export async function answerAppRequest(rootDir: string, request: Request): Promise<Response> {
  const file = appFileFor(rootDir, request.url);
  if (!file) return new Response(null, { status: 404 });
  if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405 });
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    return new Response(null, { status: 404 });
  }
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
    status: 200,
    headers: {
      'content-type': mimeOf(file),
      'content-length': String(body.length),
      'content-security-policy': contentSecurityPolicy(),
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-cache',
      // Cross-origin isolated (as in browser mode), so the face engine's WebAssembly runs threads.
      ...CROSS_ORIGIN_ISOLATION,
    },
  });
}

/** Serves the built renderer on the kiosk window's session. */
export function serveRenderer(ses: Pick<Session, 'protocol'>, renderer: RendererLocation): void {
  if (renderer.kind !== 'app') return;
  ses.protocol.handle(APP_SCHEME, (request) => answerAppRequest(renderer.rootDir, request));
  log.info('window', `serving the renderer as ${APP_SCHEME}://${APP_HOST}/`);
}
