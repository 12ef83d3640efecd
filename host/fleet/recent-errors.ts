/**
 * A small ring of recent faults for the maintenance screen: codes and times only, never messages.
 * Every fault is also a log line (`WARN [fault] <code>`), and a new ring starts from the log file's
 * last fault lines, so the screen and the log file tell one story, across relaunches too.
 */
import type { RecentError } from '../../contracts';
import { log, logFileTail } from '../log';

const FAULT_LINE = /^(\S+) WARN \[fault\] (.+)$/;

/** Keeps the last `capacity` error codes, newest first. */
export class RecentErrors {
  private readonly items: RecentError[] = [];

  constructor(
    private readonly capacity = 20,
    private readonly now: () => Date = () => new Date(),
    logLines: () => string[] = () => logFileTail(500),
  ) {
    for (const line of logLines()) {
      const fault = FAULT_LINE.exec(line);
      if (fault) this.remember(fault[1]!, fault[2]!);
    }
  }

  /** Records a code such as `receiptPrinter:paperOut` (truncated to the contract's 80 characters). */
  add(code: string): void {
    // A fault repeated by a poll is one log line until something else happens. The line and the
    // ring carry the same time, so a relaunched host reads back exactly what the screen showed.
    const at = this.now();
    if (this.items[0]?.code !== code.slice(0, 80)) log.warnAt(at, 'fault', code.slice(0, 80));
    this.remember(at.toISOString(), code);
  }

  list(): RecentError[] {
    return this.items.map((e) => ({ ...e }));
  }

  private remember(at: string, code: string): void {
    // A fault reported again and again (a poll that keeps failing) is one line, with its latest time.
    if (this.items[0]?.code === code.slice(0, 80)) this.items.shift();
    this.items.unshift({ at, code: code.slice(0, 80) });
    this.items.length = Math.min(this.items.length, this.capacity);
  }
}
