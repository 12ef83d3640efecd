// What a person sees: a Chinese receipt printed through the driver, drawn by the
// simulator from the bytes it received, as a PNG in test-results/receipts/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { transform } from 'receiptline';
import { layoutReceipt, type BitmapMark } from '../../devices/receipt-printer/codec';
import { buildReceiptJob } from '../../devices/receipt-printer/job';
import { svgToPng } from '../../devices/receipt-printer/render/png';
import { printerRig } from './receipt-printer-fixtures';

const OUT = join(import.meta.dirname, '..', '..', 'test-results', 'receipts');

const RECEIPT = [
  '^^^^A017',
  '',
  '^社保业务 排队号',
  '前面还有 | 3 人',
  '取号时间 | 2025-03-04 09:15',
  '-',
  '{code:https://hall.example.cn/t/A017; option:qrcode,6,m}',
  '扫码查看排队进度',
  '{code:SB2025030400017; option:code128,2,72,hri}',
  '"请保留本回执" 热线 12333',
].join('\n');

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

describe('receipt rendering from the received bytes', () => {
  it('draws the printed receipt with Chinese text, QR code, barcode and cut', async () => {
    const { driver, simulator } = await printerRig();
    const job = buildReceiptJob(RECEIPT);
    expect((await driver.print({ escpos: job.escpos })).ok).toBe(true);

    const svg = simulator.lastReceiptSvg();
    expect(svg).toBeDefined();
    for (const char of '社保业务排队号前面还有人请保留本回执热线') expect(svg).toContain(char);

    const layout = layoutReceipt(simulator.receipts[0]!.bytes);
    const kinds = layout.marks.map((m) => m.kind);
    expect(kinds).toContain('cut');
    // One QR symbol (a square grid: 29 modules for this URL at level M) and one barcode row.
    const grids = layout.marks.filter((m) => m.kind === 'bitmap');
    expect(grids.map((g) => (g.kind === 'bitmap' ? [g.columns === g.rows, g.scaleX] : []))).toEqual([
      [true, 6],
      [false, 1],
    ]);
    const ticketNo = layout.marks.find((m) => m.kind === 'text' && m.chars.join('') === 'A017');
    expect(ticketNo).toMatchObject({ scaleX: 3, scaleY: 3 });

    const png = simulator.renderPng();
    expect(png).toBeDefined();
    mkdirSync(OUT, { recursive: true });
    writeFileSync(join(OUT, 'queue-ticket.png'), png!);
    writeFileSync(join(OUT, 'queue-ticket.svg'), svg!);
    writeFileSync(join(OUT, 'queue-ticket-receiptline-preview.svg'), job.svg);
    expect([...png!.subarray(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
    const size = pngSize(png!);
    expect(size.width).toBe(576 + 32); // 80 mm of dots plus margins
    expect(size.height).toBeGreaterThan(500);
    expect(size.height).toBeLessThan(1500);
  });

  it('draws raster images the same from GS v 0 (ours) and GS 8 L / GS ( L (stock receiptline)', () => {
    // A 64 × 32 logo: a black bar over the left half.
    const logo = svgToPng(
      '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="32"><rect width="64" height="32" fill="#fff"/><rect width="32" height="16" fill="#000"/></svg>',
    );
    const doc = `{image:${Buffer.from(logo).toString('base64')}}`;
    const ours = buildReceiptJob(doc).escpos;
    const stock = Uint8Array.from(Buffer.from(transform(doc, { command: 'escpos', encoding: 'gb18030' }), 'latin1'));
    expect(Buffer.from(ours).includes(Buffer.from([0x1d, 0x76, 0x30]))).toBe(true);
    expect(Buffer.from(stock).includes(Buffer.from([0x1d, 0x38, 0x4c]))).toBe(true);
    const bitmaps = [ours, stock].map(
      (bytes) => layoutReceipt(bytes).marks.filter((m) => m.kind === 'bitmap') as BitmapMark[],
    );
    for (const [image] of bitmaps) {
      expect([image!.columns, image!.rows]).toEqual([64, 32]);
      const black = (x: number, y: number) => image!.bits[y * image!.columns + x];
      expect([black(0, 0), black(31, 15), black(32, 0), black(0, 16), black(63, 31)]).toEqual([1, 1, 0, 0, 0]);
    }
    expect(Buffer.from(bitmaps[0]![0]!.bits).equals(Buffer.from(bitmaps[1]![0]!.bits))).toBe(true);
  });
});
