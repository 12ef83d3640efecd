/**
 * Builds the hall server's own pages (staff console, hall display, ticket follow page) into
 * dist/server-web. The server serves them under /web/ (assets) and at /staff, /display, /q/:id.
 * They talk only to the server's own HTTP API, so the CSP allows nothing but 'self'.
 */
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

// Not `node:path`: server/web runs in a browser (eslint boundary rule); Vite fills in import.meta.dirname.
const root = import.meta.dirname;

/** The same policy the server sends as a header; the meta tag keeps it when a page is saved or proxied. */
function contentSecurityPolicy(): Plugin {
  const policy = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return {
    name: 'hall-web-csp',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: policy }, injectTo: 'head-prepend' },
    ],
  };
}

export default defineConfig({
  root,
  base: '/web/',
  plugins: [react(), contentSecurityPolicy()],
  build: {
    outDir: '../../dist/server-web',
    emptyOutDir: true,
    assetsInlineLimit: 4096,
    rolldownOptions: {
      input: {
        staff: `${root}/staff.html`,
        display: `${root}/display.html`,
        follow: `${root}/follow.html`,
        phone: `${root}/phone.html`,
      },
    },
  },
});
