// Our receiptline "printer": its stock ESC/POS (Epson thermal) command set with three
// changes. QR codes use the printer's own GS ( k QR commands instead of a raster
// (short on the wire, sharp on paper, and what Chinese kiosk printers implement);
// images use GS v 0, the raster command nearly every ESC/POS clone accepts; and the
// closing GS r 1 is dropped, because the driver ends every job with GS ( H and reads
// completion from that instead (see driver.ts).
import { commands, type BaseCommand, type QRCode } from 'receiptline';
import { encodeQrCode, QR_MAX_BYTES } from './commands';

/** A fresh receiptline command set for a kiosk printer (receiptline copies it per transform). */
export function kioskCommandSet(): BaseCommand {
  const escpos = commands.escpos;
  return Object.assign({}, escpos, {
    image: commands.generic.image,
    close(this: BaseCommand): string {
      return this.cutting ? this.cut() : '';
    },
    qrcode(symbol: QRCode): string {
      const data = new TextEncoder().encode(symbol.data).subarray(0, QR_MAX_BYTES);
      if (data.length === 0) return '';
      const bytes = encodeQrCode(data, symbol.cell, symbol.level);
      // receiptline assembles commands as binary strings, one char per byte.
      return Buffer.from(bytes).toString('latin1');
    },
  });
}
