/** The hall routes of contracts/hall-api.ts, wired to their handlers. */
import type { FastifyInstance } from 'fastify';
import { hallRoutes } from '../../contracts/hall-api';
import type { Database } from '../db/types';
import type { ECardIssuer } from '../ecard/e-card-issuer';
import { openSession } from '../sessions/open-session';
import { insuranceSummary } from '../sessions/summary';
import { closeSession, useSession } from '../sessions/use-session';
import { recordHeartbeat } from '../terminals/heartbeat';
import { alternativesFor } from '../fleet/alternatives';
import { registerContentRoutes } from './content-routes';
import { registerInquiryRoutes } from './inquiry-routes';
import type { CertificationConfig } from '../certification/config';
import { registerCertificationRoutes } from './certification-routes';
import { buildOpenApiDocument } from './openapi';
import { type QueueRouteOptions, registerQueueRoutes } from './queue-routes';
import { routeSchemas } from './route-schemas';
import { registerStatementRoutes } from './statement-routes';
import { terminalAuth, terminalOf } from './terminal-auth';
import { parseInput } from './validate';
import { registerWebRoutes } from './web-routes';

/** Options the routes need (the queue area's extras: clock, ticket limit, public URL). */
export interface RouteOptions extends Omit<QueueRouteOptions, 'database' | 'sessionIdleMs'> {
  database: Database;
  sessionIdleMs: number;
  /** Verifies electronic social security card codes. */
  eCard: ECardIssuer;
  /** Face certification settings. */
  certification: CertificationConfig;
}

/**
 * Registers every route; authenticated ones check the terminal before the body is even parsed.
 * Each service area registers its routes from `server/api/<area>-routes.ts`, called at the end.
 */
export function registerRoutes(app: FastifyInstance, options: RouteOptions): void {
  const { database, sessionIdleMs, eCard, certification } = options;
  const { db, kind } = database;
  const auth = terminalAuth(db);
  const r = hallRoutes;

  app.route({
    method: r.health.method,
    url: r.health.path,
    handler: async () => ({ ok: true as const, database: kind }),
  });

  app.route({
    method: r.terminalProfile.method,
    url: r.terminalProfile.path,
    onRequest: auth,
    handler: async (request) => {
      const t = terminalOf(request);
      const alternatives = await alternativesFor(db, t.terminalId, t.hallId);
      return { terminalId: t.terminalId, hallId: t.hallId, hallName: t.hallName, inService: t.inService, alternatives };
    },
  });

  app.route({
    method: r.heartbeat.method,
    url: r.heartbeat.path,
    onRequest: auth,
    handler: async (request) => {
      const body = parseInput(routeSchemas.heartbeat.body.schema, request.body, 'body');
      return recordHeartbeat(db, terminalOf(request).terminalId, body);
    },
  });

  app.route({
    method: r.openSession.method,
    url: r.openSession.path,
    onRequest: auth,
    handler: async (request, reply) => {
      const body = parseInput(routeSchemas.openSession.body.schema, request.body, 'body');
      const opened = await openSession(db, terminalOf(request), body, sessionIdleMs, eCard);
      return reply.code(201).send(opened);
    },
  });

  app.route({
    method: r.closeSession.method,
    url: r.closeSession.path,
    onRequest: auth,
    handler: async (request, reply) => {
      const { sessionId } = parseInput(routeSchemas.closeSession.params, request.params, 'params');
      await closeSession(db, terminalOf(request).terminalId, sessionId, sessionIdleMs);
      return reply.code(204).send();
    },
  });

  app.route({
    method: r.sessionSummary.method,
    url: r.sessionSummary.path,
    onRequest: auth,
    handler: async (request) => {
      const { sessionId } = parseInput(routeSchemas.sessionSummary.params, request.params, 'params');
      const session = await useSession(db, terminalOf(request).terminalId, sessionId, sessionIdleMs);
      return insuranceSummary(db, session.personId);
    },
  });

  registerStatementRoutes(app, options);

  registerInquiryRoutes(app, { db, sessionIdleMs, certification });
  registerContentRoutes(app, { db, now: options.now });
  registerCertificationRoutes(app, { database, sessionIdleMs, certification, publicBaseUrl: options.publicBaseUrl });

  app.get('/openapi.json', async (request) => buildOpenApiDocument(`${request.protocol}://${request.host}`));
  registerWebRoutes(app, { db });
  registerQueueRoutes(app, options);
}
