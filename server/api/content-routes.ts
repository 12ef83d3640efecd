/** Published content routes (contracts/content.ts): terminal credential, no session. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  ContentBundle,
  CoursesQuery,
  CoursesResponse,
  GuideParams,
  GuideResponse,
  GuidesQuery,
  GuidesResponse,
  JobsQuery,
  JobsResponse,
  NoticesQuery,
  NoticesResponse,
  OfficesQuery,
  OfficesResponse,
  contentHallRoutes,
  dateIn,
} from '../../contracts/content';
import {
  listCourses,
  listGuides,
  listJobs,
  listNotices,
  listOffices,
  loadBundle,
  matchesETag,
  oneGuide,
} from '../content/content';
import type { Db } from '../db/types';
import type { RouteSchemas } from './route-schemas';
import { terminalAuth, terminalOf } from './terminal-auth';
import { parseInput } from './validate';

export const contentRouteSchemas = {
  contentBundle: {
    summary:
      'Everything a terminal caches (guides, jobs, courses, notices, offices) with its version; ETag, 304 on If-None-Match',
    response: { status: 200, schema: ContentBundle, name: 'ContentBundle' },
    errors: [401],
  },
  serviceGuides: {
    summary: 'Service guides with their complete materials checklists',
    query: GuidesQuery,
    response: { status: 200, schema: GuidesResponse, name: 'GuidesResponse' },
    errors: [400, 401],
  },
  serviceGuide: {
    summary: 'One service guide by code',
    params: GuideParams,
    response: { status: 200, schema: GuideResponse, name: 'GuideResponse' },
    errors: [400, 401, 404],
  },
  jobPostings: {
    summary: 'Job postings filtered by district, category and salary band, with facets',
    query: JobsQuery,
    response: { status: 200, schema: JobsResponse, name: 'JobsResponse' },
    errors: [400, 401],
  },
  trainingCourses: {
    summary: 'Training courses filtered by district, category and free, with facets',
    query: CoursesQuery,
    response: { status: 200, schema: CoursesResponse, name: 'CoursesResponse' },
    errors: [400, 401],
  },
  notices: {
    summary: 'Notices, newest first',
    query: NoticesQuery,
    response: { status: 200, schema: NoticesResponse, name: 'NoticesResponse' },
    errors: [400, 401],
  },
  offices: {
    summary: 'Offices with address, hours and phone',
    query: OfficesQuery,
    response: { status: 200, schema: OfficesResponse, name: 'OfficesResponse' },
    errors: [400, 401],
  },
} satisfies { [K in keyof typeof contentHallRoutes]: RouteSchemas };

export function registerContentRoutes(
  app: FastifyInstance,
  { db, now = () => new Date() }: { db: Db; now?: (() => Date) | undefined },
): void {
  const auth = terminalAuth(db);
  /** The content as this terminal's hall sees it today (expired postings and ended courses left out). */
  const bundleFor = (request: FastifyRequest) => loadBundle(db, dateIn(terminalOf(request).hallTimeZone, now()));
  const r = contentHallRoutes;
  const s = contentRouteSchemas;

  app.route({
    method: r.contentBundle.method,
    url: r.contentBundle.path,
    onRequest: auth,
    handler: async (request, reply) => {
      const bundle = await bundleFor(request);
      void reply.header('etag', `"${bundle.version}"`).header('cache-control', 'no-cache');
      if (matchesETag(request.headers['if-none-match'], bundle.version)) return reply.code(304).send();
      return bundle;
    },
  });

  app.route({
    method: r.serviceGuides.method,
    url: r.serviceGuides.path,
    onRequest: auth,
    handler: async (request) =>
      listGuides(await bundleFor(request), parseInput(s.serviceGuides.query, request.query, 'query')),
  });

  app.route({
    method: r.serviceGuide.method,
    url: r.serviceGuide.path,
    onRequest: auth,
    handler: async (request) => {
      const { code } = parseInput(s.serviceGuide.params, request.params, 'params');
      return oneGuide(await bundleFor(request), code);
    },
  });

  app.route({
    method: r.jobPostings.method,
    url: r.jobPostings.path,
    onRequest: auth,
    handler: async (request) =>
      listJobs(await bundleFor(request), parseInput(s.jobPostings.query, request.query, 'query')),
  });

  app.route({
    method: r.trainingCourses.method,
    url: r.trainingCourses.path,
    onRequest: auth,
    handler: async (request) =>
      listCourses(await bundleFor(request), parseInput(s.trainingCourses.query, request.query, 'query')),
  });

  app.route({
    method: r.notices.method,
    url: r.notices.path,
    onRequest: auth,
    handler: async (request) =>
      listNotices(await bundleFor(request), parseInput(s.notices.query, request.query, 'query')),
  });

  app.route({
    method: r.offices.method,
    url: r.offices.path,
    onRequest: auth,
    handler: async (request) =>
      listOffices(await bundleFor(request), parseInput(s.offices.query, request.query, 'query')),
  });
}
