/**
 * Serves the hall server's own pages (built by server/web/vite.config.ts into dist/server-web):
 * the staff console at /staff, the hall display at /display and a citizen's ticket page at
 * /q/:ticketId. Assets live under /web/. The pages talk only to this server, and the CSP says so.
 */
import { existsSync, readFileSync } from 'node:fs';
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
  { url: '/yuyue', file: 'phone.html' },
] as const;

function secureHeaders(reply: FastifyReply): void {
  reply.header('content-security-policy', WEB_CSP);
  reply.header('x-content-type-options', 'nosniff');
  reply.header('referrer-policy', 'no-referrer');
}

export interface WebRouteOptions {
  /** Unused: the console's audit list is a hall route now (server/api/routes/staff.ts). */
  db?: unknown;
  /** Where the built pages are (default dist/server-web). */
  webDir?: string;
}

/**
 * Registers the pages. Without a build the pages answer 503
 * with a plain hint instead of the server failing to start.
 */
export function registerWebRoutes(app: FastifyInstance, { webDir = DEFAULT_WEB_DIR }: WebRouteOptions): void {
  const built = existsSync(path.join(webDir, 'staff.html'));
  if (built) {
    // Only the hashed assets are files on disk to the outside; pages are reached through their routes.
    app.register(fastifyStatic, {
      root: path.join(webDir, 'assets'),
      prefix: '/web/assets/',
      index: false,
      // Not needed here, and leaves `reply.sendFile` free for any other static folder.
      decorateReply: false,
      setHeaders: (reply) => secureHeaders(reply),
    });
  }
  for (const page of webPages) {
    // Read once: a page is a few hundred bytes and changes only with a new build (and a restart).
    const html = built ? readFileSync(path.join(webDir, page.file), 'utf8') : null;
    app.get(page.url, async (_request, reply) => {
      secureHeaders(reply);
      reply.header('cache-control', 'no-cache');
      if (html === null) {
        return reply.code(503).type('text/plain; charset=utf-8').send('页面尚未构建：请运行 npm run build');
      }
      return reply.type('text/html; charset=utf-8').send(html);
    });
  }
}
