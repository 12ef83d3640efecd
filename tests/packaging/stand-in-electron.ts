/**
 * A stand-in Electron distribution for packaging tests (no Electron download here): the files
 * electron-builder copies from a real linux-x64 release, and an `electron` executable that carries
 * Electron's real fuse sentinel and wire, so @electron/fuses flips the same bytes it would flip in
 * the real binary. It is a shell script: it cannot run the app, only be packaged.
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The marker @electron/fuses looks for; the fuse wire follows it (version byte, length byte, one byte per fuse). */
export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

/** Electron 45's shipped fuse wire, in @electron/fuses' order (RunAsNode … GrantFileProtocolExtraPrivileges). */
export const ELECTRON_DEFAULT_WIRE = '10110001';

/** Writes the stand-in into `dir` and returns it. */
export function writeStandInElectron(dir: string, version: string): string {
  mkdirSync(path.join(dir, 'locales'), { recursive: true });
  mkdirSync(path.join(dir, 'resources'), { recursive: true });
  const wire = Buffer.concat([
    Buffer.from(`#!/bin/sh\necho "stand-in Electron ${version}: packaging tests only"\nexit 1\n# ${FUSE_SENTINEL}`),
    Buffer.from([1, ELECTRON_DEFAULT_WIRE.length]),
    Buffer.from(`${ELECTRON_DEFAULT_WIRE}\n`),
  ]);
  writeFileSync(path.join(dir, 'electron'), wire);
  chmodSync(path.join(dir, 'electron'), 0o755);
  writeFileSync(path.join(dir, 'version'), `${version}\n`);
  for (const file of ['LICENSE', 'LICENSES.chromium.html', 'chrome-sandbox', 'libffmpeg.so', 'icudtl.dat']) {
    writeFileSync(path.join(dir, file), '');
  }
  for (const locale of ['zh-CN', 'en-US', 'fr', 'de']) writeFileSync(path.join(dir, 'locales', `${locale}.pak`), '');
  return dir;
}

/** The fuse wire after the sentinel in a binary, as '0'/'1' characters ('r' = removed). */
export function readFuseWire(binary: Buffer): string {
  const at = binary.indexOf(FUSE_SENTINEL);
  if (at < 0) throw new Error('no fuse sentinel in the binary');
  const start = at + FUSE_SENTINEL.length;
  const length = binary[start + 1] ?? 0;
  return binary.subarray(start + 2, start + 2 + length).toString('latin1');
}
