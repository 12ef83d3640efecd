/**
 * A small PNG of a PDF's first page, for the simulator page to show what the A4 printer printed.
 * Uses poppler's `pdftoppm` (Debian poppler-utils) when it is installed; without it the simulator
 * page lists the document without a picture. Runs from memory: the PDF goes in on stdin.
 */
import { execFile } from 'node:child_process';

/** The first page as a `data:image/png;base64,…` URL, or null when it cannot be drawn here. */
export function firstPagePreview(pdf: Uint8Array, timeoutMs = 10_000): Promise<string | null> {
  return new Promise((resolve) => {
    const child = execFile(
      'pdftoppm',
      // With no output root after the input `-` (stdin), pdftoppm writes the PNG to stdout.
      ['-png', '-r', '36', '-f', '1', '-l', '1', '-singlefile', '-'],
      { encoding: 'buffer', maxBuffer: 8 * 1024 * 1024, timeout: timeoutMs },
      (error, stdout) => {
        if (error || stdout.length === 0) return resolve(null);
        resolve(`data:image/png;base64,${stdout.toString('base64')}`);
      },
    );
    child.stdin?.on('error', () => undefined); // pdftoppm missing or exited early: the callback says so
    child.stdin?.end(Buffer.from(pdf));
  });
}
