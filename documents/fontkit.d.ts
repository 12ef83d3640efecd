// fontkit ships no types; pdfkit only needs `create` from it here (see warm-font.ts).
declare module 'fontkit' {
  export function create(buffer: Buffer, postscriptName?: string): unknown;
}
