// A small ESC/POS interpreter: it plays a receipt's bytes the way a line thermal
// printer in standard mode would and records what lands on the paper. It covers
// what receiptline emits (ESC @, ESC a/$/\, GS L/W, GS !, ESC E/-/t/3/M/SP, GS B,
// FS &/./C/S/-, text, LF, GS ( k QR, GS k barcodes, GS v 0 and GS 8 L / GS ( L
// rasters, GS V cut) and ignores the rest. Layout rules follow the Epson reference
// pages of those commands; empty-line feeds and wrapping are simplified.
import { EscPosSplitter } from '../splitter';
import { barcodeGrid, qrGrid } from './codes';
import type { Mark, ReceiptLayout } from './marks';
import { rasterGrid, storedGraphicGrid, type Grid } from './raster';
import { decodeText } from './text';

/** Paper knobs. */
export interface LayoutOptions {
  /** Printable width in dots (default 576: 80 mm paper at 203 dpi, 48 columns of font A). */
  paperWidth?: number;
}

const CUT_GAP = 12;

type Pending = { mark: Mark; right: number; bottom: number };

const u16 = (b: Uint8Array, at: number) => (b[at] ?? 0) + (b[at + 1] ?? 0) * 256;

/** Plays ESC/POS bytes and returns what a printer would put on paper. */
export function layoutReceipt(bytes: Uint8Array, options: LayoutOptions = {}): ReceiptLayout {
  return new Interpreter(options.paperWidth ?? 576).run(bytes);
}

class Interpreter {
  private readonly marks: Mark[] = [];
  private line: Pending[] = [];
  private text: Uint8Array[] = [];
  private y = 0;
  private x = 0;
  private areaLeft = 0;
  private areaWidth: number;
  private align = 0;
  private sizeX = 1;
  private sizeY = 1;
  private bold = false;
  private underline = 0;
  private invert = false;
  private kanji = false;
  private codePage = 0;
  private fontB = false;
  private charSpacing = 0;
  private kanjiSpacing = 0;
  private lineSpacing = 30;
  private qr = { data: new Uint8Array(0), module: 3, level: 48 };
  private bar = { width: 3, height: 162, hri: 0 };
  private graphic: Grid | undefined;

  constructor(private readonly paperWidth: number) {
    this.areaWidth = paperWidth;
  }

  run(bytes: Uint8Array): ReceiptLayout {
    const splitter = new EscPosSplitter();
    for (const item of splitter.push(bytes)) {
      if (item.kind === 'text') this.text.push(item.bytes);
      else if (item.kind === 'command') this.command(item.name, item.bytes);
    }
    this.flushText();
    if (this.line.length > 0) this.feedLine();
    return { width: this.paperWidth, height: this.y, marks: this.marks };
  }

