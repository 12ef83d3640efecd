/** The per-launch secret of browser mode: handed over in the address (`#secret=...`), kept for reloads. */

const STORAGE_KEY = 'kiosk.bridgeSecret';

/**
 * What `takeSecret` returns for a page the host's `/launch` sent here (`#auth=cookie`): the
 * secret is an HttpOnly cookie this page cannot read, and the browser sends it with the WebSocket.
 */
export const COOKIE_AUTH = 'cookie';

type PageContext = Pick<Window, 'location' | 'history' | 'sessionStorage'>;

/**
 * Reads the secret from the hash, removes it from the address bar (so it is not shown or
 * bookmarked) and keeps it in sessionStorage; on a reload, returns the kept one.
 */
export function takeSecret(page: PageContext): string | null {
  const hash = new URLSearchParams(page.location.hash.replace(/^#/, ''));
  const fromHash = hash.get('secret') ?? (hash.get('auth') === COOKIE_AUTH ? COOKIE_AUTH : null);
  if (fromHash) {
    hash.delete('secret');
    hash.delete('auth');
    const rest = hash.toString();
    const { pathname, search } = page.location;
    page.history.replaceState(page.history.state, '', `${pathname}${search}${rest ? `#${rest}` : ''}`);
    try {
      page.sessionStorage.setItem(STORAGE_KEY, fromHash);
    } catch (error) {
      // Storage can be disabled; the page still works until it is reloaded.
      console.warn('kiosk bridge: could not keep the secret for reloads', error);
    }
    return fromHash;
  }
  try {
    return page.sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

/** `ws(s)://<the page's host><path>?secret=...` (no query for COOKIE_AUTH: the cookie goes along). */
export function bridgeUrl(location: Pick<Location, 'protocol' | 'host'>, path: string, secret: string): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  if (secret === COOKIE_AUTH) return `${scheme}//${location.host}${path}`;
  return `${scheme}//${location.host}${path}?secret=${encodeURIComponent(secret)}`;
}
