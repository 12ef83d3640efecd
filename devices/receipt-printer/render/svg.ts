// Draws a receipt layout as SVG: white paper, black dots. Characters sit centred in
// their cells like a printer's bitmap font; rules and QR modules are filled paths.
import { layoutReceipt, type LayoutOptions } from './layout';
import type { BitmapMark, BoxMark, Mark, ReceiptLayout, TextMark } from './marks';

/** Drawing knobs. */
export interface SvgOptions {
  /** White margin around the paper, in dots (default 16). */
  margin?: number;
  /** Font families for the characters (default: WenQuanYi Micro Hei Mono, then Noto Sans Mono CJK SC). */
  fontFamily?: string;
}

const FONT = "'WenQuanYi Micro Hei Mono', 'Noto Sans Mono CJK SC', 'Noto Sans CJK SC', monospace";

/** Renders a laid-out receipt as a standalone SVG document. */
export function layoutToSvg(layout: ReceiptLayout, options: SvgOptions = {}): string {
  const margin = options.margin ?? 16;
  const width = layout.width + margin * 2;
  const height = Math.max(layout.height, 24) + margin * 2;
  const body = layout.marks.map((mark) => draw(mark, layout.width)).join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<rect width="${width}" height="${height}" fill="#fff"/>` +
    `<g transform="translate(${margin},${margin})" font-family="${escape(options.fontFamily ?? FONT)}">${body}</g></svg>`
  );
}

function draw(mark: Mark, paperWidth: number): string {
  switch (mark.kind) {
    case 'text':
      return text(mark);
    case 'box':
      return box(mark);
    case 'bitmap':
      return bitmap(mark);
    case 'cut':
      return `<path d="M0,${mark.y}H${paperWidth}" stroke="#999" stroke-width="2" stroke-dasharray="10 6"/>`;
  }
}

// One <text> per style run; each character anchored at its cell's centre, in cell units scaled by GS !.
function text(mark: TextMark): string {
  const height = mark.height;
  const parts: string[] = [];
  const left = mark.cells[0]!;
  const span = mark.cells.at(-1)! + mark.widths.at(-1)! * mark.scaleX - left;
  const transform = `translate(${left},${mark.y}) scale(${mark.scaleX},${mark.scaleY})`;
  if (mark.invert) parts.push(`<rect width="${span / mark.scaleX}" height="${height}" fill="#000"/>`);
  const xs: number[] = [];
  let chars = '';
  mark.chars.forEach((char, i) => {
    if (char === ' ') return;
    xs.push((mark.cells[i]! - left) / mark.scaleX + mark.widths[i]! / 2);
    chars += escape(char);
  });
  const size = Math.round(height * 0.92);
  const baseline = Math.round(height * 0.84);
  const weight = mark.bold ? ` stroke="${mark.invert ? '#fff' : '#000'}" stroke-width="0.8"` : '';
  if (chars) {
    parts.push(
      `<text x="${xs.join(' ')}" y="${baseline}" font-size="${size}" text-anchor="middle" fill="${mark.invert ? '#fff' : '#000'}"${weight}>${chars}</text>`,
    );
  }
  if (mark.underline) {
    parts.push(`<path d="M0,${height - 1}h${span / mark.scaleX}" stroke="#000" stroke-width="${mark.underline}"/>`);
  }
  return `<g transform="${transform}">${parts.join('')}</g>`;
}

function box(mark: BoxMark): string {
  const cx = mark.x + mark.width / 2;
  const cy = mark.y + mark.height / 2;
  const d: string[] = [];
  if (mark.left) d.push(`M${mark.x},${cy}H${cx}`);
  if (mark.right) d.push(`M${cx},${cy}H${mark.x + mark.width}`);
  if (mark.up) d.push(`M${cx},${mark.y}V${cy}`);
  if (mark.down) d.push(`M${cx},${cy}V${mark.y + mark.height}`);
  return `<path d="${d.join('')}" stroke="#000" stroke-width="2" stroke-linecap="square"/>`;
}

// Horizontal runs of black cells, one rectangle each.
function bitmap(mark: BitmapMark): string {
  const d: string[] = [];
  for (let r = 0; r < mark.rows; r++) {
    for (let c = 0; c < mark.columns;) {
      if (!mark.bits[r * mark.columns + c]) {
        c++;
        continue;
      }
      const start = c;
      while (c < mark.columns && mark.bits[r * mark.columns + c]) c++;
      const x = mark.x + start * mark.scaleX;
      const y = mark.y + r * mark.scaleY;
      d.push(`M${x},${y}h${(c - start) * mark.scaleX}v${mark.scaleY}h${-(c - start) * mark.scaleX}z`);
    }
  }
  return d.length ? `<path d="${d.join('')}" fill="#000"/>` : '';
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Plays ESC/POS bytes and draws the result: what a person would see on the paper. */
export function receiptSvg(bytes: Uint8Array, options: SvgOptions & LayoutOptions = {}): string {
  return layoutToSvg(layoutReceipt(bytes, options), options);
}
