/** Public verification of a statement by its code: the stored record must carry a valid signature. */
import { eq } from 'drizzle-orm';
import { StatementContent, type VerificationResult, normalizeVerificationCode } from '../../contracts/statements';
import { statements } from '../db/schema';
import type { Db } from '../db/types';
import { type StatementSigner, verifyWithKeyId } from './signer';

/**
 * Genuine only when the code is well formed, was issued here, and the stored content verifies with the
 * key its record names, when the server knows that key (current, or an earlier one kept after a
 * rotation; see signer.ts). A row altered in the database without the key, or naming a key the server
 * does not know, is reported as not genuine.
 */
export async function verifyStatementCode(db: Db, signer: StatementSigner, input: string): Promise<VerificationResult> {
  const code = normalizeVerificationCode(input);
  if (!code) return { genuine: false, reason: 'malformedCode' };
  const [row] = await db
    .select({
      signedContent: statements.signedContent,
      signature: statements.signature,
      keyId: statements.keyId,
      verificationCode: statements.verificationCode,
    })
    .from(statements)
    .where(eq(statements.verificationCode, code));
  if (!row) return { genuine: false, reason: 'unknownCode' };
  if (!(await verifyWithKeyId(db, signer, row.keyId, row.signedContent, row.signature)))
    return { genuine: false, reason: 'badSignature' };
  const parsed = StatementContent.safeParse(JSON.parse(row.signedContent));
  if (!parsed.success || parsed.data.verificationCode !== code) return { genuine: false, reason: 'badSignature' };
  return {
    genuine: true,
    content: parsed.data,
    signedContent: row.signedContent,
    signature: row.signature,
    keyId: row.keyId,
  };
}
