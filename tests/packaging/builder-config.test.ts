/** electron-builder.yml says what the README promises: every target and arch, the fuses, the staged app. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
interface Target {
  target: string;
  arch: string[];
}
const config = load(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as {
  directories: { app: string; buildResources: string };
  asar: boolean;
  npmRebuild: boolean;
  electronFuses: Record<string, boolean>;
  linux: { target: Target[]; icon: string; maintainer: string };
  win: { target: Target[]; icon: string };
  deb: { depends: string[] };
};
const targets = (list: Target[]) => list.flatMap((t) => t.arch.map((arch) => `${t.target}:${arch}`)).sort();

describe('electron-builder.yml', () => {
  it('builds deb and AppImage for x64 and arm64 (Kylin/UOS terminals), NSIS for Windows x64', () => {
    expect(targets(config.linux.target)).toEqual(['AppImage:arm64', 'AppImage:x64', 'deb:arm64', 'deb:x64']);
    expect(targets(config.win.target)).toEqual(['nsis:x64']);
  });

  it('flips every fuse the Electron security checklist asks for', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packs the staged app into an ASAR and compiles nothing (N-API prebuilds)', () => {
    expect(config.directories.app).toBe('dist/app');
    expect(config.asar).toBe(true);
    expect(config.npmRebuild).toBe(false);
  });

  it('names icons that exist and a maintainer for the deb', () => {
    const icons = path.join(root, config.directories.buildResources);
    expect(readFileSync(path.join(root, config.win.icon)).subarray(0, 4)).toEqual(Buffer.from([0, 0, 1, 0]));
    for (const size of [16, 32, 48, 64, 128, 256, 512]) {
      const png = readFileSync(path.join(root, config.linux.icon, `${size}x${size}.png`));
      expect(png.readUInt32BE(16), `${size}px icon width`).toBe(size);
    }
    expect(icons).toContain('build');
    expect(config.linux.maintainer).toMatch(/<[^@>]+@[^>]+>/);
    expect(config.deb.depends).toContain('libudev1');
  });
});
