/** The handlers of updates: the terminal's signed offer, feed, files and report; the admins' rollout. */
import { KioskError } from '../../../contracts/errors';
import type { updateRoutes } from '../../../contracts/updates';
import { audit } from '../../audit/audit';
import type { Db } from '../../db/types';
import { feedFileNames, feedYaml } from '../../updates/feed';
import {
  listReleases,
  offerFor,
  pauseRelease,
  publishRelease,
  releaseFile,
  releaseManifest,
  reportUpdate,
} from '../../updates/releases';
import { type UpdateSigner, knownUpdateKeys, loadUpdateSigner } from '../../updates/update-key';
import { ALREADY_SENT, type RouteHandlers } from '../register';
import type { RouteOptions } from '../route-options';

/** The update-signing key, loaded on first use; a failed load is tried again. */
function lazySigner(db: Db): () => Promise<UpdateSigner> {
  let signer: Promise<UpdateSigner> | null = null;
  return () => {
    signer ??= loadUpdateSigner(db).catch((error: unknown) => {
      signer = null;
      throw error;
    });
    return signer;
  };
}

export function updateHandlers(options: RouteOptions): RouteHandlers<typeof updateRoutes> {
  const { db } = options.database;
  const now = options.now ?? (() => new Date());
  const signerOf = lazySigner(db);
  return {
    updateKeys: async () => ({ keys: await knownUpdateKeys(db, await signerOf()) }),
    terminalUpdate: async ({ query }, { terminal }) => offerFor(db, await signerOf(), terminal, query),
    updateFeedFile: async ({ params }, { terminal, reply }) => {
      if (feedFileNames(await releaseManifest(db, params.releaseId)).includes(params.fileName)) {
        const signer = await signerOf();
        const yaml = feedYaml(await releaseManifest(db, params.releaseId));
        void reply
          .type('text/yaml; charset=utf-8')
          .header('cache-control', 'no-store')
          .header('x-update-signature', `${signer.keyId}:${signer.sign(yaml)}`)
          .send(yaml);
        return ALREADY_SENT;
      }
      const { manifest, bytes } = await releaseFile(db, params.releaseId);
      if (manifest.fileName !== params.fileName) throw new KioskError('notFound', 'no such file in this release');
      await audit(db, {
        actorKind: 'terminal',
        actorId: terminal.terminalId,
        terminalId: terminal.terminalId,
        action: 'update.download',
        result: 'ok',
        subjectId: manifest.releaseId,
        detail: { version: manifest.version, size: manifest.size },
      });
      void reply
        .type(manifest.kind === 'deb' ? 'application/vnd.debian.binary-package' : 'application/octet-stream')
        .header('content-disposition', `attachment; filename="${manifest.fileName}"`)
        .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      return ALREADY_SENT;
    },
    reportUpdate: async ({ body }, { terminal }) => reportUpdate(db, now(), terminal, body),
    staffReleases: async (_, { staff }) => ({ releases: await listReleases(db, staff) }),
    staffPublishRelease: async ({ params, body }, { staff }) =>
      publishRelease(db, now(), staff, params.releaseId, body.percent),
    staffPauseRelease: async ({ params }, { staff }) => pauseRelease(db, now(), staff, params.releaseId),
  };
}
