/** Electron main entry: the kiosk shell over the host built from the environment. */
import { app } from 'electron';
import { createKioskHostFromEnv } from './host-adapter';
import { log } from './log';
import { startKiosk } from './start-kiosk';

startKiosk({ createHost: createKioskHostFromEnv }).catch((error: unknown) => {
  // Without a host there is no kiosk; exit non-zero so the service manager restarts us.
  log.error('main', 'the kiosk failed to start', error);
  app.exit(1);
});
