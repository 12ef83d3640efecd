/**
 * The host's log: one line per event, a component tag, and never personal data (no names,
 * ID numbers or card contents: callers pass codes and counts only).
 */
import type { RotatingLogFile } from './log-file';

type Level = 'info' | 'warn' | 'error';

let logFile: RotatingLogFile | null = null;

/** Also writes every line to this file (an installed terminal's data folder); null stops that. */
export function attachLogFile(file: RotatingLogFile | null): void {
  logFile = file;
}

/** The last `count` lines of the attached log file (none without one). */
export function logFileTail(count: number): string[] {
  return logFile?.tail(count) ?? [];
}

function write(level: Level, component: string, message: string, error?: unknown, at = new Date()): void {
  // An error's message may quote what it failed on (a name, an ID number): log its type, code and
  // where it happened, never its message.
  const detail = error instanceof Error ? ` (${errorSummary(error)})` : '';
  const line = `${at.toISOString()} ${level.toUpperCase()} [${component}] ${message}${detail}`;
  try {
    logFile?.write(line);
  } catch {
    // A full or read-only disk must not stop the kiosk; stdout still has the line.
  }
  if (process.env.KIOSK_LOG === 'silent') return;
  if (level === 'info') console.log(line);
  else console.error(line);
}

/** Logging functions by level. */
export const log = {
  info: (component: string, message: string) => write('info', component, message),
  warn: (component: string, message: string, error?: unknown) => write('warn', component, message, error),
  error: (component: string, message: string, error?: unknown) => write('error', component, message, error),
  /** A warning stamped with a time the caller also keeps (the recent faults ring reads it back). */
  warnAt: (at: Date, component: string, message: string) => write('warn', component, message, undefined, at),
};

function errorSummary(error: Error): string {
  const code = (error as { code?: unknown }).code;
  const where = error.stack
    ?.split('\n')
    .find((l) => l.trim().startsWith('at '))
    ?.trim();
  return [error.name, typeof code === 'string' ? code : null, where ?? null].filter(Boolean).join(' ');
}
