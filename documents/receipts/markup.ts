/**
 * Small helpers for receiptline markup (https://github.com/receiptline/receiptline): receipt
 * layouts in documents/ produce markup; devices/receipt-printer turns it into ESC/POS bytes.
 */

/** A receipt as documents/ hands it over: receiptline markup for thermal paper, never a page. */
export interface ReceiptDocument {
  kind: 'thermalReceipt';
  /** Characters per line of font A: 48 for 80 mm paper, 32 for 58 mm. */
  cpl: 48 | 32;
  markup: string;
}

/** Escapes text so a name or address can never turn into markup (a `|`, a `{`, a lone `-`...). */
export function escapeText(text: string): string {
  // Newlines would start new receipt lines; tabs and other controls are dropped by receiptline anyway.
  return text.replace(/[\r\n\t]+/g, ' ').replace(/[\\|{}\-=~_"`^]/g, (c) => `\\${c}`);
}

/** Escapes a property value (a QR code's data). */
export function escapeProperty(value: string): string {
  return value.replace(/[\r\n]+/g, '').replace(/[\\|{};]/g, (c) => `\\${c}`);
}
