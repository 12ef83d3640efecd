/**
 * Issuing statements: content from the database, the PDF from documents/, the signature over the
 * canonical content, one row recording it all. Idempotent by (person, requestId); re-fetching never issues.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { KioskError } from '../../contracts/errors';
import {
  type IssueStatementRequest,
  type StatementContent,
  type StatementIssued,
  verificationCodeFromBytes,
} from '../../contracts/statements';
import { coverageLabel, renderStatementPdf } from '../../documents/statement-pdf';
import { audit } from '../audit/audit';
import { statements } from '../db/schema';
import type { Db } from '../db/types';
import { buildStatementContent } from './content';
import { type StatementSigner, canonicalJson } from './signer';

export interface IssueContext {
  terminalId: string;
  hallName: string;
  sessionId: string;
  personId: number;
  /** The public verification page, e.g. `http://hall:8080/verify`. */
  verifyUrl: string;
  now?: Date;
}

type StatementRow = typeof statements.$inferSelect;

const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');

/** The request's parameters without its id: a reused requestId must ask for the same statement. */
function requestKeyOf(request: IssueStatementRequest): string {
  const { requestId: _id, ...rest } = request;
  return canonicalJson(rest);
}

function toIssued(row: StatementRow, alreadyIssued: boolean): StatementIssued {
  const content = JSON.parse(row.signedContent) as StatementContent;
  return {
    statementId: row.id,
    kind: row.kind,
    verificationCode: row.verificationCode,
    coverage: coverageLabel(content),
    issuedAt: row.issuedAt.toISOString(),
    pageCount: row.pageCount,
    pdfBase64: Buffer.from(row.pdf).toString('base64'),
    pdfSha256: content.pdfSha256,
    alreadyIssued,
  };
}

async function findByRequest(db: Db, personId: number, requestId: string): Promise<StatementRow | undefined> {
  const [row] = await db
    .select()
    .from(statements)
    .where(and(eq(statements.personId, personId), eq(statements.requestId, requestId)));
  return row;
}

/** Issues (or, for a known requestId, returns again) a statement for the session's person. */
export async function issueStatement(
  db: Db,
  signer: StatementSigner,
  ctx: IssueContext,
  request: IssueStatementRequest,
): Promise<{ issued: StatementIssued; created: boolean }> {
  const key = requestKeyOf(request);
  const earlier = await findByRequest(db, ctx.personId, request.requestId);
  if (earlier) {
    if (earlier.requestKey !== key)
      throw new KioskError('invalidRequest', 'requestId already used for another statement');
    return { issued: toIssued(earlier, true), created: false };
  }

  const statementId = randomUUID();
  const verificationCode = verificationCodeFromBytes(randomBytes(15));
  const issuedAt = new Date(Math.floor((ctx.now ?? new Date()).getTime() / 1000) * 1000);
  const doc = await buildStatementContent(db, ctx.personId, request, {
    statementId,
    verificationCode,
    issuedAt,
    hallName: ctx.hallName,
  });
  const { pdf, pageCount } = await renderStatementPdf(doc, { verifyUrl: ctx.verifyUrl });
  const content: StatementContent = { ...doc, pageCount, pdfSha256: sha256(pdf) };
  const signedContent = canonicalJson(content);

  const inserted = await db
    .insert(statements)
    .values({
      id: statementId,
      verificationCode,
      kind: request.kind,
      personId: ctx.personId,
      terminalId: ctx.terminalId,
      sessionId: ctx.sessionId,
      requestId: request.requestId,
      requestKey: key,
      issuedAt,
      signedContent,
      contentHash: sha256(signedContent),
      signature: signer.sign(signedContent),
      keyId: signer.keyId,
      pageCount,
      pdf: Buffer.from(pdf),
    })
    .onConflictDoNothing({ target: [statements.personId, statements.requestId] })
    .returning();
  const row = inserted[0];
  if (!row) {
    // The same request raced itself: the first one's statement is the answer.
    const winner = await findByRequest(db, ctx.personId, request.requestId);
    if (!winner || winner.requestKey !== key)
      throw new KioskError('invalidRequest', 'requestId already used for another statement');
    return { issued: toIssued(winner, true), created: false };
  }
  await audit(db, {
    actorKind: 'terminal',
    actorId: ctx.terminalId,
    terminalId: ctx.terminalId,
    action: 'statement.issue',
    result: 'ok',
    subjectId: statementId,
    detail: { kind: request.kind, sessionId: ctx.sessionId, pageCount },
  });
  return { issued: toIssued(row, false), created: true };
}

/** The same statement again, for a reprint: only the session person's own, never a new issue. */
export async function fetchStatement(db: Db, personId: number, statementId: string): Promise<StatementIssued> {
  const [row] = await db
    .select()
    .from(statements)
    .where(and(eq(statements.id, statementId), eq(statements.personId, personId)));
  if (!row) throw new KioskError('notFound', 'no such statement for this session');
  return toIssued(row, true);
}
