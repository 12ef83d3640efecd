/** The shell's log: the host's log (never a payload or personal data), tagged `electron:`. */
import { log as hostLog } from '../host/log';

/** Logging functions by level. */
export const log = {
  info: (component: string, message: string) => hostLog.info(`electron:${component}`, message),
  warn: (component: string, message: string, error?: unknown) => hostLog.warn(`electron:${component}`, message, error),
  error: (component: string, message: string, error?: unknown) =>
    hostLog.error(`electron:${component}`, message, error),
};
