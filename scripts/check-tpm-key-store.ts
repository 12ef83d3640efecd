/**
 * `npx tsx scripts/check-tpm-key-store.ts [DIR]`: on a terminal, checks that the TPM key store works
 * here: detects the TPM, seals a throwaway Ed25519 key in DIR (default: a temporary folder), unseals
 * it and compares, and shows that the sealed files hold no key bytes. `TPM2TOOLS_TCTI` picks another
 * TPM (e.g. `swtpm:host=127.0.0.1,port=2321` for Debian's software TPM, `swtpm`). Exits 1 on failure.
 */
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TerminalKey } from '../host/terminal-key/terminal-key';
import { TpmKeyStore, detectTpm } from '../host/terminal-key/tpm-store';

async function main(): Promise<void> {
  const found = await detectTpm();
  console.log(`TPM: ${found.available ? 'found' : 'not found'} (${found.reason})`);
  if (!found.available) process.exit(1);
  const dir = process.argv[2] ?? (await fs.mkdtemp(path.join(tmpdir(), 'tpm-key-check-')));
  const store = new TpmKeyStore(path.join(dir, 'terminal-key.tpm'));
  const started = Date.now();
  const made = await TerminalKey.loadOrCreate(store);
  const madeMs = Date.now() - started;
  const again = Date.now();
  const loaded = await TerminalKey.loadOrCreate(store);
  const loadMs = Date.now() - again;
  const pkcs8 = await store.read();
  const sealed = Buffer.concat([
    await fs.readFile(`${store.location}.pub`),
    await fs.readFile(`${store.location}.priv`),
  ]);
  const leaks = pkcs8 !== null && sealed.includes(pkcs8.subarray(16));
  console.log(`key ${made.fingerprint.slice(0, 16)}… sealed in ${madeMs} ms, unsealed in ${loadMs} ms`);
  console.log(
    `same key after unseal: ${made.fingerprint === loaded.fingerprint}; key bytes in the sealed files: ${leaks}`,
  );
  if (made.fingerprint !== loaded.fingerprint || leaks) process.exit(1);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
