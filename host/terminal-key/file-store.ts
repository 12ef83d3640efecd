/**
 * The owner-only file store: the key file is created 0600 in a 0700 folder, and refused at load when
 * group or others may read it, or when it belongs to another user. It protects against other local
 * users, not against root or anyone who can read the disk (a copied disk image carries the key).
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { KeyStoreError, type TerminalKeyStore } from './key-store';

/** Stores bytes in `file`, owner-only. `platform` decides whether POSIX modes are checked (not on Windows). */
export class FileKeyStore implements TerminalKeyStore {
  readonly kind = 'file' as const;

  constructor(
    readonly location: string,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {}

  async read(): Promise<Buffer | null> {
    return readOwnerOnly(this.location, this.platform);
  }

  async write(bytes: Buffer): Promise<void> {
    await writeOwnerOnly(this.location, bytes);
  }
}

/** The file's bytes; null when it does not exist; KeyStoreError when others may read it or it is not ours. */
export async function readOwnerOnly(
  file: string,
  platform: NodeJS.Platform = process.platform,
): Promise<Buffer | null> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new KeyStoreError('keyFileUnreadable', `cannot read the terminal key ${file}: ${(error as Error).message}`);
  }
  try {
    // The checks are on the open file itself, so a swap between check and read cannot slip through.
    const stat = await handle.stat();
    if (platform !== 'win32') {
      if ((stat.mode & 0o077) !== 0) {
        throw new KeyStoreError(
          'keyFileTooOpen',
          `the terminal key ${file} may be read by others (mode ${(stat.mode & 0o777).toString(8)}): ` +
            `it is not used. If nobody copied it, chmod 600 it; otherwise re-register the terminal`,
        );
      }
      const uid = process.getuid?.();
      if (uid !== undefined && stat.uid !== uid) {
        throw new KeyStoreError('keyFileNotOwned', `the terminal key ${file} belongs to another user: it is not used`);
      }
    }
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

/**
 * Writes the file owner-only and atomically, never over an existing one: written to a private
 * temporary name, then linked into place (a second writer finds the first one's file and keeps it).
 */
export async function writeOwnerOnly(file: string, bytes: Buffer): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await fs.open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.link(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await fs.unlink(temp).catch(() => undefined);
  }
}
