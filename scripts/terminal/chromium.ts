/**
 * How the thin-Linux terminal starts Chromium, and the managed policies it runs under. One place
 * for both: scripts/dist-terminal.ts writes them into the package, the tests start the real
 * Chromium with the same flags and policies.
 */

/** The kiosk page's origin: the host service listens on loopback at this port (KIOSK_BROWSER_PORT). */
export const kioskOrigin = (port: number) => `http://127.0.0.1:${port}`;

/** Chromium's flags on the terminal (before the URL). `profileDir` is the kiosk user's browser profile. */
export function kioskChromiumFlags(profileDir: string): string[] {
  return [
    '--kiosk',
    '--ozone-platform=wayland',
    `--user-data-dir=${profileDir}`,
    '--no-first-run',
    '--noerrdialogs',
    '--disable-session-crashed-bubble',
    '--disable-infobars',
    '--disable-features=Translate,TranslateUI,MediaRouter,HardwareMediaKeyHandling',
    '--disable-pinch',
    '--overscroll-history-navigation=0',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--password-store=basic',
    // Voice prompts start without a tap, and speechSynthesis has voices on Linux (speech-dispatcher).
    '--autoplay-policy=no-user-gesture-required',
    '--enable-speech-dispatcher',
  ];
}

/**
 * Chromium's managed policies (/etc/chromium/policies/managed/hrss-kiosk.json): nothing but the
 * kiosk's own origin, no devtools, downloads, printing or extensions, the camera for that origin only.
 */
export function kioskPolicies(origin: string): Record<string, unknown> {
  return {
    URLBlocklist: ['*'],
    URLAllowlist: [origin],
    DeveloperToolsAvailability: 2,
    DownloadRestrictions: 3,
    PrintingEnabled: false,
    PrintPreviewDisabled: true,
    ExtensionInstallBlocklist: ['*'],
    ExtensionInstallAllowlist: [],
    BrowserAddPersonEnabled: false,
    BrowserGuestModeEnabled: false,
    IncognitoModeAvailability: 1,
    BrowserSignin: 0,
    SyncDisabled: true,
    PasswordManagerEnabled: false,
    AutofillAddressEnabled: false,
    AutofillCreditCardEnabled: false,
    TranslateEnabled: false,
    SpellcheckEnabled: false,
    SavingBrowserHistoryDisabled: true,
    AllowFileSelectionDialogs: false,
    TaskManagerEndProcessEnabled: false,
    MetricsReportingEnabled: false,
    DefaultNotificationsSetting: 2,
    DefaultGeolocationSetting: 2,
    AudioCaptureAllowed: false,
    VideoCaptureAllowed: false,
    VideoCaptureAllowedUrls: [origin],
    ScreenCaptureAllowed: false,
    AutoplayAllowed: true,
    FullscreenAllowed: true,
  };
}
