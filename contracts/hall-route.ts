/**
 * The shape of one hall server route. Each service area lists its routes in its own contract file
 * (`<area>Routes`) as records of this shape; `hall-api.ts` joins them into `hallRoutes`. The server
 * registers every route from that table (server/api/register.ts), builds `/openapi.json` from it, and
 * the host calls it with `HallClient.call(route, input)`: the route is written once.
 */
import { z } from 'zod';
import type { ErrorCode } from './errors';
import type { StaffRole } from './domain';

/** Every JSON route but the public key and the health check starts with this. */
export const API_PREFIX = '/api/v1';

/**
 * Who may call a route: `terminal` (`Authorization: Bearer <terminalId>.<secret>`), `staff` (a
 * staff token from `staffLogin`; `roles` narrows it), `phone` (a citizen's phone session token from
 * `phoneSession`, for the path's `:hallId`; contracts/appointment-phone.ts) or `public` (anyone; no
 * personal data).
 * A terminal credential is never accepted on a staff route, nor a staff token on a terminal route.
 */
export type RouteAuth = 'terminal' | 'staff' | 'phone' | 'public';

/** A named schema: the name is its entry in the OpenAPI document's components. */
export interface NamedSchema {
  schema: z.ZodType;
  name: string;
}

/** One route of the hall server's HTTP API. */
export interface HallRoute {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Fastify syntax: `:name` for a path parameter. */
  path: string;
  auth: RouteAuth;
  /** Staff routes only: the roles that may call it (others get 403 `forbidden`); absent: every role. */
  roles?: readonly StaffRole[];
  /** One line for the OpenAPI document. */
  summary: string;
  /** Path parameters (`:name` in the path). */
  params?: z.ZodObject;
  /** Query-string parameters (values arrive as strings: use z.coerce for numbers). */
  query?: z.ZodObject;
  body?: NamedSchema;
  /** Largest body in bytes when it may exceed the server's default (16 KB). */
  bodyLimit?: number;
  /** Success status and body (`schema: null`: no body). */
  response: { status: number; schema: z.ZodType | null; name?: string };
  /**
   * Error codes the route itself can answer. Those the registration adds are implied and not listed:
   * `invalidRequest` for a route with input, `unauthorized` for any but public routes, `forbidden`
   * for staff routes with `roles`, and `internal` for all.
   */
  errors: readonly ErrorCode[];
}

/** A table of routes, by name (the name is the OpenAPI operationId). */
export type HallRouteTable = Record<string, HallRoute>;

/** The path parameters of a session route. */
export const SessionParams = z.object({ sessionId: z.string().uuid() }).strict();

/** Errors of a route that uses an open session of the calling terminal. */
export const SESSION_ERRORS = ['noSession', 'sessionExpired'] as const satisfies readonly ErrorCode[];

type Input<S> = S extends z.ZodType ? z.input<S> : never;
type Output<S> = S extends z.ZodType ? z.output<S> : never;
type Part<K extends string, S> = [S] extends [z.ZodType] ? { [P in K]: Input<S> } : { [P in K]?: never };
type BodyOf<R extends HallRoute> = R['body'] extends NamedSchema ? R['body']['schema'] : undefined;

/** What a caller sends: exactly the parts the route declares, typed by its schemas. */
export type RouteCall<R extends HallRoute> = Part<'params', R['params']> &
  Part<'query', R['query']> &
  Part<'body', BodyOf<R>>;

/** What a route's handler receives after validation (absent parts are `undefined`). */
export interface RouteInput<R extends HallRoute> {
  params: R['params'] extends z.ZodType ? Output<R['params']> : undefined;
  query: R['query'] extends z.ZodType ? Output<R['query']> : undefined;
  body: BodyOf<R> extends z.ZodType ? Output<BodyOf<R>> : undefined;
}

/** The success answer as the caller reads it (`void` for a route without a body). */
export type RouteResult<R extends HallRoute> = R['response']['schema'] extends z.ZodType
  ? z.output<R['response']['schema']>
  : void;

/** Fills the `:name` placeholders of a route's path (each value URL-encoded). */
export function routeUrl(path: string, params: Record<string, string | number> | undefined): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined) throw new Error(`path parameter ${name} missing`);
    return encodeURIComponent(String(value));
  });
}
