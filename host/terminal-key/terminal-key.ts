/** The terminal's Ed25519 key pair: made on the terminal, kept by a key store, used to sign. */
import { type KeyObject, createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import type { TerminalKeyStore } from './key-store';

/** A loaded private key and its public half. */
export class TerminalKey {
  /** SPKI DER, base64: what the hall server stores. */
  readonly publicKey: string;
  /** Hex sha256 of the SPKI DER: how logs and the audit name the key. */
  readonly fingerprint: string;

  private constructor(private readonly privateKey: KeyObject) {
    const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
    this.publicKey = spki.toString('base64');
    this.fingerprint = createHash('sha256').update(spki).digest('hex');
  }

  /** The key in the store; made and stored first when there is none. Throws the store's KeyStoreError. */
  static async loadOrCreate(store: TerminalKeyStore): Promise<TerminalKey> {
    let bytes = await store.read();
    if (bytes === null) {
      const { privateKey } = generateKeyPairSync('ed25519');
      await store.write(privateKey.export({ format: 'der', type: 'pkcs8' }));
      // Read back: what the store holds is the key (another process may have stored one first).
      bytes = await store.read();
      if (bytes === null) throw new Error(`the key store ${store.location} kept nothing`);
    }
    const key = createPrivateKey({ key: bytes, format: 'der', type: 'pkcs8' });
    if (key.asymmetricKeyType !== 'ed25519') throw new Error(`the key in ${store.location} is not an Ed25519 key`);
    return new TerminalKey(key);
  }

  /** base64url Ed25519 signature of the UTF-8 message. */
  sign(message: string): string {
    return sign(null, Buffer.from(message, 'utf8'), this.privateKey).toString('base64url');
  }
}
