// Code page 1 (Epson "Katakana") box-drawing bytes, which receiptline prints for
// rules and table borders ('\x95' ─, '\x96' │, corners and tees; see its vrtable).
// Each maps to the sides its lines run to from the cell's centre.

/** Sides of a box-drawing character. */
export interface BoxSides {
  up: boolean;
  down: boolean;
  left: boolean;
  right: boolean;
}

const side = (spec: string): BoxSides => ({
  up: spec.includes('u'),
  down: spec.includes('d'),
  left: spec.includes('l'),
  right: spec.includes('r'),
});

const BOX: Readonly<Record<number, BoxSides>> = Object.freeze({
  0x8f: side('udlr'), // ┼
  0x90: side('ulr'), // ┴
  0x91: side('dlr'), // ┬
  0x92: side('udl'), // ┤
  0x93: side('udr'), // ├
  0x95: side('lr'), // ─
  0x96: side('ud'), // │
  0x98: side('dr'), // ┌
  0x99: side('dl'), // ┐
  0x9a: side('ur'), // └
  0x9b: side('ul'), // ┘
  0x9c: side('dr'), // ╭
  0x9d: side('dl'), // ╮
  0x9e: side('ur'), // ╰
  0x9f: side('ul'), // ╯
});

/** The sides of a code page 1 box-drawing byte, or undefined for any other byte. */
export function boxSides(byte: number): BoxSides | undefined {
  return BOX[byte];
}
