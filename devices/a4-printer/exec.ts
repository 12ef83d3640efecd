// Running a command-line tool without a shell: arguments go to the program as they
// are, so a title like `$(rm -rf /)` stays a title. Injected into the queue
// implementations, so their parsing and flow are tested without the tools.
import { execFile } from 'node:child_process';

/** What a command did. `missing` when the program is not installed. */
export interface ExecResult {
  code: number | null;
  stdout: string;
  stderr: string;
  missing?: boolean;
  timedOut?: boolean;
}

/** How to run one command. */
export interface ExecOptions {
  /** Bytes for the program's stdin (e.g. the PDF for `lp -`). */
  input?: Uint8Array;
  /** Extra environment variables. */
  env?: Record<string, string>;
  timeoutMs?: number;
}

/** Runs `file` with `args`; never rejects. */
export type ExecFn = (file: string, args: readonly string[], options?: ExecOptions) => Promise<ExecResult>;

/** The real thing: `child_process.execFile`, no shell, C locale so outputs parse the same everywhere. */
export const execCommand: ExecFn = (file, args, options = {}) =>
  new Promise((resolve) => {
    const child = execFile(
      file,
      [...args],
      {
        env: { ...process.env, LC_ALL: 'C', LANG: 'C', ...options.env },
        timeout: options.timeoutMs ?? 30_000,
        maxBuffer: 16 * 1024 * 1024,
        encoding: 'utf8',
        windowsHide: true,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({
          code,
          stdout,
          stderr,
          ...(error?.code === 'ENOENT' ? { missing: true } : {}),
          ...(error?.killed ? { timedOut: true } : {}),
        });
      },
    );
    // A program that exits without reading all of stdin must not crash us with EPIPE.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(options.input ? Buffer.from(options.input) : undefined);
  });
