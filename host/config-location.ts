/**
 * Where an installed terminal keeps its configuration and its data, by the OS's conventions:
 * found without environment variables, `KIOSK_CONFIG` / `KIOSK_DATA_DIR` override.
 */
import { chmodSync, mkdirSync } from 'node:fs';
import path from 'node:path';

/** The folder name under the OS's system-wide places. */
export const APP_FOLDER = 'hrss-kiosk';

type Platform = NodeJS.Platform;
type Env = Record<string, string | undefined>;

/** The configuration file: `KIOSK_CONFIG`, else /etc/hrss-kiosk/kiosk.json or %ProgramData%\hrss-kiosk\kiosk.json. */
export function configFilePath(platform: Platform, env: Env): string {
  if (env.KIOSK_CONFIG) return env.KIOSK_CONFIG;
  if (platform === 'win32') {
    return path.win32.join(env.ProgramData ?? env.PROGRAMDATA ?? 'C:\\ProgramData', APP_FOLDER, 'kiosk.json');
  }
  if (platform === 'darwin') return path.posix.join('/Library/Application Support', APP_FOLDER, 'kiosk.json');
  return path.posix.join('/etc', APP_FOLDER, 'kiosk.json');
}

/**
 * The data folder (content cache, logs): `KIOSK_DATA_DIR`, else the Electron app's userData
 * folder when there is one, else the system service's place (/var/lib/hrss-kiosk on Linux,
 * %ProgramData%\hrss-kiosk\data on Windows). Never the temp dir: the OS may clear it at any time.
 */
export function dataDirPath(platform: Platform, env: Env, electronUserData?: string): string {
  if (env.KIOSK_DATA_DIR) return env.KIOSK_DATA_DIR;
  if (electronUserData) return electronUserData;
  if (platform === 'win32') {
    return path.win32.join(env.ProgramData ?? env.PROGRAMDATA ?? 'C:\\ProgramData', APP_FOLDER, 'data');
  }
  if (platform === 'darwin') return path.posix.join('/Library/Application Support', APP_FOLDER, 'data');
  return path.posix.join('/var/lib', APP_FOLDER);
}

/** Creates the data folder readable by its owner only (0700; on Windows the folder's ACL applies). */
export function prepareDataDir(dir: string): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // mkdir's mode is masked by the umask and leaves an existing folder as it was.
  if (process.platform !== 'win32') chmodSync(dir, 0o700);
  return dir;
}
