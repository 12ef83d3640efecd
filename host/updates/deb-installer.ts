/**
 * Installs a .deb with dpkg. On a terminal: `dpkg -i <file>` as root (the host service is given a
 * sudo rule or runs the install through a root helper: `command`). In tests: `root` installs into a
 * private tree with `dpkg --root <dir> --force-not-root`, which really unpacks the package and
 * records it in that tree's dpkg database (seen to work here; maintainer scripts would be run
 * chrooted into that tree, so a test package carries none). Downgrades (a rollback) are allowed.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Installer, VerifiedPackage } from './installer';

const run = promisify(execFile);

export interface DebInstallerOptions {
  /** The program and its leading arguments (default `['dpkg']`; e.g. `['sudo', '-n', '/usr/bin/dpkg']`). */
  command?: readonly string[];
  /** Install into this tree instead of `/` (tests). */
  root?: string;
  /** How long dpkg may take (default 5 minutes). */
  timeoutMs?: number;
}

/** dpkg's installer behind the Installer interface. */
export function createDebInstaller(options: DebInstallerOptions = {}): Installer {
  const [program, ...lead] = options.command ?? ['dpkg'];
  const rootArgs = options.root
    ? [`--root=${options.root}`, '--force-not-root', '--force-bad-path', `--log=${options.root}/var/log/dpkg.log`]
    : [];
  return {
    async install(pkg: VerifiedPackage) {
      if (pkg.manifest.kind !== 'deb') throw Object.assign(new Error('not a .deb'), { code: 'wrongKind' });
      try {
        await run(program!, [...lead, ...rootArgs, '--force-downgrade', '-i', pkg.path], {
          timeout: options.timeoutMs ?? 300_000,
          env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
        });
      } catch (error) {
        const status = (error as { code?: unknown }).code;
        throw Object.assign(new Error('dpkg failed'), { code: `dpkgFailed:${String(status)}` });
      }
    },
  };
}
