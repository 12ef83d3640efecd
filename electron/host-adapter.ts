/** The one place the shell meets the host's factory (host/index.ts), with the signature it relies on. */
import { createKioskHostFromEnv as fromEnv } from '../host/index';
import type { KioskHost } from '../host/kiosk-host';

/** Builds the host from the environment (config, devices, hall server); it is started later. */
export const createKioskHostFromEnv: () => Promise<KioskHost> = fromEnv;
