/** Where the shell finds the renderer, and whether it runs in development. */
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** In-memory session of the kiosk window: nothing a person did survives a relaunch on disk. */
export const KIOSK_PARTITION = 'kiosk';

/** Where the renderer comes from: the built files, or (development only) a dev server. */
export type RendererLocation =
  | {
      kind: 'file';
      indexPath: string;
      /** File URL of index.html: the one page the kiosk window shows. */
      indexUrl: string;
      /** File URL of the renderer folder, ending in `/`: the page's assets. */
      baseUrl: string;
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
  const indexPath = path.join(appPath, 'dist', 'renderer', 'index.html');
  return {
    kind: 'file',
    indexPath,
    indexUrl: pathToFileURL(indexPath).href,
    baseUrl: `${pathToFileURL(path.dirname(indexPath)).href}/`,
  };
}

/** True when the URL is one of the renderer's own resources: its dev origin, or a file inside its folder. */
export function isRendererUrl(renderer: RendererLocation, url: string): boolean {
  const parsed = parseUrl(url);
  if (!parsed) return false;
  if (renderer.kind === 'url') return parsed.origin === renderer.origin;
  return parsed.protocol === 'file:' && parsed.host === '' && parsed.href.startsWith(renderer.baseUrl);
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
  return parsed.protocol === 'file:' && parsed.host === '' && parsed.pathname === new URL(renderer.indexUrl).pathname;
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
