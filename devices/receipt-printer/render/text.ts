// Turns a text run's bytes into printed characters the way an ESC/POS printer with
// a Chinese font does: in double-byte mode (FS &) a lead byte 0x81..0xFE starts a
// GB18030 character of two bytes, or four when the next byte is a digit 0x30..0x39;
// everything else is one single-byte character of the selected code page.
import iconv from 'iconv-lite';
import { boxSides, type BoxSides } from './box';

/** One printed character: its text, whether it takes a double-width cell, or box lines. */
export type PrintedChar = { char: string; wide: boolean; box?: undefined } | { box: BoxSides; wide: false; char: '' };

/** Decodes a text run; `codePage` is the ESC t page for single-byte characters. */
export function decodeText(bytes: Uint8Array, kanji: boolean, codePage: number): PrintedChar[] {
  const out: PrintedChar[] = [];
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i]!;
    if (b < 0x80) {
      out.push({ char: String.fromCharCode(b), wide: false });
      i += 1;
      continue;
    }
    if (kanji && b >= 0x81 && b <= 0xfe) {
      const next = bytes[i + 1];
      const size = next !== undefined && next >= 0x30 && next <= 0x39 ? 4 : 2;
      const seq = bytes.subarray(i, i + size);
      // A character cut short by the end of the run prints as a replacement glyph.
      out.push({ char: seq.length === size ? iconv.decode(Buffer.from(seq), 'gb18030') : '\ufffd', wide: true });
      i += size;
      continue;
    }
    const box = codePage === 1 ? boxSides(b) : undefined;
    if (box) out.push({ box, wide: false, char: '' });
    else out.push({ char: iconv.decode(Buffer.of(b), 'cp437'), wide: false });
    i += 1;
  }
  return out;
}
