/** A small ring of recent faults for the maintenance screen: codes and times only, never messages. */
import type { RecentError } from '../../contracts';

/** Keeps the last `capacity` error codes, newest first. */
export class RecentErrors {
  private readonly items: RecentError[] = [];

  constructor(
    private readonly capacity = 20,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Records a code such as `receiptPrinter:paperOut` (truncated to the contract's 80 characters). */
  add(code: string): void {
    // A fault reported again and again (a poll that keeps failing) is one line, with its latest time.
    if (this.items[0]?.code === code.slice(0, 80)) this.items.shift();
    this.items.unshift({ at: this.now().toISOString(), code: code.slice(0, 80) });
    this.items.length = Math.min(this.items.length, this.capacity);
  }

  list(): RecentError[] {
    return this.items.map((e) => ({ ...e }));
  }
}
