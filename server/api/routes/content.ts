/** Published content handlers (contracts/content.ts): terminal credential, no session. */
import type { contentRoutes } from '../../../contracts/content';
import { hallDate } from '../../../contracts/hall-time';
import {
  listCourses,
  listGuides,
  listJobs,
  listNotices,
  listOffices,
  loadBundle,
  matchesETag,
  oneGuide,
} from '../../content/content';
import type { AuthenticatedTerminal } from '../../terminals/authenticate';
import { type RouteHandlers, notModified } from '../register';
import type { RouteOptions } from '../route-options';

export function contentHandlers({
  database: { db },
  now = () => new Date(),
}: RouteOptions): RouteHandlers<typeof contentRoutes> {
  /** The content as this terminal's hall sees it today (expired postings and ended courses left out). */
  const bundleFor = ({ terminal }: { terminal: AuthenticatedTerminal }) =>
    loadBundle(db, hallDate(terminal.hallTimeZone, now()));
  return {
    contentBundle: async (_, caller) => {
      const bundle = await bundleFor(caller);
      const { request, reply } = caller;
      void reply.header('etag', `"${bundle.version}"`).header('cache-control', 'no-cache');
      if (matchesETag(request.headers['if-none-match'], bundle.version)) return notModified(reply);
      return bundle;
    },
    serviceGuides: async ({ query }, caller) => listGuides(await bundleFor(caller), query),
    serviceGuide: async ({ params }, caller) => oneGuide(await bundleFor(caller), params.code),
    jobPostings: async ({ query }, caller) => listJobs(await bundleFor(caller), query),
    trainingCourses: async ({ query }, caller) => listCourses(await bundleFor(caller), query),
    notices: async ({ query }, caller) => listNotices(await bundleFor(caller), query),
    offices: async ({ query }, caller) => listOffices(await bundleFor(caller), query),
  };
}
