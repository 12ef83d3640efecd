/** Prints a queue ticket on the receipt printer and reports its fate as a PrintOutcome. */
import type { PrintOutcome, QueueTicket } from '../../contracts';
import { buildReceiptJob } from '../../devices/receipt-printer/job';
import { ticketReceipt } from '../../documents/receipts/ticket';
import { DeviceJobError, type DeviceManager } from '../device-manager/device-manager';
import { log } from '../log';

/** The receipt for a ticket: the layout from documents/, the bytes from devices/. */
export function ticketJob(ticket: QueueTicket): Uint8Array {
  const doc = ticketReceipt({
    ticketNo: ticket.number,
    categoryName: ticket.categoryName,
    peopleAhead: ticket.peopleAhead,
    estimatedWaitMin: ticket.estimatedWaitMin,
    hallName: ticket.hallName,
    hallAddress: ticket.hallAddress || null,
    issuedAt: ticket.issuedAt,
    timeZone: ticket.hallTimeZone,
    followUrl: ticket.followUrl,
  });
  return buildReceiptJob(doc.markup, { width: doc.cpl }).escpos;
}

/**
 * Prints; never throws. `jobId` differs per attempt (the driver refuses an id it printed before),
 * so a reprint after paper-out is a new job of the same ticket.
 */
export async function printReceipt(
  devices: Pick<DeviceManager, 'printReceipt'>,
  escpos: Uint8Array,
  jobId: string,
  onError: (code: string) => void,
): Promise<PrintOutcome> {
  try {
    await devices.printReceipt({ escpos, id: jobId });
    return { printed: true };
  } catch (error) {
    const reason = error instanceof DeviceJobError ? error.reason : 'failed';
    log.warn('queue', `a receipt did not print (${reason})`);
    onError(`receiptPrinter:${reason}`);
    return { printed: false, reason };
  }
}
