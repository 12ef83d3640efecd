/** Statement handlers: page count, issue and re-fetch for a session (terminal), public verification and key. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { VERIFY_PAGE_PATH, type statementRoutes } from '../../../contracts/statements';
import type { Db } from '../../db/types';
import { useVerifiedSession } from '../../sessions/second-factor';
import { fetchStatement, issueStatement } from '../../statements/issue';
import { previewStatement } from '../../statements/preview';
import { type StatementSigner, knownStatementKeys, loadStatementSigner } from '../../statements/signer';
import { verifyPageHtml } from '../../statements/verify-page';
import { verifyStatementCode } from '../../statements/verify';
import { verifyPaymentCertificate } from '../../payment/certificate';
import type { RouteHandlers } from '../register';
import type { RouteOptions } from '../route-options';

/** The signing key, loaded on first use (see server/statements/signer.ts); a failed load is tried again. */
function lazySigner(db: Db): () => Promise<StatementSigner> {
  let signer: Promise<StatementSigner> | null = null;
  return () => {
    signer ??= loadStatementSigner(db).catch((error: unknown) => {
      signer = null;
      throw error;
    });
    return signer;
  };
}

/**
 * The statement handlers, and the HTML verification page (not a JSON route). The QR code points at
 * `STATEMENT_VERIFY_URL` when set, else at `/verify` of the hall's public address (`publicBaseUrl`,
 * the same address ticket and certification QR codes use), else at this server as the terminal
 * reached it.
 */
export function statementHandlers(
  app: FastifyInstance,
  { database: { db }, sessionIdleMs, publicBaseUrl }: RouteOptions,
): RouteHandlers<typeof statementRoutes> {
  const signerOf = lazySigner(db);
  const verifyUrlOf = (request: FastifyRequest) =>
    process.env.STATEMENT_VERIFY_URL ||
    new URL(VERIFY_PAGE_PATH, publicBaseUrl ?? `${request.protocol}://${request.host}`).toString();

  app.get(VERIFY_PAGE_PATH, async (request, reply) => {
    const query = (request.query ?? {}) as Record<string, unknown>;
    const code = typeof query.code === 'string' ? query.code.slice(0, 40) : '';
    const result = code.trim() ? await verifyStatementCode(db, await signerOf(), code) : null;
    // A code no statement has may be a payment certificate's (缴费凭证): the same page answers it.
    const payment =
      result && !result.genuine && result.reason === 'unknownCode'
        ? await verifyPaymentCertificate(db, await signerOf(), code)
        : null;
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('referrer-policy', 'no-referrer')
      .send(
        verifyPageHtml(code, payment?.genuine ? null : payment?.reason === 'badSignature' ? payment : result, payment),
      );
  });

  return {
    issueStatement: async ({ params: { sessionId }, body }, { terminal, request, reply }) => {
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
      // A repeated requestId answers the statement already issued with 200.
      if (!created) reply.code(200);
      return issued;
    },
    previewStatement: async ({ params: { sessionId }, body }, { terminal, request }) => {
      const session = await useVerifiedSession(db, terminal.terminalId, sessionId, sessionIdleMs);
      return previewStatement(
        db,
        { hallName: terminal.hallName, personId: session.personId, verifyUrl: verifyUrlOf(request) },
        body,
      );
    },
    getStatement: async ({ params }, { terminal }) => {
      const session = await useVerifiedSession(db, terminal.terminalId, params.sessionId, sessionIdleMs);
      return fetchStatement(db, session.personId, params.statementId);
    },
    verifyStatement: async ({ params }) => verifyStatementCode(db, await signerOf(), params.code),
    statementKey: async () => {
      const signer = await signerOf();
      const keys = await knownStatementKeys(db, signer);
      return {
        algorithm: 'Ed25519',
        publicKeyPem: signer.publicKeyPem,
        keyId: signer.keyId,
        keys: keys.map((k) => ({
          algorithm: 'Ed25519',
          keyId: k.keyId,
          publicKeyPem: k.publicKeyPem,
          current: k.current,
          retiredAt: k.retiredAt?.toISOString() ?? null,
        })),
      };
    },
  };
}
