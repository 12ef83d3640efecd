/**
 * The host's log: one line per event, a component tag, and never personal data (no names,
 * ID numbers or card contents: callers pass codes and counts only).
 */
type Level = 'info' | 'warn' | 'error';

function write(level: Level, component: string, message: string, error?: unknown): void {
  if (process.env.KIOSK_LOG === 'silent') return;
  const detail =
    error instanceof Error ? ` (${error.name}: ${(error as { code?: string }).code ?? error.message})` : '';
  const line = `${new Date().toISOString()} ${level.toUpperCase()} [${component}] ${message}${detail}`;
  if (level === 'info') console.log(line);
  else console.error(line);
}

/** Logging functions by level. */
export const log = {
  info: (component: string, message: string) => write('info', component, message),
  warn: (component: string, message: string, error?: unknown) => write('warn', component, message, error),
  error: (component: string, message: string, error?: unknown) => write('error', component, message, error),
};
