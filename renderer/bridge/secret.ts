/** The per-launch secret of browser mode: handed over in the address (`#secret=...`), kept for reloads. */

const STORAGE_KEY = 'kiosk.bridgeSecret';

type PageContext = Pick<Window, 'location' | 'history' | 'sessionStorage'>;

/**
 * Reads the secret from the hash, removes it from the address bar (so it is not shown or
 * bookmarked) and keeps it in sessionStorage; on a reload, returns the kept one.
 */
export function takeSecret(page: PageContext): string | null {
  const hash = new URLSearchParams(page.location.hash.replace(/^#/, ''));
  const fromHash = hash.get('secret');
  if (fromHash) {
    hash.delete('secret');
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

/** `ws(s)://<the page's host><path>?secret=...`. */
export function bridgeUrl(location: Pick<Location, 'protocol' | 'host'>, path: string, secret: string): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${path}?secret=${encodeURIComponent(secret)}`;
}
