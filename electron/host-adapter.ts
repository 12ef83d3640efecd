/** The one place the shell meets the host's factory (host/index.ts), with the signature it relies on. */
import { createKioskHostFromEnv as fromEnv, type InstalledHostOptions } from '../host/index';
import type { KioskHost } from '../host/kiosk-host';

export type { InstalledHostOptions };
export { dataDirPath } from '../host/config-location';

/** Builds the host from the terminal's configuration file (config, devices, hall server); it is started later. */
export const createKioskHostFromEnv: (options: InstalledHostOptions) => Promise<KioskHost> = fromEnv;
