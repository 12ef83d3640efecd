/** The `updates` section of a terminal's configuration (absent: the terminal never updates itself). */
import { z } from 'zod';
import { UpdateArch, UpdateKind } from '../../contracts/updates';

export const UpdatesConfig = z.object({
  /** `deb` for the thin-Linux terminal, `electron` for an Electron build. */
  kind: UpdateKind,
  /** Which packages fit this machine (a package built for `all` fits every arch). */
  arch: UpdateArch.default(process.arch === 'arm64' ? 'arm64' : 'amd64'),
  /**
   * The update-signing public keys this terminal trusts (SPKI PEM, from the hall server's
   * `/api/v1/update-keys`). Nothing signed by another key is installed.
   */
  publicKeys: z
    .array(z.string().regex(/-----BEGIN PUBLIC KEY-----/, 'a public key is an SPKI PEM (-----BEGIN PUBLIC KEY-----)'))
    .min(1, 'pin at least one update key'),
  /** How often to ask for an offer, in ms. */
  checkIntervalMs: z.number().int().min(10_000).max(86_400_000).default(300_000),
  /** How long a new version has to send a heartbeat the hall server accepts, in ms, before it is rolled back. */
  healthWindowMs: z.number().int().min(60_000).max(86_400_000).default(600_000),
  /** The program that installs a .deb (the host service is not root: e.g. `["sudo", "-n", "/usr/bin/dpkg"]`). */
  dpkgCommand: z.array(z.string().min(1)).min(1).default(['dpkg']),
});
export type UpdatesConfig = z.infer<typeof UpdatesConfig>;
