/**
 * The terminal's checks before anything is installed: the manifest's Ed25519 signature by a key
 * pinned in the terminal's own configuration, then the file's size and SHA-512 against the manifest.
 * Pure; a failed check is an `UpdateRefused` with a code for the report and the fleet view.
 */
import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from '../../contracts/canonical-json';
import { type ReleaseManifest, ReleaseManifest as ManifestSchema, type SignedManifest } from '../../contracts/updates';

export type RefusalCode =
  | 'unknownKey'
  | 'badSignature'
  | 'badManifest'
  | 'sizeMismatch'
  | 'sha512Mismatch'
  | 'feedMismatch'
  | 'noRollbackPackage';

/** An update the terminal will not install, and why. */
export class UpdateRefused extends Error {
  override readonly name = 'UpdateRefused';
  constructor(readonly code: RefusalCode) {
    super(`update refused: ${code}`);
  }
}

/** Pinned update keys by key id (the first 16 hex digits of the SHA-256 of the SPKI DER). */
export function pinnedKeys(pems: readonly string[]): Map<string, KeyObject> {
  const keys = new Map<string, KeyObject>();
  for (const pem of pems) {
    const key = createPublicKey(pem);
    if (key.asymmetricKeyType !== 'ed25519') throw new Error('an update key must be an Ed25519 public key');
    const der = key.export({ type: 'spki', format: 'der' });
    keys.set(createHash('sha256').update(der).digest('hex').slice(0, 16), key);
  }
  return keys;
}

/** True when `signature` (base64, 64 bytes) is the key's Ed25519 signature of `data`. */
export function signatureHolds(key: KeyObject, data: string, signature: string): boolean {
  const bytes = Buffer.from(signature, 'base64');
  if (bytes.length !== 64 || bytes.toString('base64') !== signature) return false;
  return verify(null, Buffer.from(data, 'utf8'), key, bytes);
}

/** The manifest, when its signature holds under a pinned key; else UpdateRefused. */
export function verifyManifest(signed: SignedManifest, keys: ReadonlyMap<string, KeyObject>): ReleaseManifest {
  const key = keys.get(signed.keyId);
  if (!key) throw new UpdateRefused('unknownKey');
  if (!signatureHolds(key, canonicalJson(signed.manifest), signed.signature)) throw new UpdateRefused('badSignature');
  const parsed = ManifestSchema.safeParse(signed.manifest);
  if (!parsed.success) throw new UpdateRefused('badManifest');
  return parsed.data;
}

/** Checks downloaded bytes against the manifest (size first: cheap). */
export function verifyFile(bytes: Uint8Array, manifest: ReleaseManifest): void {
  if (bytes.byteLength !== manifest.size) throw new UpdateRefused('sizeMismatch');
  if (createHash('sha512').update(bytes).digest('base64') !== manifest.sha512)
    throw new UpdateRefused('sha512Mismatch');
}

/**
 * Checks an electron-updater feed (`latest*.yml`) before electron-updater reads it: the
 * `x-update-signature` header (`<keyId>:<base64>`) over its exact text, and that it names the
 * verified manifest's file, sha512 and size (so what electron-updater checks is what was signed).
 */
export function verifyFeed(
  text: string,
  signatureHeader: string | null,
  manifest: ReleaseManifest,
  keys: ReadonlyMap<string, KeyObject>,
): void {
  const [keyId, signature] = (signatureHeader ?? '').split(':', 2);
  const key = keyId ? keys.get(keyId) : undefined;
  if (!key) throw new UpdateRefused('unknownKey');
  if (!signature || !signatureHolds(key, text, signature)) throw new UpdateRefused('badSignature');
  const field = (name: string) => new RegExp(`^\\s*-?\\s*${name}: '?([^'\\n]*)'?$`, 'm').exec(text)?.[1];
  if (
    field('version') !== manifest.version ||
    field('sha512') !== manifest.sha512 ||
    field('url') !== manifest.fileName ||
    field('size') !== String(manifest.size)
  ) {
    throw new UpdateRefused('feedMismatch');
  }
}
