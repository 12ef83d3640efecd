/** Which services a failed device pauses, as sentences from the locale file (pure, for the attract screen). */
import type { DeviceHealth } from '../../../contracts';
import type { Messages } from '../i18n';

/** Reasons that mean the device is not there (cable pulled, port gone, no answer). */
const GONE = new Set([
  'disconnected',
  'transportClosed',
  'notOpen',
  'noResponse',
  'writeFailed',
  'offline',
  'printerNotFound',
]);

/** One sentence per failed device; the ID card reader and the camera have their own screens. */
export function deviceNotices(t: Messages, devices: readonly DeviceHealth[]): string[] {
  const n = t.attract.deviceNotices;
  const out: string[] = [];
  for (const d of devices) {
    if (d.state !== 'failed') continue;
    const reason = d.reason ?? '';
    switch (d.device) {
      case 'receiptPrinter':
        out.push(
          reason === 'paperOut' || reason === 'coverOpen'
            ? n.receiptPrinter[reason]
            : GONE.has(reason)
              ? n.receiptPrinter.disconnected
              : n.receiptPrinter.other,
        );
        break;
      case 'a4Printer':
        out.push(
          reason === 'paperOut'
            ? n.a4Printer.paperOut
            : GONE.has(reason)
              ? n.a4Printer.disconnected
              : n.a4Printer.other,
        );
        break;
      case 'ssCardReader':
        out.push(n.ssCardReader);
        break;
      case 'qrScanner':
        out.push(n.qrScanner);
        break;
      default:
        break;
    }
  }
  return out;
}
