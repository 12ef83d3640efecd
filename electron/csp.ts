/** The renderer's Content-Security-Policy: everything from our own origin, nothing remote. */

const production: Record<string, string[]> = {
  'default-src': ["'self'"],
  // The face model runs as WebAssembly; no eval of JavaScript. blob: for tfjs's WebAssembly thread
  // workers and the script they import, both made by the page itself.
  'script-src': ["'self'", "'wasm-unsafe-eval'", 'blob:'],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'media-src': ["'self'", 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'worker-src': ["'self'", 'blob:'],
  'object-src': ["'none'"],
  'frame-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

/**
 * The policy for the renderer. With a dev server origin, also what Vite's dev client needs
 * (its inline preamble, injected styles and the HMR WebSocket); never in production.
 */
export function contentSecurityPolicy(devOrigin?: string): string {
  const directives = structuredClone(production);
  if (devOrigin) {
    const ws = devOrigin.replace(/^http/, 'ws');
    directives['script-src']?.push("'unsafe-inline'");
    directives['style-src']?.push("'unsafe-inline'");
    directives['connect-src']?.push(ws);
  }
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}
