/**
 * Registers hall routes from their contract records (contracts/hall-route.ts): one place that
 * authenticates the caller, validates params, query and body with the route's zod schemas
 * (400 `invalidRequest`), sets the success status and sends the handler's typed answer.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { HallRoute, HallRouteTable, RouteInput, RouteResult } from '../../contracts/hall-route';
import type { Booker } from '../appointments/book';
import type { Db } from '../db/types';
import { type SignedInStaff, requireRole, staffAuth, staffOf } from '../staff/staff-auth';
import { type TerminalAuthConfig, defaultTerminalAuthConfig } from '../terminals/auth-config';
import type { AuthenticatedTerminal } from '../terminals/authenticate';
import { phoneAuth, phoneOf } from './phone-auth';
import { terminalAuth, terminalOf } from './terminal-auth';
import { parseInput } from './validate';

/** The raw input of a request, before validation. */
export interface RawInput {
  params: unknown;
  query: unknown;
  body: unknown;
}

/** Answer of a handler that has sent its reply itself (a 304 Not Modified). */
export const ALREADY_SENT: unique symbol = Symbol('alreadySent');

/** Who called, by the route's `auth`. */
export type Caller<R extends HallRoute> = R['auth'] extends 'terminal'
  ? { terminal: AuthenticatedTerminal }
  : R['auth'] extends 'staff'
    ? { staff: SignedInStaff }
    : R['auth'] extends 'phone'
      ? { phone: Booker }
      : Record<never, never>;

/** What a handler gets besides its input: the caller, and the request and reply for the rare header. */
export type HandlerContext<R extends HallRoute> = Caller<R> & { request: FastifyRequest; reply: FastifyReply };

/** A handler: typed, validated input in; the route's typed answer out (or `ALREADY_SENT`). */
export type RouteHandler<R extends HallRoute> = (
  input: RouteInput<R>,
  context: HandlerContext<R>,
) => Promise<HandlerResult<R> | typeof ALREADY_SENT>;

/** What a handler returns: the response schema's input type (defaults may be left out). */
type HandlerResult<R extends HallRoute> = R['response']['schema'] extends z.ZodType
  ? z.input<R['response']['schema']>
  : RouteResult<R>;

/** One handler per route of a table: a route without a handler fails to compile. */
export type RouteHandlers<T extends HallRouteTable> = { [K in keyof T]: RouteHandler<T[K]> };

export interface RegisterOptions {
  db: Db;
  /** How terminals authenticate (keys, clock window, bearer grace); default: defaultTerminalAuthConfig. */
  terminalAuth?: TerminalAuthConfig | undefined;
  /** The clock phone session tokens expire by (default: the real one). */
  now?: () => Date;
}

/** Registers each route of `routes` with its handler. */
export function registerHallRoutes<T extends HallRouteTable>(
  app: FastifyInstance,
  routes: T,
  handlers: RouteHandlers<T>,
  { db, terminalAuth: authConfig = defaultTerminalAuthConfig, now }: RegisterOptions,
): void {
  const asTerminal = terminalAuth(db, authConfig);
  const asStaff = staffAuth(db);
  const asPhone = phoneAuth(db, now ?? (() => new Date()));
  for (const name of Object.keys(routes) as (keyof T & string)[]) {
    const route: HallRoute = routes[name]!;
    const handler = handlers[name] as unknown as RouteHandler<HallRoute>;
    app.route({
      method: route.method,
      url: route.path,
      ...(route.bodyLimit ? { bodyLimit: route.bodyLimit } : {}),
      // The caller is checked before the body is even parsed.
      ...(route.auth === 'terminal' ? asTerminal : route.auth === 'staff' ? { onRequest: asStaff } : {}),
      ...(route.auth === 'phone' ? { onRequest: asPhone } : {}),
      handler: async (request, reply) => {
        const caller = callerOf(route, request);
        const raw: RawInput = { params: request.params, query: request.query, body: request.body };
        const input = {
          params: route.params ? parseInput(route.params, raw.params, 'params') : undefined,
          query: route.query ? parseInput(route.query, raw.query, 'query') : undefined,
          body: route.body ? parseInput(route.body.schema, raw.body, 'body') : undefined,
        };
        reply.code(route.response.status);
        const answer = await handler(
          input as RouteInput<HallRoute>,
          { ...caller, request, reply } as HandlerContext<HallRoute>,
        );
        if (answer === ALREADY_SENT) return reply;
        return route.response.schema === null ? reply.send() : reply.send(answer);
      },
    });
  }
}

function callerOf(route: HallRoute, request: FastifyRequest): object {
  if (route.auth === 'terminal') return { terminal: terminalOf(request) };
  if (route.auth === 'phone') return { phone: phoneOf(request) };
  if (route.auth !== 'staff') return {};
  const staff = staffOf(request);
  if (route.roles) requireRole(staff, route.roles);
  return { staff };
}

/** For handlers that answer 304: sends it and tells the registration so. */
export function notModified(reply: FastifyReply): typeof ALREADY_SENT {
  void reply.code(304).send();
  return ALREADY_SENT;
}
