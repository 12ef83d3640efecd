/**
 * A statement's page count before it is issued: the content and the PDF are built exactly as issuing
 * builds them (same rows, same layout, a code of the same length), then dropped; nothing is recorded
 * or signed. A long certificate also gets a shorter choice, its last twelve months, counted the same way.
 */
import { randomUUID } from 'node:crypto';
import { addMonths } from '../../contracts/period';
import {
  STATEMENT_CONFIRM_PAGES,
  type StatementAsk,
  type StatementPages,
  type StatementPreview,
  verificationCodeFromBytes,
} from '../../contracts/statements';
import { coverageLabel, renderStatementPdf } from '../../documents/statement-pdf';
import type { Db } from '../db/types';
import { buildStatementContent } from './content';

export interface PreviewContext {
  hallName: string;
  personId: number;
  verifyUrl: string;
  now?: Date;
}

/** Renders what `ask` would print now and counts its pages. */
async function pagesOf(db: Db, ctx: PreviewContext, ask: StatementAsk) {
  const issuedAt = new Date(Math.floor((ctx.now ?? new Date()).getTime() / 1000) * 1000);
  const doc = await buildStatementContent(
    db,
    ctx.personId,
    { ...ask, requestId: randomUUID() },
    // A code like any issued one (fixed length), so the layout and the page count are the same.
    {
      statementId: randomUUID(),
      verificationCode: verificationCodeFromBytes(new Uint8Array(15)),
      issuedAt,
      hallName: ctx.hallName,
    },
  );
  const { pageCount } = await renderStatementPdf(doc, { verifyUrl: ctx.verifyUrl });
  return { pages: { ask, coverage: coverageLabel(doc), pageCount } satisfies StatementPages, doc };
}

/** The page count of `ask` and, when it is long and spans more than a year, of its last year. */
export async function previewStatement(db: Db, ctx: PreviewContext, ask: StatementAsk): Promise<StatementPreview> {
  const { pages, doc } = await pagesOf(db, ctx, ask);
  let shorter: StatementPages | null = null;
  if (ask.kind === 'insuranceCertificate' && pages.pageCount > STATEMENT_CONFIRM_PAGES) {
    // The last year of what would print: it ends with the person's last record, not an empty month.
    const to = doc.coverage.to;
    const from = addMonths(to, -11);
    if (from > doc.coverage.from) shorter = (await pagesOf(db, ctx, { ...ask, from, to })).pages;
  }
  return { ...pages, shorter };
}