  private command(name: string, b: Uint8Array): void {
    this.flushText();
    const n = b[2] ?? 0;
    switch (name) {
      case 'LF':
        return this.feedLine();
      case 'ESC @':
        return this.reset();
      case 'ESC a':
        this.align = n % 48;
        return;
      case 'ESC $':
        this.x = u16(b, 2);
        return;
      case 'ESC \\':
        this.x += (u16(b, 2) << 16) >> 16;
        return;
      case 'HT':
        this.x = (Math.floor(this.x / 96) + 1) * 96;
        return;
      case 'GS L':
        this.areaLeft = Math.min(u16(b, 2), this.paperWidth);
        this.areaWidth = Math.min(this.areaWidth, this.paperWidth - this.areaLeft);
        return;
      case 'GS W':
        this.areaWidth = Math.min(u16(b, 2), this.paperWidth - this.areaLeft);
        return;
      case 'GS !':
        this.sizeX = ((n >> 4) & 7) + 1;
        this.sizeY = (n & 7) + 1;
        return;
      case 'ESC !':
        this.fontB = (n & 1) === 1;
        this.bold = (n & 8) !== 0;
        this.sizeY = n & 16 ? 2 : 1;
        this.sizeX = n & 32 ? 2 : 1;
        this.underline = n & 128 ? 1 : 0;
        return;
      case 'ESC E':
      case 'ESC G':
        this.bold = (n & 1) === 1;
        return;
      case 'ESC -':
      case 'FS -':
        this.underline = n % 48;
        return;
      case 'GS B':
        this.invert = (n & 1) === 1;
        return;
      case 'ESC M':
        this.fontB = n % 48 === 1;
        return;
      case 'ESC SP':
        this.charSpacing = n;
        return;
      case 'FS S':
        this.kanjiSpacing = n + (b[3] ?? 0);
        return;
      case 'FS &':
        this.kanji = true;
        return;
      case 'FS .':
        this.kanji = false;
        return;
      case 'ESC t':
        this.codePage = n;
        return;
      case 'ESC 3':
        this.lineSpacing = n;
        return;
      case 'ESC 2':
        this.lineSpacing = 30;
        return;
      case 'ESC d':
        this.feedLine();
        this.y += n * this.lineSpacing;
        return;
      case 'ESC J':
        this.feedLine();
        this.y += n;
        return;
      case 'GS V':
        // Feed to the cutter: the head-to-cutter distance depends on the model; a fixed gap keeps text clear of the cut.
        if (this.line.length > 0) this.feedLine();
        this.y += CUT_GAP + (n >= 65 ? (b[3] ?? 0) : 0);
        this.marks.push({ kind: 'cut', y: this.y });
        return;
      case 'GS v 0':
        return this.block(rasterGrid(b));
      case 'GS 8 L':
        this.graphic = storedGraphicGrid(b, 7) ?? this.graphic;
        return;
      case 'GS ( L':
        if (b[6] === 112) this.graphic = storedGraphicGrid(b, 5) ?? this.graphic;
        else if (b[6] === 50 || b[6] === 2) this.printGraphic();
        return;
      case 'GS ( k':
        return this.qrCommand(b);
      case 'GS w':
        this.bar.width = n;
        return;
      case 'GS h':
        this.bar.height = n;
        return;
      case 'GS H':
        this.bar.hri = n % 48;
        return;
      case 'GS k':
        return this.printBarcode(b);
    }
  }

  private reset(): void {
    if (this.line.length > 0) this.feedLine();
    Object.assign(this, {
      x: 0,
      areaLeft: 0,
      areaWidth: this.paperWidth,
      align: 0,
      sizeX: 1,
      sizeY: 1,
      bold: false,
      underline: 0,
      invert: false,
      kanji: false,
      codePage: 0,
      fontB: false,
      charSpacing: 0,
      kanjiSpacing: 0,
      lineSpacing: 30,
    });
  }

  private flushText(): void {
    if (this.text.length === 0) return;
    const size = this.text.reduce((n, t) => n + t.length, 0);
    const bytes = new Uint8Array(size);
    let at = 0;
    for (const t of this.text) {
      bytes.set(t, at);
      at += t.length;
    }
    this.text = [];
    const cellHeight = this.fontB ? 17 : 24;
    for (const printed of decodeText(bytes, this.kanji, this.codePage)) {
      const width = printed.wide ? 24 : this.fontB ? 9 : 12;
      const advance = (width + (printed.wide ? this.kanjiSpacing : this.charSpacing)) * this.sizeX;
      if (this.x + advance > this.areaWidth && this.x > 0) this.feedLine();
      const x = this.areaLeft + this.x;
      const height = (printed.wide ? 24 : cellHeight) * this.sizeY;
      const scaledWidth = width * this.sizeX;
      if (printed.box) {
        this.place({ kind: 'box', x, y: 0, width: scaledWidth, height, ...printed.box }, scaledWidth, height);
      } else {
        // A space draws nothing but still gives the line its height.
        this.placeChar(printed.char, x, width, printed.wide ? 24 : cellHeight);
      }
      this.x += advance;
    }
  }

