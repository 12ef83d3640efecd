/**
 * Offline check of a statement with the published public key, without trusting the server's answer:
 *
 *   npx tsx scripts/verify-statement.ts <record.json> <statement-key.pem> [statement.pdf]
 *
 * record.json is what `GET /api/v1/verify/<code>` returned (any JSON with `signedContent` and
 * `signature`); the key is `publicKeyPem` of `GET /.well-known/statement-key`, saved as a file (get it
 * once, from a source you trust). With a PDF, its SHA-256 must equal the signed `pdfSha256`.
 * Prints GENUINE and what the statement says, or NOT GENUINE and why; exit code 0 or 1.
 */
import { createHash, createPublicKey, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';

function fail(why: string): never {
  console.log(`NOT GENUINE: ${why}`);
  process.exit(1);
}

const [recordPath, keyPath, pdfPath] = process.argv.slice(2);
if (!recordPath || !keyPath) {
  console.error('usage: verify-statement.ts <record.json> <statement-key.pem> [statement.pdf]');
  process.exit(2);
}
const record = JSON.parse(readFileSync(recordPath, 'utf8')) as { signedContent?: unknown; signature?: unknown };
if (typeof record.signedContent !== 'string' || typeof record.signature !== 'string')
  fail('the record has no signedContent and signature (was the code genuine when fetched?)');
const publicKey = createPublicKey(readFileSync(keyPath, 'utf8'));
const signature = Buffer.from(record.signature, 'base64');
if (signature.length !== 64 || !verify(null, Buffer.from(record.signedContent, 'utf8'), publicKey, signature))
  fail('the signature does not match the content and this key');

const content = JSON.parse(record.signedContent) as {
  kind: string;
  verificationCode: string;
  issuer: string;
  issuedAt: string;
  person: { name: string; maskedIdNumber: string };
  coverage: { from: string; to: string };
  pdfSha256: string;
};
if (pdfPath) {
  const digest = createHash('sha256').update(readFileSync(pdfPath)).digest('hex');
  if (digest !== content.pdfSha256) fail('the PDF is not the file that was issued (SHA-256 differs)');
}
console.log('GENUINE');
console.log(`code      ${content.verificationCode}`);
console.log(`kind      ${content.kind}  ${content.coverage.from}-${content.coverage.to}`);
console.log(`person    ${content.person.name} ${content.person.maskedIdNumber}`);
console.log(`issued    ${content.issuedAt} by ${content.issuer}`);
if (pdfPath) console.log('pdf       matches');
