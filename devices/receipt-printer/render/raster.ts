// Raster images as ESC/POS carries them, unpacked into dot grids: GS v 0 (print
// now) and the graphics store of GS 8 L / GS ( L fn 112 (print later with fn 50).
// Layouts from the Epson reference pages gs_lv_0.html and gs_lparen_cl_fn112.html.
import type { BitmapMark } from './marks';

/** A dot grid without a position. */
export type Grid = Omit<BitmapMark, 'kind' | 'x' | 'y'>;

const u16 = (b: Uint8Array, at: number) => (b[at] ?? 0) + (b[at + 1] ?? 0) * 256;

/** GS v 0 m xL xH yL yH d...: (xL + xH × 256) bytes per row; m 1/49 doubles the width, 2/50 the height, 3/51 both. */
export function rasterGrid(command: Uint8Array): Grid {
  const m = (command[3] ?? 0) % 48;
  const grid = unpack(command.subarray(8), u16(command, 4), u16(command, 6));
  return { ...grid, scaleX: m & 1 ? 2 : 1, scaleY: m & 2 ? 2 : 1 };
}

/**
 * The raster of a "store graphics" command (fn 112), whose parameters start at `at`
 * (7 for GS 8 L, 5 for GS ( L): m fn a bx by c xL xH yL yH d...; undefined for another function.
 */
export function storedGraphicGrid(command: Uint8Array, at: number): Grid | undefined {
  if (command[at + 1] !== 112) return undefined;
  const width = u16(command, at + 6);
  const grid = unpack(command.subarray(at + 10), Math.ceil(width / 8), u16(command, at + 8));
  return { ...grid, scaleX: command[at + 3] ?? 1, scaleY: command[at + 4] ?? 1 };
}

/** Packed rows of bits (most significant bit = leftmost dot) into one byte per dot. */
export function unpack(data: Uint8Array, bytesPerRow: number, rows: number): Grid {
  const columns = bytesPerRow * 8;
  const bits = new Uint8Array(columns * rows);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      const byte = data[r * bytesPerRow + (c >> 3)] ?? 0;
      bits[r * columns + c] = (byte >> (7 - (c & 7))) & 1;
    }
  }
  return { columns, rows, bits, scaleX: 1, scaleY: 1 };
}
