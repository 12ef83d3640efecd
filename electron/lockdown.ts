/**
 * Lockdown: every web contents stays on our renderer (no foreign navigation, popups or
 * webviews, no escape shortcuts in production); the kiosk session grants the camera only,
 * sends our Content-Security-Policy and refuses every request that is not our renderer's.
 */
import { Menu, app, session, type Session, type WebContents } from 'electron';
import { contentSecurityPolicy } from './csp';
import { log } from './log';
import { allowPermissionCheck, allowPermissionRequest } from './permissions';
import { KIOSK_PARTITION, isRendererPage, isRendererUrl, originForLog, type RendererLocation } from './shell-config';
import { isEscapeShortcut } from './shortcuts';

export interface LockdownOptions {
  renderer: RendererLocation;
  dev: boolean;
}

/** Locks down all web contents (now and later) and the kiosk session. Call once, after `ready`. */
export function setupLockdown({ renderer, dev }: LockdownOptions): void {
  const isOurs = (url: string) => isRendererPage(renderer, url);
  // No application menu means no menu accelerators (reload, devtools, zoom); development keeps them.
  if (!dev) Menu.setApplicationMenu(null);
  app.on('web-contents-created', (_event, contents) => lockWebContents(contents, isOurs, dev));
  lockSession(session.fromPartition(KIOSK_PARTITION), renderer, dev);
}

function lockWebContents(contents: WebContents, isOurs: (url: string) => boolean, dev: boolean): void {
  const guard = (event: { url: string; preventDefault(): void }) => {
    if (isOurs(event.url)) return;
    event.preventDefault();
    log.warn('lockdown', `blocked navigation to ${originForLog(event.url)}`);
  };
  contents.on('will-navigate', guard);
  contents.on('will-frame-navigate', guard);
  contents.on('will-redirect', guard);
  contents.setWindowOpenHandler(({ url }) => {
    log.warn('lockdown', `denied a new window for ${originForLog(url)}`);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('lockdown', 'denied a webview');
  });
  if (!dev) {
    contents.on('before-input-event', (event, input) => {
      if (isEscapeShortcut(input)) event.preventDefault();
    });
  }
}

function lockSession(ses: Session, renderer: RendererLocation, dev: boolean): void {
  const isOurs = (url: string) => isRendererPage(renderer, url);
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const granted = allowPermissionRequest(permission, details, isOurs);
    if (!granted) log.info('lockdown', `denied permission ${permission}`);
    callback(granted);
  });
  ses.setPermissionCheckHandler((_contents, permission, _origin, details) =>
    allowPermissionCheck(permission, details, isOurs),
  );
  // WebHID / Web Serial / WebUSB: devices belong to the host, never to the page.
  ses.setDevicePermissionHandler(() => false);
  // The spell checker would download dictionaries from the internet.
  ses.setSpellCheckerEnabled(false);

  const devWs = renderer.kind === 'url' ? renderer.origin.replace(/^http/, 'ws') : null;
  const allowed = (url: string) =>
    isRendererUrl(renderer, url) ||
    /^(devtools|data|blob):/.test(url) ||
    (dev && devWs !== null && url.startsWith(`${devWs}/`));
  ses.webRequest.onBeforeRequest((details, callback) => {
    const cancel = !allowed(details.url);
    if (cancel) log.warn('lockdown', `blocked a request to ${originForLog(details.url)}`);
    callback({ cancel });
  });

  // The app:// responses carry the policy themselves (app-protocol.ts) and the built index.html
  // has it in a <meta> tag too (renderer/vite.config.ts); where both apply, the stricter wins.
  // Here it covers the dev server and anything served over http.
  const policy = contentSecurityPolicy(renderer.kind === 'url' ? renderer.origin : undefined);
  ses.webRequest.onHeadersReceived((details, callback) => {
    const headers = Object.fromEntries(
      Object.entries(details.responseHeaders ?? {}).filter(([name]) => !/^content-security-policy/i.test(name)),
    );
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [policy] } });
  });
}
