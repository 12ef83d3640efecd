/** Where the shell finds the renderer, and whether it runs in development. */
import path from 'node:path';

/** In-memory session of the kiosk window: nothing a person did survives a relaunch on disk. */
export const KIOSK_PARTITION = 'kiosk';

/**
 * The built renderer is served under this privileged custom scheme (electron/app-protocol.ts), not
 * file://: a standard, secure origin of its own, so `fetch` of the face models and WebAssembly, the
 * CSP's 'self' and module scripts behave as on a web server (Electron's security checklist, "avoid
 * file://"), and nothing outside the renderer folder can be reached.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'kiosk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** Where the renderer comes from: the built files (served as app://kiosk/), or (development only) a dev server. */
export type RendererLocation =
  | {
      kind: 'app';
      /** The renderer folder on disk (dist/renderer): the only files the scheme serves. */
      rootDir: string;
      indexPath: string;
      /** `app://kiosk/index.html`: the one page the kiosk window shows. */
      indexUrl: string;
      origin: string;
    }
  | { kind: 'url'; url: string; origin: string };

/** Development needs an unpackaged app AND `KIOSK_DEV=1`; a packaged kiosk never is. */
export function isDevMode(isPackaged: boolean, env: NodeJS.ProcessEnv): boolean {
  return !isPackaged && env.KIOSK_DEV === '1';
}

/** The built renderer under the app folder, or `KIOSK_RENDERER_URL` in development (ignored otherwise). */
export function resolveRendererLocation(appPath: string, env: NodeJS.ProcessEnv, dev: boolean): RendererLocation {
  const devUrl = env.KIOSK_RENDERER_URL;
  if (dev && devUrl) {
    const url = new URL(devUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new Error(`KIOSK_RENDERER_URL must be http(s), got ${url.protocol}`);
    }
    return { kind: 'url', url: url.href, origin: url.origin };
  }
  const rootDir = path.join(appPath, 'dist', 'renderer');
  return {
    kind: 'app',
    rootDir,
    indexPath: path.join(rootDir, 'index.html'),
    indexUrl: `${APP_ORIGIN}/index.html`,
    origin: APP_ORIGIN,
  };
}

/** True for a URL of the app scheme's one host (any path). */
function isAppUrl(parsed: URL): boolean {
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
}

/** True when the URL is one of the renderer's own resources: its dev origin, or under app://kiosk/. */
export function isRendererUrl(renderer: RendererLocation, url: string): boolean {
  const parsed = parseUrl(url);
  if (!parsed) return false;
  if (renderer.kind === 'url') return parsed.origin === renderer.origin;
  return isAppUrl(parsed);
}

/**
 * True when the URL is the kiosk page itself (any hash or query): what the window may show,
 * what may call the host and ask for the camera. Other pages in the folder (the device
 * simulator) are not. With a dev server, any page of its origin.
 */
export function isRendererPage(renderer: RendererLocation, url: string): boolean {
  const parsed = parseUrl(url);
  if (!parsed) return false;
  if (renderer.kind === 'url') return parsed.origin === renderer.origin;
  return isAppUrl(parsed) && parsed.pathname === new URL(renderer.indexUrl).pathname;
}

function parseUrl(url: string): URL | null {
  try {
    return new URL(url); // resolves `..` and `%2e%2e`, so prefix and path checks are safe
  } catch {
    return null;
  }
}

/** Scheme and host of a URL, for a log line (never its path or query, which may hold data). */
export function originForLog(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'file:' ? 'file:' : `${parsed.protocol}//${parsed.host}`;
  } catch {
    return '(invalid URL)';
  }
}
