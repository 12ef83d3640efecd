// Builds a Vite page set only when its inputs changed since the last build: `npm start` on a
// second run (or after `npm test`, which builds the same outputs) opens at once instead of
// spending a build on unchanged sources. The stamp is a SHA-256 of every input file's path and
// bytes, kept beside the output; a missing output or stamp rebuilds.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const STAMP = '.build-stamp';
const SKIP = new Set(['node_modules', 'dist', '.git']);

/** One build: its Vite config, its output folder and the files or folders it is built from. */
export interface BuildTarget {
  what: string;
  config: string;
  outDir: string;
  inputs: string[];
}

function filesUnder(entry: string, out: string[]): void {
  if (!existsSync(entry)) return;
  if (!statSync(entry).isDirectory()) {
    out.push(entry);
    return;
  }
  for (const name of readdirSync(entry).sort()) {
    if (!SKIP.has(name)) filesUnder(path.join(entry, name), out);
  }
}

/** The inputs' fingerprint: changes when any input file is added, removed or edited. */
export function inputsHash(root: string, inputs: readonly string[]): string {
  const hash = createHash('sha256');
  const files: string[] = [];
  for (const input of inputs) filesUnder(path.join(root, input), files);
  for (const file of files) {
    hash.update(path.relative(root, file));
    hash.update('\0');
    hash.update(readFileSync(file));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** Whether `target` must be built: no stamp (no output, or one built by hand) or a stamp of other inputs. */
export function needsBuild(root: string, target: BuildTarget): boolean {
  const stamp = path.join(root, target.outDir, STAMP);
  if (!existsSync(stamp)) return true;
  return readFileSync(stamp, 'utf8').trim() !== inputsHash(root, target.inputs);
}

/** Builds `target` when its inputs changed (or always with `force`); returns whether it built. */
export function ensureBuilt(root: string, target: BuildTarget, force = false): boolean {
  if (!force && !needsBuild(root, target)) return false;
  const hash = inputsHash(root, target.inputs);
  console.log(`Building ${target.what} ...`);
  const result = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', target.config, '--logLevel', 'warn'],
    { cwd: root, stdio: 'inherit' },
  );
  if (result.status !== 0) throw new Error(`Building ${target.what} failed.`);
  writeFileSync(path.join(root, target.outDir, STAMP), `${hash}\n`);
  return true;
}

/** What `npm start` serves: the kiosk UI (with the simulator page) and the hall server's pages. */
export const KIOSK_UI: BuildTarget = {
  what: 'the kiosk UI',
  config: 'renderer/vite.config.ts',
  outDir: 'dist/renderer',
  inputs: ['renderer', 'contracts', 'package-lock.json'],
};

export const HALL_PAGES: BuildTarget = {
  what: 'the staff console, hall display and ticket page',
  config: 'server/web/vite.config.ts',
  outDir: 'dist/server-web',
  inputs: ['server/web', 'contracts', 'package-lock.json'],
};
