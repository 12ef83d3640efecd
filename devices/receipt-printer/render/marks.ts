// What a receipt looks like on paper, in printer dots (203 dpi: 8 dots per mm),
// independent of any image format.

/** A run of characters in one style; `cells[i]` is the left edge of `chars[i]`'s cell. */
export interface TextMark {
  kind: 'text';
  x: number;
  y: number;
  chars: string[];
  cells: number[];
  /** Cell widths before scaling (12 for font A half-width, 24 for a Chinese character). */
  widths: number[];
  /** Cell height before scaling. */
  height: number;
  scaleX: number;
  scaleY: number;
  bold: boolean;
  underline: number;
  invert: boolean;
}

/** A box-drawing character from code page 1 (rules and tables), drawn as lines. */
export interface BoxMark {
  kind: 'box';
  x: number;
  y: number;
  width: number;
  height: number;
  /** Which sides the lines run to from the cell's centre. */
  up: boolean;
  down: boolean;
  left: boolean;
  right: boolean;
}

/** A grid of dots (raster image or QR modules); `bits[row * columns + column]` is 1 for black. */
export interface BitmapMark {
  kind: 'bitmap';
  x: number;
  y: number;
  columns: number;
  rows: number;
  bits: Uint8Array;
  /** Dots per grid cell. */
  scaleX: number;
  scaleY: number;
}

/** The paper was cut here. */
export interface CutMark {
  kind: 'cut';
  y: number;
}

/** Something on the paper. */
export type Mark = TextMark | BoxMark | BitmapMark | CutMark;

/** A receipt as printed: paper width, length fed, and what is on it. */
export interface ReceiptLayout {
  width: number;
  height: number;
  marks: Mark[];
}
