/**
 * Builds the two renderer pages (the kiosk UI and the device simulator) into dist/renderer.
 * `base: './'` so Electron can load them from file://; everything is bundled, nothing is
 * fetched from the network at run time (fonts come from the system's CJK font stack).
 */
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

// Not `node:path`: renderer/ may not import Node modules (eslint boundary rule). Vite replaces
// import.meta.dirname with this file's folder when it bundles the config.
const root = import.meta.dirname;

/**
 * A strict Content-Security-Policy for built pages only (the dev server injects inline
 * scripts for fast refresh). `connect-src 'self'` also allows ws:// back to the serving host.
 */
function contentSecurityPolicy(): Plugin {
  const policy = [
    "default-src 'self'",
    // The face engine compiles tfjs's WebAssembly backend (renderer/src/face); its thread workers
    // and the script they import are blob: URLs made by the page (cross-origin isolated pages only).
    "script-src 'self' 'wasm-unsafe-eval' blob:",
    "worker-src 'self' blob:",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return {
    name: 'kiosk-csp',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: policy }, injectTo: 'head-prepend' },
    ],
  };
}

export default defineConfig({
  root,
  base: './',
  plugins: [react(), contentSecurityPolicy()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // No inlined data: assets beyond tiny ones; nothing is loaded from a CDN.
    assetsInlineLimit: 4096,
    rolldownOptions: {
      input: {
        index: `${root}/index.html`,
        simulator: `${root}/simulator.html`,
        // Face engine lab: camera preview, an attempt, figures; for tuning at a hall and the browser tests.
        'face-lab': `${root}/face-lab.html`,
      },
    },
  },
});
