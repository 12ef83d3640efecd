/**
 * The TPM store (Linux, through tpm2-tools): the key's bytes are sealed to this machine's TPM under a
 * primary key derived from the TPM's owner seed, so the two sealed blobs on disk are useless on any
 * other machine, or after the TPM is cleared. Unsealed, the key is in the host's memory while it runs
 * (a TPM-resident signing key would keep it out of memory, but TPMs do not all do Ed25519).
 */
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readOwnerOnly, writeOwnerOnly } from './file-store';
import { KeyStoreError, type TerminalKeyStore } from './key-store';

/** Runs one tpm2-tools command; stdout as bytes. Injected so tests can stand in for a TPM. */
export type TpmCommandRunner = (command: string, args: string[], stdin?: Buffer) => Promise<Buffer>;

/** The device nodes a TPM 2.0 shows on Linux (the resource manager first). */
export const TPM_DEVICES = ['/dev/tpmrm0', '/dev/tpm0'] as const;

/** How to find a TPM: a device node, or `TPM2TOOLS_TCTI` naming another one (a software TPM in tests). */
export interface TpmProbe {
  exists(file: string): Promise<boolean>;
  /** True when tpm2-tools' commands are installed. */
  hasTools(): Promise<boolean>;
  env: Record<string, string | undefined>;
}

/** Why a TPM is used or not, for the log. */
export interface TpmDetection {
  available: boolean;
  reason: string;
}

/** Looks for a usable TPM: tpm2-tools installed and a TPM device (or a configured TCTI). */
export async function detectTpm(probe: TpmProbe = defaultProbe()): Promise<TpmDetection> {
  if (!(await probe.hasTools())) return { available: false, reason: 'tpm2-tools is not installed' };
  if (probe.env.TPM2TOOLS_TCTI) return { available: true, reason: `TPM through ${probe.env.TPM2TOOLS_TCTI}` };
  for (const device of TPM_DEVICES) {
    if (await probe.exists(device)) return { available: true, reason: `TPM at ${device}` };
  }
  return { available: false, reason: 'no TPM device (/dev/tpmrm0, /dev/tpm0)' };
}

/** The key's bytes sealed by the TPM: `<location>.pub` and `<location>.priv`, owner-only. */
export class TpmKeyStore implements TerminalKeyStore {
  readonly kind = 'tpm' as const;

  constructor(
    readonly location: string,
    private readonly run: TpmCommandRunner = runTpmCommand,
  ) {}

  async read(): Promise<Buffer | null> {
    const pub = await readOwnerOnly(`${this.location}.pub`);
    const priv = await readOwnerOnly(`${this.location}.priv`);
    if (pub === null || priv === null) return null;
    return this.inWorkDir(async (dir) => {
      await fs.writeFile(path.join(dir, 'seal.pub'), pub, { mode: 0o600 });
      await fs.writeFile(path.join(dir, 'seal.priv'), priv, { mode: 0o600 });
      await this.primary(dir);
      await this.tpm('tpm2_load', [
        '-C',
        ctx(dir, 'primary'),
        '-u',
        ctx(dir, 'seal.pub', ''),
        '-r',
        ctx(dir, 'seal.priv', ''),
        '-c',
        ctx(dir, 'seal'),
      ]);
      const sealed = await this.tpm('tpm2_unseal', ['-c', ctx(dir, 'seal')]);
      return Buffer.from(sealed.toString('utf8').trim(), 'base64');
    });
  }

  async write(bytes: Buffer): Promise<void> {
    const [pub, priv] = await this.inWorkDir(async (dir) => {
      await this.primary(dir);
      await this.tpm(
        'tpm2_create',
        ['-C', ctx(dir, 'primary'), '-i', '-', '-u', ctx(dir, 'seal.pub', ''), '-r', ctx(dir, 'seal.priv', '')],
        Buffer.from(bytes.toString('base64')),
      );
      return [await fs.readFile(ctx(dir, 'seal.pub', '')), await fs.readFile(ctx(dir, 'seal.priv', ''))];
    });
    await writeOwnerOnly(`${this.location}.pub`, pub);
    await writeOwnerOnly(`${this.location}.priv`, priv);
  }

  // The storage primary key is derived again each time from the owner seed and this fixed template,
  // so it need not be stored (and a cleared TPM can no longer unseal).
  private async primary(dir: string): Promise<void> {
    await this.tpm('tpm2_createprimary', ['-C', 'o', '-g', 'sha256', '-G', 'ecc', '-c', ctx(dir, 'primary')]);
  }

  // Each command's transient objects are flushed after it (their saved contexts stay loadable): a
  // TPM without a resource manager (/dev/tpm0, a software TPM) has only about three object slots.
  private async tpm(command: string, args: string[], stdin?: Buffer): Promise<Buffer> {
    try {
      const out = await this.run(command, args, stdin);
      await this.run('tpm2_flushcontext', ['-t']);
      return out;
    } catch (error) {
      const lines = (error as Error).message.split('\n').filter((l) => l.startsWith('ERROR'));
      throw new KeyStoreError(
        'tpmFailed',
        `${command} failed: ${lines.at(-1) ?? (error as Error).message.split('\n')[0]}`,
      );
    }
  }

  private async inWorkDir<T>(work: (dir: string) => Promise<T>): Promise<T> {
    const dir = await fs.mkdtemp(path.join(tmpdir(), 'kiosk-tpm-'));
    try {
      return await work(dir);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  }
}

function ctx(dir: string, name: string, suffix = '.ctx'): string {
  return path.join(dir, `${name}${suffix}`);
}

/** Runs a tpm2-tools command (TPM2TOOLS_TCTI from the environment picks the TPM). */
export const runTpmCommand: TpmCommandRunner = (command, args, stdin) =>
  new Promise((resolve, reject) => {
    const child = execFile(command, args, { encoding: 'buffer', timeout: 30_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${error.message}${stderr.length ? `: ${stderr.toString('utf8')}` : ''}`));
      else resolve(stdout);
    });
    if (stdin) child.stdin?.end(stdin);
    else child.stdin?.end();
  });

function defaultProbe(): TpmProbe {
  return {
    exists: async (file) =>
      fs.access(file).then(
        () => true,
        () => false,
      ),
    hasTools: async () => {
      for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
        if (
          dir &&
          (await fs.access(path.join(dir, 'tpm2_unseal')).then(
            () => true,
            () => false,
          ))
        )
          return true;
      }
      return false;
    },
    env: process.env,
  };
}
