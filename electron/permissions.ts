/** Which permission requests and checks the kiosk grants: the camera (video only) to our renderer, nothing else. */

/** What a permission request tells us (Electron's PermissionRequest and MediaAccessPermissionRequest). */
export interface PermissionRequestInfo {
  requestingUrl?: string;
  isMainFrame: boolean;
  mediaTypes?: ReadonlyArray<'video' | 'audio'>;
}

/** What a permission check tells us (Electron's PermissionCheckHandlerHandlerDetails). */
export interface PermissionCheckInfo {
  requestingUrl?: string;
  isMainFrame: boolean;
  mediaType?: 'video' | 'audio' | 'unknown';
}

/** Grants `media` for video only, from our renderer's main frame; denies everything else. */
export function allowPermissionRequest(
  permission: string,
  request: PermissionRequestInfo,
  isOurs: (url: string) => boolean,
): boolean {
  if (permission !== 'media' || !request.isMainFrame) return false;
  const types = request.mediaTypes ?? [];
  return types.length > 0 && types.every((type) => type === 'video') && isOurs(request.requestingUrl ?? '');
}

/** The synchronous check Chromium makes before (and besides) a request: same rule. */
export function allowPermissionCheck(
  permission: string,
  check: PermissionCheckInfo,
  isOurs: (url: string) => boolean,
): boolean {
  return (
    permission === 'media' && check.isMainFrame && check.mediaType === 'video' && isOurs(check.requestingUrl ?? '')
  );
}
