/** The updater's calls to the hall server: the offer and the report by the route table, files by URL. */
import { routeUrl, updateRoutes } from '../../contracts';
import { KioskError } from '../../contracts/errors';
import type { ReleaseManifest } from '../../contracts/updates';
import type { HallClient } from '../hall-client/hall-client';
import type { UpdateClient } from './updater';

export interface UpdateClientOptions {
  hall: Pick<HallClient, 'call'>;
  baseUrl: string;
  terminalId: string;
  terminalSecret: string;
  /**
   * The terminal's signed-request credentials (host/terminal-key/): a file download is signed like
   * every other request. Without them (tests, an unkeyed terminal) the bearer secret is sent.
   */
  credentials?: {
    headersFor(method: string, target: string, body: string | undefined): Promise<Record<string, string>>;
  };
  /** How long a package download may take (default 10 minutes). */
  downloadTimeoutMs?: number;
  fetch?: typeof fetch;
}

/** The feed folder URL of a release (electron-updater's generic provider reads `latest*.yml` there). */
export function feedUrl(baseUrl: string, releaseId: string): string {
  return new URL(routeUrl(updateRoutes.updateFeedFile.path, { releaseId, fileName: '' }), baseUrl).toString();
}

/** The terminal's credential header. */
export function terminalHeaders(terminalId: string, terminalSecret: string): Record<string, string> {
  return { authorization: `Bearer ${terminalId}.${terminalSecret}` };
}

export function createUpdateClient(options: UpdateClientOptions): UpdateClient & {
  feedText(releaseId: string, fileName: string): Promise<{ text: string; signature: string | null }>;
} {
  const fetchImpl = options.fetch ?? fetch;
  const get = async (releaseId: string, fileName: string): Promise<Response> => {
    let response: Response;
    try {
      const url = new URL(fileName, feedUrl(options.baseUrl, releaseId));
      const headers = options.credentials
        ? await options.credentials.headersFor('GET', url.pathname + url.search, undefined)
        : terminalHeaders(options.terminalId, options.terminalSecret);
      response = await fetchImpl(url, {
        headers,
        signal: AbortSignal.timeout(options.downloadTimeoutMs ?? 600_000),
      });
    } catch {
      throw new KioskError('serverUnreachable', 'GET update file: no answer from the hall server');
    }
    if (!response.ok) throw new KioskError('serverUnreachable', `GET update file: HTTP ${response.status}`);
    return response;
  };
  return {
    offer: (query) => options.hall.call(updateRoutes.terminalUpdate, { query }),
    report: (body) => options.hall.call(updateRoutes.reportUpdate, { body }),
    download: async (manifest: ReleaseManifest) =>
      new Uint8Array(await (await get(manifest.releaseId, manifest.fileName)).arrayBuffer()),
    feedText: async (releaseId, fileName) => {
      const response = await get(releaseId, fileName);
      return { text: await response.text(), signature: response.headers.get('x-update-signature') };
    },
  };
}
