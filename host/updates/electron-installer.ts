/**
 * Installs an Electron build the way electron-updater does, behind the Installer interface: points
 * the updater at the hall server's generic-provider feed of the release (whose text the terminal has
 * already checked against the signed manifest), downloads (electron-updater checks the sha512 from
 * the feed) and calls `quitAndInstall`. The shell passes electron-updater's `autoUpdater`; tests pass
 * a stand-in that fetches and checks the same feed.
 */
import type { Installer, VerifiedPackage } from './installer';

/** The part of electron-updater's AppUpdater this uses. */
export interface AutoUpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  allowDowngrade: boolean;
  setFeedURL(options: { provider: 'generic'; url: string; requestHeaders?: Record<string, string> }): void;
  checkForUpdates(): Promise<{ updateInfo: { version: string; files: { url: string; sha512: string }[] } } | null>;
  downloadUpdate(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
}

export interface ElectronInstallerOptions {
  autoUpdater: AutoUpdaterLike;
  /** The feed folder URL of a release (`…/terminal/update-feed/<releaseId>/`). */
  feedUrl(releaseId: string): string;
  /** The terminal's credential header for the feed. */
  headers: Record<string, string>;
}

export function createElectronInstaller(options: ElectronInstallerOptions): Installer {
  const { autoUpdater } = options;
  return {
    async install(pkg: VerifiedPackage) {
      autoUpdater.autoDownload = false;
      autoUpdater.autoInstallOnAppQuit = false;
      autoUpdater.allowDowngrade = true; // a rollback installs the older build
      autoUpdater.setFeedURL({
        provider: 'generic',
        url: options.feedUrl(pkg.manifest.releaseId),
        requestHeaders: options.headers,
      });
      const found = await autoUpdater.checkForUpdates();
      const file = found?.updateInfo.files[0];
      if (!found || found.updateInfo.version !== pkg.manifest.version || file?.sha512 !== pkg.manifest.sha512) {
        throw Object.assign(new Error('the feed does not offer the verified package'), { code: 'feedMismatch' });
      }
      await autoUpdater.downloadUpdate();
      autoUpdater.quitAndInstall(true, true);
    },
  };
}
