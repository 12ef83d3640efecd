/**
 * `tsx server/cli/upload-release.ts --file hrss-kiosk-terminal_0.2.0_amd64.deb` (on DATABASE_URL /
 * PGLITE_DIR): stores a release for admins to publish from the staff console. A .deb names its own
 * version and arch (read with `dpkg-deb -f`); an Electron build needs `--kind electron --version
 * 0.2.0 --arch x64`. Prints the release id, size and SHA-512. Nothing is offered to any terminal
 * until an admin publishes it.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { userInfo } from 'node:os';
import { UpdateArch, UpdateFileName, UpdateKind, UpdateVersion } from '../../contracts/updates';
import { openDatabase } from '../db/open';
import { uploadRelease } from '../updates/releases';
import { databaseTarget, parseArgs } from './args';

/** Version and arch from a .deb's control file. */
export function debFields(file: string): { version: string; arch: string } {
  const out = execFileSync('dpkg-deb', ['-f', file, 'Version', 'Architecture'], { encoding: 'utf8' });
  const field = (name: string) => new RegExp(`^${name}: (.+)$`, 'm').exec(out)?.[1]?.trim() ?? '';
  return { version: field('Version'), arch: field('Architecture') };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const file = args.file;
  if (!file) throw new Error('name the package: --file <path>');
  const kind = UpdateKind.parse(args.kind ?? (file.endsWith('.deb') ? 'deb' : 'electron'));
  const fromDeb = kind === 'deb' ? debFields(file) : null;
  if (fromDeb && args.version && args.version !== fromDeb.version) {
    throw new Error(`the package says version ${fromDeb.version}, not ${args.version}`);
  }
  const version = UpdateVersion.parse(fromDeb?.version ?? args.version);
  const arch = UpdateArch.parse(fromDeb?.arch ?? args.arch ?? 'x64');
  const fileName = UpdateFileName.parse(basename(file));
  const target = databaseTarget(args);
  if (!target.url && !target.dataDir) throw new Error('set DATABASE_URL or PGLITE_DIR');
  const database = await openDatabase(target);
  try {
    const manifest = await uploadRelease(database.db, {
      version,
      kind,
      arch,
      fileName,
      bytes: readFileSync(file),
      uploadedBy: `cli:${userInfo().username}`,
    });
    console.log(`Uploaded ${kind} ${arch} ${version} as release ${manifest.releaseId}`);
    console.log(`${manifest.size} bytes, sha512 ${manifest.sha512}`);
    console.log('Publish it to a share of a hall’s terminals in the staff console (更新 tab).');
  } finally {
    await database.close();
  }
}

if (process.argv[1] && import.meta.url.endsWith(basename(process.argv[1]))) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
