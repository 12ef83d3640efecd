/** Electron main entry: the kiosk shell over the host built from the terminal's configuration file. */
import { app, safeStorage } from 'electron';
import { createKioskHostFromEnv, dataDirPath } from './host-adapter';
import { log } from './log';
import { startKiosk } from './start-kiosk';

startKiosk({
  // Data in the OS's application-data place (KIOSK_DATA_DIR overrides); the version is package.json's,
  // stamped into the app by the build.
  createHost: () =>
    createKioskHostFromEnv({
      dataDir: dataDirPath(process.platform, process.env, app.getPath('userData')),
      appVersion: app.getVersion(),
      // The terminal key is kept by the OS's store through it where it protects (host/terminal-key/).
      safeStorage,
    }),
}).catch((error: unknown) => {
  // startKiosk shows a sign for a host that cannot start; this is a failure of the shell itself.
  log.error('main', 'the kiosk shell failed to start', error);
  app.exit(1);
});
