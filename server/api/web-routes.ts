/**
 * Serves the hall server's own pages (built by server/web/vite.config.ts into dist/server-web):
 * the staff console at /staff, the hall display at /display and a citizen's ticket page at
 * /q/:ticketId. Assets live under /web/. The pages talk only to this server, and the CSP says so.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** Where `npm run build` puts the pages. */
export const DEFAULT_WEB_DIR = path.resolve(import.meta.dirname, '../../dist/server-web');

/** Sent with every page and asset: nothing but this server, no framing (a display is not to be embedded). */
export const WEB_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The page routes and the file each one serves. */
export const webPages = [
  { url: '/staff', file: 'staff.html' },
  { url: '/display', file: 'display.html' },
  { url: '/q/:ticketId', file: 'follow.html' },
] as const;

function secureHeaders(reply: FastifyReply): void {
  reply.header('content-security-policy', WEB_CSP);
  reply.header('x-content-type-options', 'nosniff');
  reply.header('referrer-policy', 'no-referrer');
}

/** Registers the pages; without a build it answers 503 with a plain hint instead of failing to start. */
export function registerWebRoutes(app: FastifyInstance, webDir: string = DEFAULT_WEB_DIR): void {
  const built = existsSync(path.join(webDir, 'staff.html'));
  if (built) {
    app.register(fastifyStatic, {
      root: webDir,
      prefix: '/web/',
      index: false,
      // Only the built assets; the HTML pages are reached through their routes below.
      allowedPath: (pathname) => pathname.startsWith('/assets/'),
      setHeaders: (res) => {
        res.setHeader('content-security-policy', WEB_CSP);
        res.setHeader('x-content-type-options', 'nosniff');
      },
    });
  }
  for (const page of webPages) {
    app.get(page.url, async (_request, reply) => {
      secureHeaders(reply);
      // Pages change with each build; assets carry a hash and may be cached.
      reply.header('cache-control', 'no-cache');
      if (!built) {
        return reply.code(503).type('text/plain; charset=utf-8').send('页面尚未构建：请运行 npm run build');
      }
      return reply.sendFile(page.file);
    });
  }
}
