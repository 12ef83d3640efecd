/** Statement routes: issue and re-fetch for a session (terminal auth), public verification and key. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { SessionParams } from '../../contracts/hall-api';
import {
  IssueStatementRequest,
  StatementIssued,
  StatementKey,
  StatementParams,
  VerificationResult,
  VERIFY_PAGE_PATH,
  VerifyParams,
  statementHallRoutes,
} from '../../contracts/statements';
import { useVerifiedSession } from '../sessions/second-factor';
import { fetchStatement, issueStatement } from '../statements/issue';
import { type StatementSigner, knownStatementKeys, loadStatementSigner } from '../statements/signer';
import { verifyPageHtml } from '../statements/verify-page';
import { verifyStatementCode } from '../statements/verify';
import type { RouteSchemas } from './route-schemas';
import type { RouteOptions } from './routes';
import { terminalAuth, terminalOf } from './terminal-auth';
import { parseInput } from './validate';

/** Schemas of the statement routes (validation and the OpenAPI document). */
export const statementRouteSchemas = {
  issueStatement: {
    summary:
      "Issue a statement (rights statement or insurance certificate) for the session's person; idempotent by requestId (201 when issued, 200 with the same statement when the requestId was seen)",
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
    summary:
      'Public: the Ed25519 public key that signs statements (keyId, publicKeyPem) and every earlier key still used to verify older statements (keys)',
    response: { status: 200, schema: StatementKey, name: 'StatementKey' },
    errors: [],
  },
} satisfies { [K in keyof typeof statementHallRoutes]: RouteSchemas };

/**
 * Registers the statement routes. The signing key is loaded on first use (see server/statements/signer.ts).
 * The QR code points at `STATEMENT_VERIFY_URL` when set, else at `/verify` of the hall's public address
 * (`publicBaseUrl`, the same address ticket and certification QR codes use), else at this server as the
 * terminal reached it.
 */
export function registerStatementRoutes(
  app: FastifyInstance,
  { database, sessionIdleMs, publicBaseUrl }: RouteOptions,
): void {
  const { db } = database;
  const auth = terminalAuth(db);
  const r = statementHallRoutes;
  const s = statementRouteSchemas;
  let signer: Promise<StatementSigner> | null = null;
  const signerOf = () => {
    signer ??= loadStatementSigner(db).catch((error: unknown) => {
      signer = null;
      throw error;
    });
    return signer;
  };
  const verifyUrlOf = (request: FastifyRequest) =>
    process.env.STATEMENT_VERIFY_URL ||
    new URL(VERIFY_PAGE_PATH, publicBaseUrl ?? `${request.protocol}://${request.host}`).toString();

  app.route({
    method: r.issueStatement.method,
    url: r.issueStatement.path,
    onRequest: auth,
    handler: async (request, reply) => {
      const { sessionId } = parseInput(s.issueStatement.params, request.params, 'params');
      const body = parseInput(s.issueStatement.body.schema, request.body, 'body');
      const terminal = terminalOf(request);
      const session = await useVerifiedSession(db, terminal.terminalId, sessionId, sessionIdleMs);
      const { issued, created } = await issueStatement(
        db,
        await signerOf(),
        {
          terminalId: terminal.terminalId,
          hallName: terminal.hallName,
          sessionId,
          personId: session.personId,
          verifyUrl: verifyUrlOf(request),
        },
        body,
      );
      return reply.code(created ? 201 : 200).send(issued);
    },
  });

  app.route({
    method: r.getStatement.method,
    url: r.getStatement.path,
    onRequest: auth,
    handler: async (request) => {
      const { sessionId, statementId } = parseInput(s.getStatement.params, request.params, 'params');
      const session = await useVerifiedSession(db, terminalOf(request).terminalId, sessionId, sessionIdleMs);
      return fetchStatement(db, session.personId, statementId);
    },
  });

  app.route({
    method: r.verifyStatement.method,
    url: r.verifyStatement.path,
    handler: async (request) => {
      const { code } = parseInput(s.verifyStatement.params, request.params, 'params');
      return verifyStatementCode(db, await signerOf(), code);
    },
  });

  app.route({
    method: r.statementKey.method,
    url: r.statementKey.path,
    handler: async () => {
      const signer = await signerOf();
      const keys = await knownStatementKeys(db, signer);
      return {
        algorithm: 'Ed25519' as const,
        publicKeyPem: signer.publicKeyPem,
        keyId: signer.keyId,
        keys: keys.map((k) => ({
          algorithm: 'Ed25519' as const,
          keyId: k.keyId,
          publicKeyPem: k.publicKeyPem,
          current: k.current,
          retiredAt: k.retiredAt?.toISOString() ?? null,
        })),
      };
    },
  });

  app.get(VERIFY_PAGE_PATH, async (request, reply) => {
    const query = (request.query ?? {}) as Record<string, unknown>;
    const code = typeof query.code === 'string' ? query.code.slice(0, 40) : '';
    const result = code.trim() ? await verifyStatementCode(db, await signerOf(), code) : null;
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('referrer-policy', 'no-referrer')
      .send(verifyPageHtml(code, result));
  });
}
