/**
 * electron-updater's generic-provider feed for one release: `latest.yml` (Windows), `latest-linux.yml`
 * (x64) or `latest-linux-arm64.yml`, in the shape electron-builder writes (files[].url, sha512,
 * size; path and sha512 repeated at the top level for older updaters).
 */
import type { ReleaseManifest } from '../../contracts/updates';

/** The feed file names electron-updater asks for, by what the release is built for. */
export function feedFileNames(manifest: Pick<ReleaseManifest, 'kind' | 'arch'>): string[] {
  if (manifest.kind !== 'electron') return [];
  return manifest.arch === 'arm64' ? ['latest-linux-arm64.yml'] : ['latest.yml', 'latest-linux.yml'];
}

/** The YAML text (every value quoted, so a version like `1.10` stays a string). */
export function feedYaml(manifest: ReleaseManifest): string {
  const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
  return [
    `version: ${q(manifest.version)}`,
    'files:',
    `  - url: ${q(manifest.fileName)}`,
    `    sha512: ${q(manifest.sha512)}`,
    `    size: ${manifest.size}`,
    `path: ${q(manifest.fileName)}`,
    `sha512: ${q(manifest.sha512)}`,
    `releaseDate: ${q(manifest.uploadedAt)}`,
    '',
  ].join('\n');
}
