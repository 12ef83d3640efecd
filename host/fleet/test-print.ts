/** The maintenance test print's bytes: layout from documents/, ESC/POS from devices/. */
import { buildReceiptJob } from '../../devices/receipt-printer/job';
import { testPrintReceipt } from '../../documents/receipts/test-print';

/** ESC/POS bytes of the test receipt. */
export function testPrintJob(terminalId: string, at: string): Uint8Array {
  const doc = testPrintReceipt(terminalId, at);
  return buildReceiptJob(doc.markup, { width: doc.cpl }).escpos;
}