  // Characters in the same style next to each other share one text mark.
  private placeChar(char: string, x: number, width: number, height: number): void {
    const last = this.line.at(-1)?.mark;
    const style = { scaleX: this.sizeX, scaleY: this.sizeY, bold: this.bold, underline: this.underline };
    if (
      last?.kind === 'text' &&
      last.scaleX === style.scaleX &&
      last.scaleY === style.scaleY &&
      last.bold === style.bold &&
      last.underline === style.underline &&
      last.invert === this.invert &&
      last.height === height
    ) {
      last.chars.push(char);
      last.cells.push(x);
      last.widths.push(width);
      const pending = this.line.at(-1)!;
      pending.right = Math.max(pending.right, x + width * this.sizeX);
      return;
    }
    const mark: Mark = {
      kind: 'text',
      x,
      y: 0,
      chars: [char],
      cells: [x],
      widths: [width],
      height,
      ...style,
      invert: this.invert,
    };
    this.place(mark, width * this.sizeX, height * this.sizeY);
  }

  private place(mark: Mark, width: number, height: number): void {
    const x = 'x' in mark ? mark.x : 0;
    this.line.push({ mark, right: x + width, bottom: height });
  }

  // Print the line buffer: align it, drop it on the paper, feed past it.
  private feedLine(): void {
    const height = this.line.reduce((h, p) => Math.max(h, p.bottom), 0);
    const right = this.line.reduce((r, p) => Math.max(r, p.right), this.areaLeft);
    const shift = this.alignShift(right - this.areaLeft);
    for (const { mark } of this.line) {
      if (mark.kind === 'cut') continue;
      mark.x += shift;
      mark.y =
        this.y + (height - (mark.kind === 'text' ? mark.height * mark.scaleY : mark.kind === 'box' ? mark.height : 0));
      if (mark.kind === 'text') mark.cells = mark.cells.map((c) => c + shift);
      this.marks.push(mark);
    }
    this.y += Math.max(height, this.lineSpacing);
    this.line = [];
    this.x = 0;
  }

  private alignShift(width: number): number {
    if (this.align === 1) return Math.max(0, Math.floor((this.areaWidth - width) / 2));
    if (this.align === 2) return Math.max(0, this.areaWidth - width);
    return 0;
  }

  // Codes and images print at once, on lines of their own, aligned in the print area.
  private block(grid: Grid): void {
    if (this.line.length > 0) this.feedLine();
    const width = grid.columns * grid.scaleX;
    const x = this.areaLeft + this.alignShift(width);
    this.marks.push({ kind: 'bitmap', x, y: this.y, ...grid });
    this.y += grid.rows * grid.scaleY;
    this.x = 0;
  }

  private printGraphic(): void {
    if (this.graphic) this.block(this.graphic);
  }

  // GS ( k cn=49 (QR): 65 model, 67 module size, 69 level, 80 store, 81 print.
  private qrCommand(b: Uint8Array): void {
    if (b[5] !== 0x31) return;
    const fn = b[6];
    if (fn === 0x43) this.qr.module = Math.max(1, Math.min(16, b[7] ?? 3));
    else if (fn === 0x45) this.qr.level = b[7] ?? 48;
    else if (fn === 0x50) this.qr.data = b.slice(8);
    else if (fn === 0x51) {
      const grid = qrGrid(this.qr.data, this.qr.module, this.qr.level);
      if (grid) this.block(grid);
    }
  }

  private printBarcode(b: Uint8Array): void {
    const m = b[2]!;
    const data = m <= 6 ? b.subarray(3, b.length - 1) : b.subarray(4, 4 + (b[3] ?? 0));
    const code = barcodeGrid(m, data, Math.max(1, this.bar.width), Math.max(1, this.bar.height));
    if (!code) return;
    // Human-readable text in font A, centred like the bars (GS H 1 above, 2 below, 3 both).
    const hri = () => {
      const chars = [...code.text];
      const x = this.areaLeft + this.alignShift(chars.length * 12);
      const cells = chars.map((_, i) => x + i * 12);
      const widths = chars.map(() => 12);
      const style = { scaleX: 1, scaleY: 1, bold: false, underline: 0, invert: false };
      this.marks.push({ kind: 'text', x, y: this.y, chars, cells, widths, height: 24, ...style });
      this.y += 24;
    };
    if (this.bar.hri === 1 || this.bar.hri === 3) hri();
    this.block(code.grid);
    if (this.bar.hri === 2 || this.bar.hri === 3) hri();
  }
}
