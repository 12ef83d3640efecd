/**
 * Stages what the packaged shell loads at run time into dist/app/, the folder electron-builder
 * packs into app.asar (electron-builder.yml `directories.app`): the bundled main/preload, the
 * kiosk renderer, a package.json naming only the native modules, and those modules with their
 * own dependencies. The server, seed data, face-model source packages, build tools and tests never
 * reach it. Run after the renderer and shell builds (scripts/dist.ts does all three).
 */
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { nativeModules } from '../electron/vite.config';

/** Renderer files that are tools, not the kiosk: the face engine lab page and its own script. */
export const rendererToolFiles = [/^face-lab\.html$/, /^assets\/face-lab-[\w-]+\.js$/];

/** Platforms we build for (electron-builder.yml); prebuilt binaries for others are left out. */
export const targetPrebuilds = ['linux-x64', 'linux-arm64', 'win32-x64'];

/** Parts of a native module's package the running app never loads (sources, docs, typings). */
const droppedInModules = [
  /\.(md|markdown|d\.ts|map|cc|cpp|c|h|hpp|gyp|gypi)$/i,
  /(^|\/)(test|tests|docs?|example|examples|src\/[^/]+\.(cc|h)|hidapi|\.github)(\/|$)/,
];

interface PackageJson {
  name: string;
  version: string;
  description?: string;
  author?: unknown;
  license?: string;
  homepage?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as PackageJson;

/** Where Node would find `name` from the package folder `from` (nested node_modules first). */
function resolvePackageDir(root: string, from: string, name: string): string | null {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (dir === root || dir === path.dirname(dir)) return null;
  }
}

/** Every package folder the native modules need (themselves and their dependencies), relative to root. */
export function nativeClosure(root: string, names: readonly string[]): string[] {
  const found = new Set<string>();
  const visit = (from: string, name: string, optional: boolean) => {
    const dir = resolvePackageDir(root, from, name);
    if (!dir) {
      if (optional) return;
      throw new Error(`${name} is needed by the packaged app but not installed (npm ci first)`);
    }
    const rel = path.relative(root, dir);
    if (found.has(rel)) return;
    found.add(rel);
    const pkg = readJson(path.join(dir, 'package.json'));
    for (const dep of Object.keys(pkg.dependencies ?? {})) visit(dir, dep, false);
    for (const dep of Object.keys(pkg.optionalDependencies ?? {})) visit(dir, dep, true);
  };
  // A native module that is not installed (an optional one such as the PC/SC binding) is skipped.
  for (const name of names) visit(root, name, true);
  return [...found].sort();
}

function keepModuleFile(rel: string): boolean {
  const posix = rel.split(path.sep).join('/');
  if (droppedInModules.some((re) => re.test(posix))) return false;
  const prebuild = /(^|\/)prebuilds\/([^/]+)/.exec(posix);
  if (prebuild?.[2]) return targetPrebuilds.some((t) => prebuild[2]!.replace(/^HID(_hidraw)?-/, '').startsWith(t));
  return true;
}

/** Builds dist/app (or `out`) from dist/electron and dist/renderer; returns the staged folder. */
export function stageApp(root: string, out = path.join(root, 'dist/app')): string {
  const electronDir = path.join(root, 'dist/electron');
  const rendererDir = path.join(root, 'dist/renderer');
  for (const need of [path.join(electronDir, 'main.js'), path.join(rendererDir, 'index.html')]) {
    if (!existsSync(need))
      throw new Error(`${path.relative(root, need)} is missing: build the shell and renderer first`);
  }
  rmSync(out, { recursive: true, force: true });
  mkdirSync(path.join(out, 'dist/electron'), { recursive: true });
  for (const file of ['main.js', 'preload.cjs']) {
    cpSync(path.join(electronDir, file), path.join(out, 'dist/electron', file));
  }
  cpSync(rendererDir, path.join(out, 'dist/renderer'), {
    recursive: true,
    filter: (src) => {
      const rel = path.relative(rendererDir, src).split(path.sep).join('/');
      return !rendererToolFiles.some((re) => re.test(rel));
    },
  });

  const project = readJson(path.join(root, 'package.json'));
  const modules = nativeClosure(root, nativeModules);
  const topLevel = modules.filter((rel) => nativeModules.includes(rel.replace(/^node_modules\//, '')));
  const dependencies = Object.fromEntries(
    topLevel.map((rel) => [rel.replace(/^node_modules\//, ''), readJson(path.join(root, rel, 'package.json')).version]),
  );
  const appPackage = {
    name: project.name,
    productName: 'HRSS Kiosk',
    version: project.version,
    description: project.description,
    author: project.author,
    license: project.license,
    homepage: project.homepage,
    type: 'module',
    main: 'dist/electron/main.js',
    dependencies,
  };
  writeFileSync(path.join(out, 'package.json'), `${JSON.stringify(appPackage, null, 2)}\n`);
  for (const rel of modules) {
    const from = path.join(root, rel);
    cpSync(from, path.join(out, rel), {
      recursive: true,
      filter: (src) => {
        const inner = path.relative(from, src);
        // A nested node_modules is copied as its own entry of the closure (or not needed).
        if (inner.split(path.sep)[0] === 'node_modules') return false;
        if (inner === '') return true;
        return statSync(src).isDirectory()
          ? !droppedInModules[1]!.test(`${inner.split(path.sep).join('/')}/`)
          : keepModuleFile(inner);
      },
    });
  }
  return out;
}

/** Total bytes of the files under a folder. */
export function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return total;
}

if (import.meta.filename === process.argv[1]) {
  const root = path.resolve(import.meta.dirname, '..');
  const out = stageApp(root);
  console.log(`Staged ${path.relative(root, out)}: ${(folderBytes(out) / 1e6).toFixed(1)} MB`);
}
