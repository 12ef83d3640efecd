/**
 * Serves the hall server's own pages (built by server/web/vite.config.ts into dist/server-web):
 * the staff console at /staff, the hall display at /display and a citizen's ticket page at
 * /q/:ticketId. Assets live under /web/. The pages talk only to this server, and the CSP says so.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import { and, desc, eq, inArray, or } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { type AuditEntryView, AuditListResponse, AuditQuery, staffAuditRoutes } from '../../contracts/staff-audit';
import { auditLog, staff, terminals } from '../db/schema';
import type { Db } from '../db/types';
import { requireRole, staffAuth, staffOf } from '../staff/staff-auth';
import type { RouteSchemas } from './route-schemas';
import { parseInput } from './validate';

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

/** The recent audit entries of one hall: what its staff did and what happened on its terminals. */
export async function recentAudit(db: Db, hallId: string, limit: number): Promise<AuditEntryView[]> {
  const hallStaff = db.select({ id: staff.id }).from(staff).where(eq(staff.hallId, hallId));
  const hallTerminals = db.select({ id: terminals.id }).from(terminals).where(eq(terminals.hallId, hallId));
  const rows = await db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      actorKind: auditLog.actorKind,
      actorId: auditLog.actorId,
      terminalId: auditLog.terminalId,
      action: auditLog.action,
      result: auditLog.result,
      subjectId: auditLog.subjectId,
    })
    .from(auditLog)
    .where(
      or(
        and(eq(auditLog.actorKind, 'staff'), inArray(auditLog.actorId, hallStaff)),
        inArray(auditLog.terminalId, hallTerminals),
      ),
    )
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit);
  return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
}

/** The activity list's schemas, for validation and the OpenAPI document. */
export const webRouteSchemas = {
  staffAudit: {
    summary: "Recent audit entries of the staff member's hall (ids and codes only); supervisors and admins",
    query: AuditQuery,
    response: { status: 200, schema: AuditListResponse, name: 'AuditListResponse' },
    errors: [400, 401, 403],
  },
} satisfies { [K in keyof typeof staffAuditRoutes]: RouteSchemas };

export interface WebRouteOptions {
  db: Db;
  /** Where the built pages are (default dist/server-web). */
  webDir?: string;
}

/**
 * Registers the pages and the console's read-only audit list. Without a build the pages answer 503
 * with a plain hint instead of the server failing to start.
 */
export function registerWebRoutes(app: FastifyInstance, { db, webDir = DEFAULT_WEB_DIR }: WebRouteOptions): void {
  app.route({
    method: staffAuditRoutes.staffAudit.method,
    url: staffAuditRoutes.staffAudit.path,
    onRequest: staffAuth(db),
    handler: async (request) => {
      const who = staffOf(request);
      requireRole(who, ['supervisor', 'admin']);
      const { limit } = parseInput(webRouteSchemas.staffAudit.query, request.query, 'query');
      return { entries: await recentAudit(db, who.hallId, limit) };
    },
  });

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
