/**
 * The log file in the terminal's data folder, beside stdout: `logs/kiosk.log`, rotated to
 * `kiosk.log.1` … `kiosk.log.<keep>` when it passes `maxBytes`, so the folder never grows past
 * about (keep + 1) × maxBytes. Lines are the host log's own (codes and counts, no personal data).
 * Written synchronously: a line is on disk before a crash can lose it, and the kiosk logs a few
 * lines a minute, not thousands.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

export interface LogFileOptions {
  /** Rotate when the current file passes this many bytes (default 5 MB). */
  maxBytes?: number;
  /** How many rotated files are kept (default 5). */
  keep?: number;
}

/** An append-only, size-rotated log file. */
export class RotatingLogFile {
  readonly file: string;
  private readonly maxBytes: number;
  private readonly keep: number;
  private size: number;

  constructor(
    readonly dir: string,
    options: LogFileOptions = {},
  ) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    this.file = path.join(dir, 'kiosk.log');
    this.maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
    this.keep = options.keep ?? 5;
    this.size = existsSync(this.file) ? statSync(this.file).size : 0;
  }

  /** Appends one line (a newline is added). */
  write(line: string): void {
    const bytes = Buffer.byteLength(line) + 1;
    if (this.size > 0 && this.size + bytes > this.maxBytes) this.rotate();
    appendFileSync(this.file, `${line}\n`, { mode: 0o600 });
    this.size += bytes;
  }

  /** The last `count` lines, oldest first (from the current file and, if needed, the one before). */
  tail(count: number): string[] {
    const lines: string[] = [];
    for (const file of [this.file, `${this.file}.1`]) {
      if (lines.length >= count || !existsSync(file)) continue;
      const own = readFileSync(file, 'utf8').split('\n').filter(Boolean);
      lines.unshift(...own.slice(-(count - lines.length)));
    }
    return lines;
  }

  private rotate(): void {
    rmSync(`${this.file}.${this.keep}`, { force: true });
    for (let n = this.keep - 1; n >= 1; n -= 1) {
      if (existsSync(`${this.file}.${n}`)) renameSync(`${this.file}.${n}`, `${this.file}.${n + 1}`);
    }
    renameSync(this.file, `${this.file}.1`);
    this.size = 0;
  }
}
