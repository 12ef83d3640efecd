/** The thin-Linux terminal's fixed loopback port for the kiosk page (KIOSK_BROWSER_PORT overrides). */
export const DEFAULT_BROWSER_PORT = 47800;
