/** Where the shell finds the renderer, and whether it runs in development. */
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** In-memory session of the kiosk window: nothing a person did survives a relaunch on disk. */
export const KIOSK_PARTITION = 'kiosk';

/** Where the renderer comes from: the built files, or (development only) a dev server. */
export type RendererLocation =
  | { kind: 'file'; indexPath: string; /** File URL of the renderer folder, ending in `/`. */ baseUrl: string }
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
  return { kind: 'file', indexPath, baseUrl: `${pathToFileURL(path.dirname(indexPath)).href}/` };
}

/** True when the URL is the renderer's own: its dev origin, or a file inside its folder. */
export function isRendererUrl(renderer: RendererLocation, url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url); // resolves `..` and `%2e%2e`, so a prefix check is safe
  } catch {
    return false;
  }
  if (renderer.kind === 'url') return parsed.origin === renderer.origin;
  return parsed.protocol === 'file:' && parsed.host === '' && parsed.href.startsWith(renderer.baseUrl);
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
