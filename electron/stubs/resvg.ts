/**
 * Stands in for `@resvg/resvg-js` in the packaged shell (electron/vite.config.ts): the receipt
 * printer simulator's PNG preview is test tooling, and the shell shows receipts as SVG.
 */
export class Resvg {
  constructor() {
    throw new Error('PNG receipt previews are not part of the kiosk package (use the SVG preview)');
  }
}
