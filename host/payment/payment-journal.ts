/**
 * The host's payment journal, `<dataDir>/payment/journal.jsonl`: an append-only file of one JSON line
 * per step, each write flushed to disk (fsync) before the step goes on, so a host killed at any point
 * (kill -9, power cut) finds at its next start every payment it had in flight and settles it at the
 * hall server by the tap's own idempotency key. Lines hold ids and outcomes only: no name, ID number
 * or payment code.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { PaymentState } from '../../contracts';

/** One journal line. */
export type PaymentJournalEntry =
  /** Written before the order is asked for: the tap's key, so a lost answer can be found again. */
  | { step: 'tap'; requestId: string; sessionId: string; at: string }
  /** The server's order for the tap. */
  | { step: 'order'; requestId: string; orderId: string; at: string }
  /** What the person was told (written before the screen is told). */
  | {
      step: 'told';
      requestId: string;
      orderId: string;
      stage: 'paid' | 'failed' | 'cancelled';
      reason: string | null;
      at: string;
    }
  /** A payment left in flight by an earlier run, settled at the server at start (`notCreated`: no order was made). */
  | { step: 'settled'; requestId: string; orderId: string | null; state: PaymentState | 'notCreated'; at: string };

/** A payment the journal holds no outcome for. */
export interface InFlightPayment {
  requestId: string;
  sessionId: string;
  orderId: string | null;
}

/** The journal of one data folder. */
export class PaymentJournal {
  readonly file: string;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'payment', 'journal.jsonl');
  }

  /** Appends one line and flushes it to disk before returning. */
  append(entry: PaymentJournalEntry): void {
    mkdirSync(path.dirname(this.file), { recursive: true });
    const fd = openSync(this.file, 'a');
    try {
      writeSync(fd, `${JSON.stringify(entry)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }

  /** Every whole line (a line torn by a crash mid-write is skipped). */
  entries(): PaymentJournalEntry[] {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch {
      return [];
    }
    const out: PaymentJournalEntry[] = [];
    for (const line of text.split('\n')) {
      if (!line) continue;
      try {
        out.push(JSON.parse(line) as PaymentJournalEntry);
      } catch {
        // the torn last line of a write the crash interrupted: it was never acted on
      }
    }
    return out;
  }

  /** Taps with no outcome settled at the server (a lost cancel counts as unsettled), oldest first. */
  inFlight(): InFlightPayment[] {
    const open = new Map<string, InFlightPayment>();
    for (const e of this.entries()) {
      if (e.step === 'tap') open.set(e.requestId, { requestId: e.requestId, sessionId: e.sessionId, orderId: null });
      else if (e.step === 'order') {
        const p = open.get(e.requestId);
        if (p) p.orderId = e.orderId;
      } else if (e.step === 'told' && (e.reason === 'networkLost' || e.reason === 'sessionEnded')) {
        // Told while the cancel may not have reached the server: still to be settled there.
      } else open.delete(e.requestId);
    }
    return [...open.values()];
  }

  /** Compacts once the file has grown past `bytes` (default 256 KiB). */
  compactIfLarge(bytes = 256 * 1024): void {
    let size = 0;
    try {
      size = statSync(this.file).size;
    } catch {
      return;
    }
    if (size > bytes) this.compact();
  }

  /** Keeps only the lines of payments still in flight (written aside, flushed and renamed). */
  compact(): void {
    const keep = new Set(this.inFlight().map((p) => p.requestId));
    const lines = this.entries().filter((e) => keep.has(e.requestId));
    mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp`;
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, lines.map((l) => `${JSON.stringify(l)}\n`).join(''));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.file);
  }
}
