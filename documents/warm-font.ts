/**
 * Parsed fonts kept across documents. pdfkit takes an already parsed fontkit font; one parsed once
 * per process keeps its decoded tables (cmap, glyf, loca, hmtx, GSUB/GPOS), its glyphs and its
 * layout engine warm, so a statement no longer reads the 5 MB collection and decodes the tables
 * it needs all over again (most of a one-page statement's time before). Each document still makes
 * its own subset; the font object is only read, and rendering is synchronous, so documents can share it.
 */
import { readFileSync } from 'node:fs';
import { create } from 'fontkit';

/** The part of a fontkit font pdfkit needs to accept it as parsed (it checks for `layout`). */
export interface ParsedFont {
  layout(text: string): unknown;
  postscriptName: string;
}

const byPath = new Map<string, ParsedFont>();
const byBytes = new WeakMap<Uint8Array, Map<string, ParsedFont>>();

function parse(bytes: Uint8Array, postscriptName: string | undefined): ParsedFont {
  const font = create(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), postscriptName) as unknown;
  if (!font || typeof (font as ParsedFont).layout !== 'function') {
    throw new Error(`not a font face${postscriptName ? ` named ${postscriptName}` : ''}`);
  }
  return font as ParsedFont;
}

/** The parsed face of a font file or collection (by PostScript name), parsed on first use. */
export function warmFont(source: { path?: string; bytes?: Uint8Array; postscriptName?: string }): ParsedFont {
  const face = source.postscriptName ?? '';
  if (source.bytes) {
    let faces = byBytes.get(source.bytes);
    if (!faces) byBytes.set(source.bytes, (faces = new Map()));
    let font = faces.get(face);
    if (!font) faces.set(face, (font = parse(source.bytes, source.postscriptName)));
    return font;
  }
  if (!source.path) throw new Error('a font needs a path or bytes');
  const key = `${source.path}\0${face}`;
  let font = byPath.get(key);
  if (!font) byPath.set(key, (font = parse(readFileSync(source.path), source.postscriptName)));
  return font;
}
