// The OpenAPI document lists every route of the contract with its security scheme and schemas.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hallRoutes } from '../../contracts/hall-api';
import { backends } from './support/backends';
import { type TestHall, openTestHall } from './support/hall';

type Doc = {
  openapi: string;
  paths: Record<
    string,
    Record<
      string,
      {
        operationId: string;
        security: Record<string, string[]>[];
        responses: Record<string, unknown>;
        requestBody?: unknown;
        parameters?: { name: string; schema: { format?: string } }[];
      }
    >
  >;
  components: {
    schemas: Record<
      string,
      {
        properties?: Record<string, unknown>;
        required?: string[];
        oneOf?: { properties?: Record<string, unknown>; required?: string[] }[];
      }
    >;
    securitySchemes: Record<string, { type: string; scheme: string }>;
  };
};

describe.each(backends)('OpenAPI on $name', (backend) => {
  let hall: TestHall;
  let doc: Doc;
  beforeAll(async () => {
    hall = await openTestHall(backend);
    const res = await hall.inject({ method: 'GET', url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    doc = res.json();
  });
  afterAll(async () => {
    await hall?.close();
  });

  it('is OpenAPI 3.1 with the terminal bearer scheme', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.components.securitySchemes.terminalCredential).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it.each(Object.entries(hallRoutes))('lists %s with its method, path and security', (name, route) => {
    const op = doc.paths[route.path.replace(/:(\w+)/g, '{$1}')]?.[route.method.toLowerCase()];
    expect(op, name).toBeDefined();
    expect(op!.operationId).toBe(name);
    const auth = route.auth;
    expect(op!.security).toEqual(
      auth === 'staff'
        ? [{ staffToken: [] }]
        : auth === 'terminal'
          ? [{ terminalCredential: [] }]
          : auth === 'phone'
            ? [{ phoneSessionToken: [] }]
            : [],
    );
    expect(op!.responses['500']).toBeDefined();
  });

  it('describes the staff token and the long-poll query parameter', () => {
    expect(doc.components.securitySchemes.staffToken).toMatchObject({ type: 'http', scheme: 'bearer' });
    const poll = doc.paths['/api/v1/terminal/commands']!.get! as { parameters?: { name: string; in?: string }[] };
    expect(poll.parameters).toEqual([expect.objectContaining({ name: 'waitMs', in: 'query' })]);
  });

  it('carries the contract schemas (request body, uuid path parameter, summary)', () => {
    const open = doc.paths['/api/v1/sessions']!.post!;
    expect(open.requestBody).toMatchObject({
      content: { 'application/json': { schema: { $ref: '#/components/schemas/OpenSessionRequest' } } },
    });
    // One variant per way of being identified: a card's ID number and name, or an e-card code.
    const variants = doc.components.schemas.OpenSessionRequest!.oneOf ?? [];
    expect(variants.map((v) => v.required)).toEqual([
      expect.arrayContaining(['identifiedBy', 'idNumber', 'name']),
      expect.arrayContaining(['identifiedBy', 'code']),
    ]);
    expect(variants[1]!.properties!.code).toMatchObject({ type: 'string', maxLength: 2048 });
    const summary = doc.paths['/api/v1/sessions/{sessionId}/summary']!.get!;
    expect(summary.parameters).toEqual([
      expect.objectContaining({
        name: 'sessionId',
        in: 'path',
        required: true,
        schema: expect.objectContaining({ format: 'uuid' }),
      }),
    ]);
    expect(Object.keys(doc.components.schemas.InsuranceSummary!.properties!)).toEqual(
      expect.arrayContaining([
        'enrollments',
        'pensionPaidMonths',
        'pensionAccount',
        'medicalAccount',
        'monthlyPension',
      ]),
    );
  });
});
