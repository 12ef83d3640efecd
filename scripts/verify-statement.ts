/**
 * Offline check of a statement with the published public key, without trusting the server's answer:
 *
 *   npx tsx scripts/verify-statement.ts <record.json> <statement-keys.json | statement-key.pem> [statement.pdf]
 *
 * record.json is what `GET /api/v1/verify/<code>` returned (any JSON with `signedContent` and
 * `signature`, and `keyId`). The keys: `GET /.well-known/statement-key` saved as a file (get it from a
 * source you trust): the record is checked with the key of its `keyId` among `keys`, so a statement
 * signed before the hall changed its key still checks; a key id not in the file is not genuine. A
 * single PEM file (the `publicKeyPem` alone) works too, for the key it holds. With a PDF, its SHA-256
 * must equal the signed `pdfSha256`.
 * Prints GENUINE and what the statement says, or NOT GENUINE and why; exit code 0 or 1.
 */
import { type KeyObject, createHash, createPublicKey, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';

function fail(why: string): never {
  console.log(`NOT GENUINE: ${why}`);
  process.exit(1);
}

const [recordPath, keyPath, pdfPath] = process.argv.slice(2);
if (!recordPath || !keyPath) {
  console.error('usage: verify-statement.ts <record.json> <statement-keys.json | statement-key.pem> [statement.pdf]');
  process.exit(2);
}
const record = JSON.parse(readFileSync(recordPath, 'utf8')) as {
  signedContent?: unknown;
  signature?: unknown;
  keyId?: unknown;
};
if (typeof record.signedContent !== 'string' || typeof record.signature !== 'string')
  fail('the record has no signedContent and signature (was the code genuine when fetched?)');

/** Key id as the server computes it: the first 16 hex digits of the SHA-256 of the SPKI DER. */
function keyIdOf(key: KeyObject): string {
  return createHash('sha256')
    .update(key.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
}

/** The keys in the file: the published JSON (`keys`, or the older `publicKeyPem` alone) or one PEM. */
function readKeys(text: string): KeyObject[] {
  if (!text.trimStart().startsWith('{')) return [createPublicKey(text)];
  const doc = JSON.parse(text) as { publicKeyPem?: unknown; keys?: Array<{ publicKeyPem?: unknown }> };
  const pems = (doc.keys ?? []).map((k) => k.publicKeyPem).concat(doc.publicKeyPem);
  return pems.filter((p): p is string => typeof p === 'string').map((p) => createPublicKey(p));
}
const keys = readKeys(readFileSync(keyPath, 'utf8'));
// The record names its key; a record without one (older tools) is checked with the file's first key.
const publicKey =
  typeof record.keyId === 'string' ? keys.find((k) => keyIdOf(k) === record.keyId) : (keys[0] ?? undefined);
if (!publicKey) fail(`the statement names a key (${String(record.keyId)}) that is not among the published keys`);
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
