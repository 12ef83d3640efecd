// SVG to PNG with resvg (a Rust renderer with prebuilt binaries), loading the CJK
// fonts Debian installs so Chinese text renders as glyphs, not boxes.
import { existsSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';

/** Font files tried first; if none exists, resvg scans the system fonts (slower). */
export const CJK_FONT_FILES = Object.freeze([
  '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', // Debian fonts-wqy-microhei
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', // Debian fonts-noto-cjk
]);

/** Rasterizes an SVG to PNG bytes at `zoom` (default 1: one pixel per printer dot). */
export function svgToPng(svg: string, zoom = 1): Uint8Array {
  const fontFiles = CJK_FONT_FILES.filter((file) => existsSync(file));
  const resvg = new Resvg(svg, {
    font: {
      loadSystemFonts: fontFiles.length === 0,
      fontFiles,
      defaultFontFamily: 'WenQuanYi Micro Hei Mono',
      monospaceFamily: 'WenQuanYi Micro Hei Mono',
    },
    fitTo: { mode: 'zoom', value: zoom },
    background: '#fff',
  });
  return new Uint8Array(resvg.render().asPng());
}
