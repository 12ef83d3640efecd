/** Every hall route of contracts/hall-api.ts, registered from the table with its area's handlers. */
import type { FastifyInstance } from 'fastify';
import { hallRoutes } from '../../contracts/hall-api';
import { buildOpenApiDocument } from './openapi';
import { type RouteHandlers, registerHallRoutes } from './register';
import type { RouteOptions } from './route-options';
import { appointmentPhoneHandlers } from './routes/appointment-phone';
import { appointmentHandlers } from './routes/appointments';
import { faceChallengeHandlers } from './routes/face-challenge';
import { certificationHandlers } from './routes/certification';
import { noticeHandlers } from './routes/notices';
import { contentHandlers } from './routes/content';
import { coreHandlers } from './routes/core';
import { fleetHandlers } from './routes/fleet';
import { inquiryHandlers } from './routes/inquiry';
import { paymentHandlers } from './routes/payment';
import { queueHandlers } from './routes/queue';
import { staffHandlers } from './routes/staff';
import { statementHandlers } from './routes/statements';
import { updateHandlers } from './routes/updates';
import { terminalKeyHandlers } from './routes/terminal-keys';
import { registerWebRoutes } from './web-routes';

export type { RouteOptions } from './route-options';

/**
 * Registers every route. Each area's handlers live in `server/api/routes/<area>.ts` and join here
 * by one spread; a route of the table without a handler fails to compile.
 */
export function registerRoutes(app: FastifyInstance, options: RouteOptions): void {
  const handlers = {
    ...coreHandlers(options),
    ...queueHandlers(options),
    ...fleetHandlers(app, options),
    ...staffHandlers(options),
    ...statementHandlers(app, options),
    ...inquiryHandlers(options),
    ...contentHandlers(options),
    ...certificationHandlers(options),
    ...updateHandlers(options),
    ...appointmentHandlers(options),
    ...appointmentPhoneHandlers(options),
    ...terminalKeyHandlers(options),
    ...paymentHandlers(app, options),
    ...noticeHandlers(options),
    ...faceChallengeHandlers(options),
  } satisfies RouteHandlers<typeof hallRoutes>;
  registerHallRoutes(app, hallRoutes, handlers, {
    db: options.database.db,
    terminalAuth: options.terminalAuth,
    ...(options.now ? { now: options.now } : {}),
  });
  app.get('/openapi.json', async (request) => buildOpenApiDocument(`${request.protocol}://${request.host}`));
  registerWebRoutes(app, {});
}
