/**
 * The shell's log: one line per event, a component tag, never a payload or personal data.
 * Same line format as the host's log, so one terminal log reads as one stream.
 */
type Level = 'info' | 'warn' | 'error';

function write(level: Level, component: string, message: string, error?: unknown): void {
  if (process.env.KIOSK_LOG === 'silent') return;
  // Only the error's name: a message could carry a person's data.
  const detail = error instanceof Error ? ` (${error.name})` : '';
  const line = `${new Date().toISOString()} ${level.toUpperCase()} [electron:${component}] ${message}${detail}`;
  if (level === 'info') console.log(line);
  else console.error(line);
}

/** Logging functions by level. */
export const log = {
  info: (component: string, message: string) => write('info', component, message),
  warn: (component: string, message: string, error?: unknown) => write('warn', component, message, error),
  error: (component: string, message: string, error?: unknown) => write('error', component, message, error),
};
