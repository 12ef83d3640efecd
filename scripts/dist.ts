/**
 * `npm run dist [-- electron-builder args]`: builds the renderer and the Electron shell, stages
 * dist/app (scripts/stage-app.ts) and runs electron-builder on it. Without arguments it builds
 * every target of electron-builder.yml for this OS's family (Linux: deb + AppImage, x64 and arm64;
 * Windows: NSIS x64). `-- --dir` makes only the unpacked app (release/linux-unpacked); add
 * `-c.electronDist=PATH` to use a local Electron distribution (a folder or the release zip)
 * instead of downloading one (the download honours ELECTRON_MIRROR).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { folderBytes, stageApp } from './stage-app';

const root = path.resolve(import.meta.dirname, '..');

function run(command: string, args: string[], what: string): void {
  console.log(`${what} ...`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${what} failed.`);
}

try {
  run(
    'npx',
    ['--yes', 'vite', 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'],
    'Building the kiosk UI',
  );
  run(
    'npx',
    ['--yes', 'vite', 'build', '--config', 'electron/vite.config.ts', '--logLevel', 'warn'],
    'Building the Electron shell',
  );
  const staged = stageApp(root);
  console.log(`Staged ${path.relative(root, staged)}: ${(folderBytes(staged) / 1e6).toFixed(1)} MB`);
  const args = process.argv.slice(2);
  const platform = process.platform === 'win32' ? ['--win'] : ['--linux'];
  run(
    path.join(root, 'node_modules/.bin/electron-builder'),
    [...(args.some((a) => /^--(linux|win|mac)/.test(a)) ? [] : platform), ...args],
    'Packaging',
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
