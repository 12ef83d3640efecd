/**
 * Wakes long-polling terminals when a command is issued, on whichever server instance they wait.
 * One loop per instance (running only while someone waits) polls terminal_commands for rows past
 * its cursor every `pollMs` and wakes the waiters of those terminals; nothing else is kept in
 * memory. A waiter registers before its request reads the pending commands, so a command issued in
 * between is either read or seen by the next tick (the cursor is kept while idle, so the first tick
 * after a pause catches up; the very first one wakes everyone to read again).
 */
import { gt, max, sql } from 'drizzle-orm';
import { terminalCommands } from '../db/schema';
import type { Db } from '../db/types';

export interface CommandWaiter {
  /** Registers interest; `wait` resolves true when a command for the terminal appears, false on timeout or close. */
  register(terminalId: string): { wait(ms: number, abort?: AbortSignal): Promise<boolean>; cancel(): void };
  close(): void;
}

export function createCommandWaiter(db: Db, pollMs = 250): CommandWaiter {
  const waiters = new Map<string, Set<(woken: boolean) => void>>();
  let cursor: number | null = null;
  let timer: NodeJS.Timeout | null = null;
  let ticking = false;
  let closed = false;

  const wakeAll = (terminalId: string | null, woken: boolean) => {
    for (const [id, set] of waiters) {
      if (terminalId !== null && id !== terminalId) continue;
      for (const resolve of set) resolve(woken);
    }
  };

  async function tick(): Promise<void> {
    if (ticking) return;
    ticking = true;
    try {
      if (cursor === null) {
        const [row] = await db.select({ m: max(terminalCommands.seq) }).from(terminalCommands);
        cursor = Number(row?.m ?? 0);
        // Whoever waits already may have read their pending commands before this cursor: let them read again.
        wakeAll(null, true);
        return;
      }
      const rows = await db
        .select({ terminalId: terminalCommands.terminalId, m: sql<string>`max(${terminalCommands.seq})` })
        .from(terminalCommands)
        .where(gt(terminalCommands.seq, cursor))
        .groupBy(terminalCommands.terminalId);
      for (const r of rows) {
        cursor = Math.max(cursor, Number(r.m));
        wakeAll(r.terminalId, true);
      }
    } catch {
      // A failed poll (database restarting) is retried at the next tick.
    } finally {
      ticking = false;
    }
  }

  const ensureLoop = () => {
    if (timer || closed) return;
    void tick();
    timer = setInterval(() => {
      if (waiters.size === 0) {
        clearInterval(timer!);
        timer = null;
        return;
      }
      void tick();
    }, pollMs);
    timer.unref();
  };

  return {
    register(terminalId) {
      let resolveFn: ((woken: boolean) => void) | null = null;
      let early: boolean | null = null;
      const listener = (woken: boolean) => {
        if (resolveFn) resolveFn(woken);
        else early = woken;
      };
      const set = waiters.get(terminalId) ?? new Set();
      set.add(listener);
      waiters.set(terminalId, set);
      ensureLoop();
      const cancel = () => {
        set.delete(listener);
        if (set.size === 0 && waiters.get(terminalId) === set) waiters.delete(terminalId);
      };
      return {
        cancel,
        wait: (ms, abort) =>
          new Promise<boolean>((resolve) => {
            const finish = (woken: boolean) => {
              clearTimeout(timeout);
              abort?.removeEventListener('abort', onAbort);
              cancel();
              resolve(woken);
            };
            const onAbort = () => finish(false);
            const timeout = setTimeout(() => finish(false), ms);
            abort?.addEventListener('abort', onAbort);
            if (early !== null || closed) finish(early ?? false);
            else resolveFn = finish;
          }),
      };
    },
    close() {
      closed = true;
      if (timer) clearInterval(timer);
      timer = null;
      wakeAll(null, false);
    },
  };
}
