/** The one step that differs by kind of terminal: putting a verified package in place. */
import type { ReleaseManifest } from '../../contracts/updates';

/** A package whose signature, size and SHA-512 the terminal has checked, kept on its disk. */
export interface VerifiedPackage {
  manifest: ReleaseManifest;
  /** Where the checked file lies (the terminal's data folder, `updates/packages/`). */
  path: string;
}

/**
 * Installs a verified package (a newer version, or the previous one when rolling back). Resolves
 * when the package is in place; the new version runs after the restart the updater asks for.
 * Rejects with an error whose `code` (if any) goes into the report.
 */
export interface Installer {
  install(pkg: VerifiedPackage): Promise<void>;
}
