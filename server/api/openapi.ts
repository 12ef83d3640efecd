/** The OpenAPI 3.1 document, generated from the contracts' zod schemas with `z.toJSONSchema()`. */
import { z } from 'zod';
import { ErrorBody, type ErrorCode } from '../../contracts/errors';
import { hallRoutes } from '../../contracts/hall-api';
import type { HallRoute } from '../../contracts/hall-route';
import { httpStatus } from './errors';

type JsonObject = Record<string, unknown>;

/** Name of the security scheme for the terminal credential. */
export const TERMINAL_SECURITY = 'terminalCredential';
/** Name of the security scheme for a staff token (staffLogin). */
export const STAFF_SECURITY = 'staffToken';
/** Name of the security scheme for a phone session token (phoneSession). */
export const PHONE_SECURITY = 'phoneSessionToken';

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonObject {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
  }) as JsonObject;
  return rest;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** Every error code a route can answer: its own and those its registration adds (see HallRoute.errors). */
export function errorCodesOf(route: HallRoute): ErrorCode[] {
  const codes = new Set<ErrorCode>(route.errors);
  if (route.params || route.query || route.body) codes.add('invalidRequest');
  if (route.auth !== 'public') codes.add('unauthorized');
  if (route.roles) codes.add('forbidden');
  codes.add('internal');
  return [...codes];
}

/** The error responses of a route: one per HTTP status, naming its codes. */
function errorResponses(route: HallRoute): JsonObject {
  const byStatus = new Map<number, string[]>();
  for (const code of errorCodesOf(route))
    byStatus.set(httpStatus[code], [...(byStatus.get(httpStatus[code]) ?? []), code]);
  // Fastify refuses a body over the route's limit before any code runs.
  if (route.body) byStatus.set(413, ['invalidRequest']);
  const responses: JsonObject = {};
  for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
    responses[String(status)] = {
      description: `error: ${codes.join(', ')}`,
      content: { 'application/json': { schema: ref('ErrorBody') } },
    };
  }
  return responses;
}

/** Builds the document; `serverUrl` goes into `servers` when known. */
export function buildOpenApiDocument(serverUrl?: string): JsonObject {
  const schemas: JsonObject = { ErrorBody: jsonSchema(ErrorBody, 'output') };
  const paths: Record<string, JsonObject> = {};
  for (const [name, spec] of Object.entries(hallRoutes) as [string, HallRoute][]) {
    const route = spec;
    const path = route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const responses: JsonObject = {};
    const { status, schema, name: responseName } = spec.response;
    if (schema && responseName) {
      schemas[responseName] = jsonSchema(schema, 'output');
      responses[String(status)] = {
        description: 'success',
        content: { 'application/json': { schema: ref(responseName) } },
      };
    } else {
      responses[String(status)] = { description: 'success, no content' };
    }
    Object.assign(responses, errorResponses(route));
    const operation: JsonObject = {
      operationId: name,
      summary: spec.summary,
      security:
        route.auth === 'staff'
          ? [{ [STAFF_SECURITY]: [] }]
          : route.auth === 'terminal'
            ? [{ [TERMINAL_SECURITY]: [] }]
            : route.auth === 'phone'
              ? [{ [PHONE_SECURITY]: [] }]
              : [],
      ...(route.roles ? { 'x-staff-roles': route.roles } : {}),
      responses,
    };
    const parameters: JsonObject[] = [];
    if (spec.params) {
      const props = (jsonSchema(spec.params, 'input').properties ?? {}) as Record<string, JsonObject>;
      for (const [param, s] of Object.entries(props))
        parameters.push({ name: param, in: 'path', required: true, schema: s });
    }
    if (parameters.length > 0) operation.parameters = parameters;
    if (spec.query) {
      const input = jsonSchema(spec.query, 'input');
      const props = (input.properties ?? {}) as Record<string, JsonObject>;
      const required = new Set((input.required ?? []) as string[]);
      operation.parameters = [
        ...((operation.parameters as JsonObject[] | undefined) ?? []),
        ...Object.entries(props).map(([param, s]) => ({
          name: param,
          in: 'query',
          required: required.has(param),
          schema: s,
        })),
      ];
    }
    if (spec.body) {
      schemas[spec.body.name] = jsonSchema(spec.body.schema, 'input');
      operation.requestBody = { required: true, content: { 'application/json': { schema: ref(spec.body.name) } } };
    }
    paths[path] = { ...(paths[path] ?? {}), [route.method.toLowerCase()]: operation };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'HRSS hall server API',
      version: '1',
      description: 'The API that self-service terminals call. Money is integer fen; periods are YYYYMM.',
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    paths,
    components: {
      schemas,
      securitySchemes: {
        [TERMINAL_SECURITY]: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: '<terminalId>.<secret>',
          description: 'Issued per terminal by registerTerminal',
        },
        [STAFF_SECURITY]: {
          type: 'http',
          scheme: 'bearer',
          description: 'A staff token from POST /api/v1/staff/login',
        },
        [PHONE_SECURITY]: {
          type: 'http',
          scheme: 'bearer',
          description: 'A phone session token from POST …/appointment-phone/session (15 minutes)',
        },
      },
    },
  };
}
