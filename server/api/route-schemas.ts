/** The schemas of each hall route (contracts' zod schemas), for validation and the OpenAPI document. */
import type { z } from 'zod';
import { InsuranceSummary } from '../../contracts/domain';
import {
  HealthResponse,
  HeartbeatRequest,
  HeartbeatResponse,
  OpenSessionRequest,
  OpenSessionResponse,
  SessionParams,
  TerminalProfile,
  type coreHallRoutes,
  type hallRoutes,
} from '../../contracts/hall-api';
import { fleetRouteSchemas, queueRouteSchemas, staffRouteSchemas } from './queue-routes';
import { webRouteSchemas } from './web-routes';
import { contentRouteSchemas } from './content-routes';
import { inquiryRouteSchemas } from './inquiry-routes';
import { statementRouteSchemas } from './statement-routes';
import { certificationRouteSchemas } from './certification-routes';

/** Request and response shapes of one route. */
export interface RouteSchemas {
  summary: string;
  params?: z.ZodObject;
  /** Query-string parameters (values arrive as strings: use z.coerce for numbers). */
  query?: z.ZodObject;
  body?: { schema: z.ZodType; name: string };
  /** Success status and body schema (null: no body). */
  response: { status: number; schema: z.ZodType | null; name?: string };
  /** Error statuses the route can answer with (besides 500). */
  errors: number[];
}

/** The foundation routes' schemas. */
export const coreRouteSchemas = {
  health: {
    summary: 'Liveness and database kind',
    response: { status: 200, schema: HealthResponse, name: 'HealthResponse' },
    errors: [],
  },
  terminalProfile: {
    summary: "The calling terminal's profile",
    response: { status: 200, schema: TerminalProfile, name: 'TerminalProfile' },
    errors: [401],
  },
  heartbeat: {
    summary: "The terminal's heartbeat: version, uptime, device health; answers whether it is in service",
    body: { schema: HeartbeatRequest, name: 'HeartbeatRequest' },
    response: { status: 200, schema: HeartbeatResponse, name: 'HeartbeatResponse' },
    errors: [400, 401],
  },
  openSession: {
    summary: 'Open a citizen session from a card read on this terminal',
    body: { schema: OpenSessionRequest, name: 'OpenSessionRequest' },
    response: { status: 201, schema: OpenSessionResponse, name: 'OpenSessionResponse' },
    errors: [400, 401, 404, 503],
  },
  closeSession: {
    summary: 'Close a session (idempotent)',
    params: SessionParams,
    response: { status: 204, schema: null },
    errors: [400, 401, 404],
  },
  sessionSummary: {
    summary: "The session person's insurance summary",
    params: SessionParams,
    response: { status: 200, schema: InsuranceSummary, name: 'InsuranceSummary' },
    errors: [400, 401, 404, 410],
  },
} satisfies { [K in keyof typeof coreHallRoutes]: RouteSchemas };

/**
 * One entry per route of `hallRoutes`: adding a route to the contract without schemas fails to
 * compile. Each area keeps its schemas next to its routes (`server/api/<area>-routes.ts`) and adds a spread.
 */
export const routeSchemas = {
  ...coreRouteSchemas,
  ...queueRouteSchemas,
  ...fleetRouteSchemas,
  ...staffRouteSchemas,
  ...webRouteSchemas,
  ...statementRouteSchemas,
  ...inquiryRouteSchemas,
  ...contentRouteSchemas,
  ...certificationRouteSchemas,
} satisfies { [K in keyof typeof hallRoutes]: RouteSchemas };
