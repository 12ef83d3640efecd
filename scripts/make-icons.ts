/**
 * Draws the installer icons from build/icon.svg: build/icons/<n>x<n>.png for Linux and
 * build/icon.ico (PNG entries) for Windows. Run once after changing the SVG; the outputs are committed.
 *
 *   npx tsx scripts/make-icons.ts
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';

const root = path.resolve(import.meta.dirname, '..');
const svg = readFileSync(path.join(root, 'build/icon.svg'), 'utf8');
const fontFiles = ['/usr/share/fonts/truetype/wqy/wqy-microhei.ttc'];

function png(size: number): Buffer {
  const resvg = new Resvg(svg, { font: { fontFiles, loadSystemFonts: false }, fitTo: { mode: 'width', value: size } });
  return Buffer.from(resvg.render().asPng());
}

/** An ICO file whose images are PNGs (Windows Vista and later read these). */
function ico(images: Array<{ size: number; data: Buffer }>): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ size, data }) => {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size >= 256 ? 0 : size, 0);
    entry.writeUInt8(size >= 256 ? 0 : size, 1);
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(data.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += data.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...images.map((i) => i.data)]);
}

mkdirSync(path.join(root, 'build/icons'), { recursive: true });
for (const size of [16, 32, 48, 64, 128, 256, 512]) {
  writeFileSync(path.join(root, `build/icons/${size}x${size}.png`), png(size));
}
writeFileSync(path.join(root, 'build/icon.ico'), ico([16, 32, 48, 256].map((size) => ({ size, data: png(size) }))));
console.log('build/icons/*.png and build/icon.ico written');
