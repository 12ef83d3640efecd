// Small real .deb packages for update tests (dpkg-deb, no maintainer scripts): each installs
// /opt/hrss-kiosk/VERSION holding its version, so a test can see which one a tree runs.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Builds `hrss-kiosk-terminal_<version>_all.deb`; answers its path and bytes. */
export function buildTestDeb(version: string, dir = mkdtempSync(path.join(tmpdir(), 'deb-'))) {
  const tree = path.join(dir, `tree-${version}`);
  mkdirSync(path.join(tree, 'DEBIAN'), { recursive: true });
  mkdirSync(path.join(tree, 'opt/hrss-kiosk'), { recursive: true });
  writeFileSync(
    path.join(tree, 'DEBIAN/control'),
    `Package: hrss-kiosk-terminal\nVersion: ${version}\nArchitecture: all\nMaintainer: HRSS kiosk <kiosk@example.org>\nDescription: test package ${version}\n`,
  );
  writeFileSync(path.join(tree, 'opt/hrss-kiosk/VERSION'), `${version}\n`);
  const file = path.join(dir, `hrss-kiosk-terminal_${version}_all.deb`);
  execFileSync('dpkg-deb', ['--root-owner-group', '-Zgzip', '--build', tree, file], { stdio: 'ignore' });
  return { file, bytes: readFileSync(file), fileName: path.basename(file) };
}

/** An empty tree dpkg can install into with `--root`. */
export function emptyDpkgRoot(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'dpkg-root-'));
  for (const d of ['var/lib/dpkg/info', 'var/lib/dpkg/updates', 'var/lib/dpkg/triggers', 'var/log']) {
    mkdirSync(path.join(root, d), { recursive: true });
  }
  writeFileSync(path.join(root, 'var/lib/dpkg/status'), '');
  writeFileSync(path.join(root, 'var/lib/dpkg/available'), '');
  return root;
}

/** What the tree runs: the installed file's content and dpkg's own record of the version. */
export function installedIn(root: string): { file: string | null; dpkgVersion: string | null } {
  let file: string | null = null;
  try {
    file = readFileSync(path.join(root, 'opt/hrss-kiosk/VERSION'), 'utf8').trim();
  } catch {
    file = null;
  }
  const status = readFileSync(path.join(root, 'var/lib/dpkg/status'), 'utf8');
  const dpkgVersion = /Package: hrss-kiosk-terminal\n(?:.*\n)*?Version: (.+)/.exec(status)?.[1] ?? null;
  return { file, dpkgVersion };
}
