// Checks on what we hand to a print queue, shared by every implementation.
import { A4PrinterError, fail, succeed, type A4Result } from './errors';
import type { A4PrintOptions } from './a4-printer';

/** A print request that passed the checks: copies known, title safe for a command line. */
export interface CheckedRequest {
  title: string;
  copies: number;
}

/** Accepts a PDF (it starts with `%PDF-`) with 1..99 copies and a non-empty title. */
export function checkRequest(pdf: Uint8Array, options: A4PrintOptions): A4Result<CheckedRequest> {
  const header = String.fromCharCode(...pdf.subarray(0, 5));
  if (header !== '%PDF-') return fail(new A4PrinterError('invalidDocument', 'the document is not a PDF'));
  const copies = options.copies ?? 1;
  if (!Number.isInteger(copies) || copies < 1 || copies > 99) {
    return fail(new A4PrinterError('invalidOptions', `copies must be 1..99, got ${copies}`));
  }
  // Control characters would break lpstat's line format and the spooler's document name.
  const title = withoutControls(options.title).replace(/ {2,}/g, ' ').trim().slice(0, 200);
  if (!title) return fail(new A4PrinterError('invalidOptions', 'a print job needs a title'));
  return succeed({ title, copies });
}

/** Replaces control characters (C0 and DEL) with spaces. */
export function withoutControls(text: string): string {
  return Array.from(text, (c) => (c.charCodeAt(0) < 0x20 || c === '\x7f' ? ' ' : c)).join('');
}
