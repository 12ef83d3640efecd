// 2D codes and barcodes as dot grids, drawn from the data the printer was sent, with
// receiptline's own generators (`qrcode`, `barcode`), so the picture encodes what a
// printer would: same content, though a printer may pick another QR mask or mode.
import { barcode, qrcode, type Barcode } from 'receiptline';
import type { Grid } from './raster';

const QR_LEVEL: Record<number, 'l' | 'm' | 'q' | 'h'> = { 48: 'l', 49: 'm', 50: 'q', 51: 'h' };

/** The QR symbol for stored GS ( k data; undefined if it cannot be encoded. */
export function qrGrid(data: Uint8Array, moduleSize: number, level: number): Grid | undefined {
  const text = new TextDecoder().decode(data);
  try {
    const matrix = qrcode.generate({ data: text, type: 'qrcode', cell: moduleSize, level: QR_LEVEL[level] ?? 'l' });
    const size = matrix.length;
    if (size === 0) return undefined;
    const bits = new Uint8Array(size * size);
    matrix.forEach((row, y) => row.forEach((v, x) => (bits[y * size + x] = v ? 1 : 0)));
    return { columns: size, rows: size, bits, scaleX: moduleSize, scaleY: moduleSize };
  } catch {
    return undefined;
  }
}

const BARCODE_TYPES: Record<number, Barcode['type']> = {
  0: 'upc',
  1: 'upc',
  2: 'ean',
  3: 'ean',
  4: 'code39',
  5: 'itf',
  6: 'codabar',
  65: 'upc',
  66: 'upc',
  67: 'ean',
  68: 'ean',
  69: 'code39',
  70: 'itf',
  71: 'codabar',
  72: 'code93',
  73: 'code128',
};

/** The bars of a GS k barcode (one row, `height` dots tall) and its human-readable text. */
export function barcodeGrid(
  m: number,
  data: Uint8Array,
  moduleWidth: number,
  height: number,
): { grid: Grid; text: string } | undefined {
  const type = BARCODE_TYPES[m];
  if (!type) return undefined;
  const text = m === 73 ? decodeCode128(data) : String.fromCharCode(...data);
  try {
    const form = barcode.generate({ data: text, type, width: moduleWidth, height, hri: false });
    if (!form.widths?.length) return undefined;
    const bits = new Uint8Array(form.length);
    let x = 0;
    form.widths.forEach((w, i) => {
      if (i % 2 === 1) bits.fill(1, x, x + w);
      x += w;
    });
    return { grid: { columns: form.length, rows: 1, bits, scaleX: 1, scaleY: height }, text: form.text ?? text };
  } catch {
    return undefined;
  }
}

/** GS k CODE128 data back to text: `{A` `{B` `{C` pick code sets, `{S` shifts one, `{{` is '{'; set C bytes are digit pairs. */
export function decodeCode128(data: Uint8Array): string {
  let set = 'B';
  let out = '';
  for (let i = 0; i < data.length; i++) {
    const b = data[i]!;
    if (b === 0x7b && i + 1 < data.length) {
      const code = String.fromCharCode(data[++i]!);
      if (code === 'A' || code === 'B' || code === 'C') set = code;
      else if (code === '{') out += '{';
      else if (code === 'S' && i + 1 < data.length) out += String.fromCharCode(data[++i]!);
      continue;
    }
    out += set === 'C' ? String(b).padStart(2, '0') : String.fromCharCode(b);
  }
  return out;
}
