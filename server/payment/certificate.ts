/**
 * The payment certificate (缴费凭证) of a posted order: content from the ledger, the PDF from
 * documents/, signed with the statements' key (so `/.well-known/statement-key` verifies it too),
 * stored once per order (a reprint sends the same bytes). Verification by code, like statements.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { KioskError } from '../../contracts/errors';
import { maskIdNumber } from '../../contracts/id-number';
import {
  type PaymentCertificate,
  type PaymentCertificateContent,
  type PaymentVerificationResult,
} from '../../contracts/payment';
import { normalizeVerificationCode, verificationCodeFromBytes } from '../../contracts/statements';
import { renderPaymentCertificatePdf } from '../../documents/payment-certificate-pdf';
import { paymentCertificates, paymentOrders, persons } from '../db/schema';
import type { Db } from '../db/types';
import { type StatementSigner, canonicalJson, verifyWithKeyId } from '../statements/signer';
import type { Ledger } from './ledger';

const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');
const ISSUER = '人力资源和社会保障局 社会保险经办机构';

type Row = typeof paymentCertificates.$inferSelect;

function toCertificate(row: Row, alreadyIssued: boolean): PaymentCertificate {
  const content = JSON.parse(row.signedContent) as PaymentCertificateContent;
  return {
    certificateId: row.id,
    orderId: row.orderId,
    verificationCode: row.verificationCode,
    issuedAt: row.issuedAt.toISOString(),
    pageCount: row.pageCount,
    pdfBase64: Buffer.from(row.pdf).toString('base64'),
    pdfSha256: content.pdfSha256,
    alreadyIssued,
  };
}

/** The certificate of the person's posted order, issued on first fetch. */
export async function paymentCertificate(
  db: Db,
  ledger: Ledger,
  signer: StatementSigner,
  personId: number,
  orderId: string,
  verifyUrl: string,
): Promise<PaymentCertificate> {
  const order = await ledger.ownOrder(personId, orderId);
  const [earlier] = await db.select().from(paymentCertificates).where(eq(paymentCertificates.orderId, orderId));
  if (earlier) return toCertificate(earlier, true);
  if (order.state !== 'posted') throw new KioskError('conflict', 'only a posted order has a certificate');
  const view = await ledger.view(order);
  const [payer] = await db.select().from(persons).where(eq(persons.id, personId));
  const id = randomUUID();
  const verificationCode = verificationCodeFromBytes(randomBytes(15));
  const issuedAt = new Date(Math.floor(Date.now() / 1000) * 1000);
  const document = {
    version: 1 as const,
    kind: 'paymentCertificate' as const,
    certificateId: id,
    verificationCode,
    issuer: ISSUER,
    hallName: view.receipt!.hallName,
    issuedAt: issuedAt.toISOString(),
    payer: { name: payer!.name, maskedIdNumber: maskIdNumber(payer!.idNumber) },
    orderNo: order.orderNo,
    transactionId: order.transactionId!,
    paidAt: order.paidAt!.toISOString(),
    amount: order.amount,
    items: view.items,
    refunded: false,
  };
  const { pdf, pageCount } = await renderPaymentCertificatePdf(document, { verifyUrl });
  const content: PaymentCertificateContent = { ...document, pdfSha256: sha256(pdf) };
  const signedContent = canonicalJson(content);
  const [row] = await db
    .insert(paymentCertificates)
    .values({
      id,
      orderId,
      verificationCode,
      issuedAt,
      signedContent,
      signature: signer.sign(signedContent),
      keyId: signer.keyId,
      pageCount,
      pdf: Buffer.from(pdf),
    })
    .onConflictDoNothing({ target: paymentCertificates.orderId })
    .returning();
  if (row) return toCertificate(row, false);
  const [winner] = await db.select().from(paymentCertificates).where(eq(paymentCertificates.orderId, orderId));
  return toCertificate(winner!, true);
}

/** Public check of a verification code. */
export async function verifyPaymentCertificate(
  db: Db,
  signer: StatementSigner,
  input: string,
): Promise<PaymentVerificationResult> {
  const code = normalizeVerificationCode(input);
  if (!code) return { genuine: false, reason: 'malformedCode' };
  const [row] = await db
    .select({ cert: paymentCertificates, state: paymentOrders.state })
    .from(paymentCertificates)
    .innerJoin(paymentOrders, eq(paymentOrders.id, paymentCertificates.orderId))
    .where(eq(paymentCertificates.verificationCode, code));
  if (!row) return { genuine: false, reason: 'unknownCode' };
  const { cert } = row;
  if (!(await verifyWithKeyId(db, signer, cert.keyId, cert.signedContent, cert.signature)))
    return { genuine: false, reason: 'badSignature' };
  return {
    genuine: true,
    content: JSON.parse(cert.signedContent) as PaymentCertificateContent,
    signedContent: cert.signedContent,
    signature: cert.signature,
    keyId: cert.keyId,
    refundedSince: row.state === 'refunded',
  };
}
