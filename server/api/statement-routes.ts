/** Statement routes: issue and re-fetch for a session (terminal auth), public verification and key. */
import type { FastifyInstance } from 'fastify';
import {
  IssueStatementRequest,
  StatementIssued,
  StatementKey,
  StatementParams,
  VerificationResult,
  VerifyParams,
  statementHallRoutes,
} from '../../contracts/statements';
import { SessionParams } from '../../contracts/hall-api';
import type { RouteSchemas } from './route-schemas';
import type { RouteOptions } from './routes';

/** Schemas of the statement routes (validation and the OpenAPI document). */
export const statementRouteSchemas = {
  issueStatement: {
    summary:
      "Issue a statement (rights statement or insurance certificate) for the session's person; idempotent by requestId",
    params: SessionParams,
    body: { schema: IssueStatementRequest, name: 'IssueStatementRequest' },
    response: { status: 201, schema: StatementIssued, name: 'StatementIssued' },
    errors: [400, 401, 404, 410],
  },
  getStatement: {
    summary: 'The same issued statement again (for a reprint), never a new one',
    params: StatementParams,
    response: { status: 200, schema: StatementIssued, name: 'StatementIssued' },
    errors: [400, 401, 404, 410],
  },
  verifyStatement: {
    summary: 'Public: whether a verification code belongs to a genuine statement, and its content (ID number masked)',
    params: VerifyParams,
    response: { status: 200, schema: VerificationResult, name: 'VerificationResult' },
    errors: [400],
  },
  statementKey: {
    summary: 'Public: the Ed25519 public key that signs statements',
    response: { status: 200, schema: StatementKey, name: 'StatementKey' },
    errors: [],
  },
} satisfies { [K in keyof typeof statementHallRoutes]: RouteSchemas };

/** Registers the statement routes (filled in by server/statements). */
export function registerStatementRoutes(_app: FastifyInstance, _options: RouteOptions): void {}
