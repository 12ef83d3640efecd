// A receipt job: the ESC/POS bytes for the printer and an SVG preview for a person,
// both from the same receiptline document (https://github.com/receiptline/receiptline).
import { transform } from 'receiptline';
import { kioskCommandSet } from './command-set';

/** Character sets a Chinese ESC/POS printer can take in its double-byte (FS &) mode. */
export type ReceiptEncoding = 'gb18030' | 'cp936';

/** How to lay a receipt out. */
export interface ReceiptJobOptions {
  /** Characters per line of font A (12 dots): 48 for 80 mm paper, 32 for 58 mm (default 48). */
  width?: number;
  /** Default 'gb18030'; receiptline's 'multilingual' would turn Chinese into '?'. */
  encoding?: ReceiptEncoding;
}

/** What a receipt printer prints, and what a person may see before it does. */
export interface ReceiptJob {
  escpos: Uint8Array;
  svg: string;
}

/** Builds the ESC/POS bytes and the SVG preview of a receiptline document. */
export function buildReceiptJob(markdown: string, options: ReceiptJobOptions = {}): ReceiptJob {
  const cpl = options.width ?? 48;
  const encoding = options.encoding ?? 'gb18030';
  const binary = transform(markdown, { cpl, encoding, command: kioskCommandSet(), cutting: true });
  const svg = transform(markdown, { cpl, encoding, command: 'svg', cutting: true });
  return { escpos: Uint8Array.from(Buffer.from(binary, 'latin1')), svg };
}
