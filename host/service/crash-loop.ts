/**
 * Crash-loop memory across service restarts: each start is stamped in the data folder; too many
 * starts in a short window means the host keeps dying at boot, so the service backs off and shows
 * 暂停服务 instead of flickering the screen with every systemd restart.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface CrashLoopPolicy {
  /** Starts within `windowMs` that count as a loop. */
  maxStarts: number;
  windowMs: number;
  /** How long a looping host waits (showing the sign) before trying again. */
  backoffMs: number;
}

export const DEFAULT_CRASH_LOOP: CrashLoopPolicy = { maxStarts: 5, windowMs: 10 * 60_000, backoffMs: 2 * 60_000 };

/** Records this start; returns how long to back off first (0: start now). */
export function recordStart(dataDir: string, policy: CrashLoopPolicy, now = Date.now()): number {
  const file = path.join(dataDir, 'service-starts.json');
  let starts: number[] = [];
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (Array.isArray(parsed)) starts = parsed.filter((t): t is number => typeof t === 'number');
  } catch {
    // First start, or an unreadable file: no history.
  }
  starts = [...starts.filter((t) => now - t < policy.windowMs), now];
  writeFileSync(file, JSON.stringify(starts), { mode: 0o600 });
  return starts.length > policy.maxStarts ? policy.backoffMs : 0;
}

/** Forgets the history once the host has run well (called after it has been up for a while). */
export function clearStarts(dataDir: string): void {
  writeFileSync(path.join(dataDir, 'service-starts.json'), '[]', { mode: 0o600 });
}
