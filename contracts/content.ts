/**
 * Published information (no card needed): service guides with the complete materials checklist
 * (一次性告知), job postings, training courses, notices and offices. All of it lives in the hall
 * server's database (edited there) and is served two ways:
 * - `GET /content/bundle`: everything a terminal caches, with `version` (also the ETag; send it back
 *   as `If-None-Match` to get 304 when nothing changed) and `updatedAt` (the newest edit), so the
 *   terminal can show how old its cache is;
 * - per-type lists with finger-sized filters (district, category, salary band, free courses) and
 *   paging; each list says the same `version` and `updatedAt` as the bundle.
 * Money (salaries, fees) is integer fen.
 */
import { z } from 'zod';
import { FenSchema, IsoDate, IsoDateTime } from './domain';
import { API_PREFIX, type HallRouteTable } from './hall-route';
import { MAX_PAGE, MAX_PAGE_SIZE, PageInfo } from './inquiry';

/**
 * Length limits are generous on purpose: content is edited by hand in the database, and one long
 * line must not make a terminal refuse the whole bundle.
 */

/** What every content answer says of the content it came from. */
export const ContentVersion = z.object({
  /** Hex digest of the whole bundle: changes whenever any content row changes. */
  version: z.string().regex(/^[0-9a-f]{16,64}$/),
  /** The newest `updatedAt` of any content row. */
  updatedAt: IsoDateTime,
});
export type ContentVersion = z.infer<typeof ContentVersion>;

/** One line of the materials checklist: what, how many copies, original or copy. */
export const MaterialItem = z.object({
  name: z.string().max(500),
  copies: z.number().int().min(0).max(99),
  original: z.boolean(),
  note: z.string().max(500).optional(),
});
export type MaterialItem = z.infer<typeof MaterialItem>;

/** 办事指南. */
export const ServiceGuide = z.object({
  code: z.string().max(40),
  title: z.string().max(500),
  /** The service category (`A` 社保, `B` 医保, `C` 就业) whose window handles it: also the queue category. */
  categoryCode: z.string().max(8),
  summary: z.string().max(10_000),
  eligibility: z.string().max(10_000),
  /** The complete checklist (一次性告知): nothing else will be asked for. */
  materials: z.array(MaterialItem),
  where: z.string().max(500),
  timeLimit: z.string().max(500),
  fee: z.string().max(500),
  basis: z.string().max(500),
  updatedAt: IsoDateTime,
});
export type ServiceGuide = z.infer<typeof ServiceGuide>;

/** 招聘岗位; monthly salary range in fen. */
export const JobPosting = z.object({
  id: z.number().int(),
  title: z.string().max(500),
  employerName: z.string().max(500),
  district: z.string().max(40),
  category: z.string().max(40),
  location: z.string().max(500),
  salaryMin: FenSchema,
  salaryMax: FenSchema,
  headcount: z.number().int().min(0),
  requirements: z.string().max(10_000),
  contact: z.string().max(500),
  postedOn: IsoDate,
  validUntil: IsoDate,
  updatedAt: IsoDateTime,
});
export type JobPosting = z.infer<typeof JobPosting>;

/** 培训课程; `fee` in fen, 0 for subsidised (free) courses. */
export const TrainingCourse = z.object({
  id: z.number().int(),
  title: z.string().max(500),
  provider: z.string().max(500),
  description: z.string().max(10_000),
  district: z.string().max(40),
  category: z.string().max(40),
  location: z.string().max(500),
  startDate: IsoDate,
  endDate: IsoDate,
  hours: z.number().int().min(0),
  fee: FenSchema,
  seats: z.number().int().min(0),
  updatedAt: IsoDateTime,
});
export type TrainingCourse = z.infer<typeof TrainingCourse>;

export const noticeCategories = ['policy', 'announcement'] as const;
export const NoticeCategory = z.enum(noticeCategories);

/** 政策公告. */
export const Notice = z.object({
  id: z.number().int(),
  title: z.string().max(500),
  category: NoticeCategory,
  body: z.string().max(50_000),
  publishedAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type Notice = z.infer<typeof Notice>;

/** 服务网点. */
export const Office = z.object({
  id: z.number().int(),
  name: z.string().max(500),
  district: z.string().max(40),
  address: z.string().max(500),
  phone: z.string().max(40),
  hours: z.string().max(500),
  services: z.string().max(500),
  updatedAt: IsoDateTime,
});
export type Office = z.infer<typeof Office>;

/** Everything a terminal caches, newest first within each list (guides by code, offices by id). */
export const ContentBundle = ContentVersion.extend({
  guides: z.array(ServiceGuide),
  jobs: z.array(JobPosting),
  courses: z.array(TrainingCourse),
  notices: z.array(Notice),
  offices: z.array(Office),
});
export type ContentBundle = z.infer<typeof ContentBundle>;

/**
 * Whether a posting or course is still worth showing on `today` (the hall's date, `YYYY-MM-DD`): a
 * job until its `validUntil` day ends; a course until its `endDate` day ends (the schema has no
 * registration deadline). The server leaves the others out of what it serves, and the terminal
 * applies the same rule to its kept copy, which may have been fetched days before. Pure.
 */
export const jobIsOpen = (job: Pick<JobPosting, 'validUntil'>, today: string): boolean => job.validUntil >= today;
export const courseIsOpen = (course: Pick<TrainingCourse, 'endDate'>, today: string): boolean =>
  course.endDate >= today;

/** The bundle without the jobs and courses that are over on `today`. */
export function openContent<B extends Pick<ContentBundle, 'jobs' | 'courses'>>(bundle: B, today: string): B {
  return {
    ...bundle,
    jobs: bundle.jobs.filter((j) => jobIsOpen(j, today)),
    courses: bundle.courses.filter((c) => courseIsOpen(c, today)),
  };
}

/**
 * Monthly salary bands a finger can pick. A job is in a band when its range overlaps it
 * (`[min, max)` in fen; `max` null means no upper bound).
 */
export const salaryBands = {
  upTo5000: { min: 0, max: 500_000 },
  from5000to8000: { min: 500_000, max: 800_000 },
  from8000: { min: 800_000, max: null },
} as const;
export const SalaryBand = z.enum(['upTo5000', 'from5000to8000', 'from8000']);
export type SalaryBand = z.infer<typeof SalaryBand>;

/** A filter value with how many items have it, for a row of big buttons. */
export const Facet = z.object({ value: z.string(), count: z.number().int().min(0) });
export type Facet = z.infer<typeof Facet>;

const pageParam = (max: number) =>
  z
    .string()
    .regex(/^\d{1,6}$/, 'expected a whole number')
    .transform(Number)
    .pipe(z.number().int().min(1).max(max));
const word = z.string().min(1).max(40);

const ContentPageQuery = z
  .object({ page: pageParam(MAX_PAGE).optional(), pageSize: pageParam(MAX_PAGE_SIZE).optional() })
  .strict();

export const GuidesQuery = z
  .object({
    categoryCode: z
      .string()
      .regex(/^[A-Z]$/)
      .optional(),
  })
  .strict();
export const GuideParams = z.object({ code: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/) }).strict();
export const JobsQuery = ContentPageQuery.extend({
  district: word.optional(),
  category: word.optional(),
  salaryBand: SalaryBand.optional(),
}).strict();
export type JobsQuery = z.infer<typeof JobsQuery>;
export const CoursesQuery = ContentPageQuery.extend({
  district: word.optional(),
  category: word.optional(),
  /** `true`: only free (subsidised) courses. */
  free: z.enum(['true', 'false']).optional(),
}).strict();
export type CoursesQuery = z.infer<typeof CoursesQuery>;
export const NoticesQuery = ContentPageQuery.extend({ category: NoticeCategory.optional() }).strict();
export type NoticesQuery = z.infer<typeof NoticesQuery>;
export const OfficesQuery = z.object({ district: word.optional() }).strict();

export const GuidesResponse = ContentVersion.extend({ guides: z.array(ServiceGuide) });
export const GuideResponse = ContentVersion.extend({ guide: ServiceGuide });
/** Facets are counted over all current items (not just the filtered page), so every button stays reachable. */
export const JobsResponse = ContentVersion.extend({
  jobs: z.array(JobPosting),
  pageInfo: PageInfo,
  facets: z.object({ districts: z.array(Facet), categories: z.array(Facet), salaryBands: z.array(Facet) }),
});
export type JobsResponse = z.infer<typeof JobsResponse>;
export const CoursesResponse = ContentVersion.extend({
  courses: z.array(TrainingCourse),
  pageInfo: PageInfo,
  facets: z.object({ districts: z.array(Facet), categories: z.array(Facet), free: z.number().int().min(0) }),
});
export type CoursesResponse = z.infer<typeof CoursesResponse>;
export const NoticesResponse = ContentVersion.extend({ notices: z.array(Notice), pageInfo: PageInfo });
export type NoticesResponse = z.infer<typeof NoticesResponse>;
export const OfficesResponse = ContentVersion.extend({ offices: z.array(Office) });
export type OfficesResponse = z.infer<typeof OfficesResponse>;

const contentRoute = { method: 'GET', auth: 'terminal' } as const;

/** Content routes: terminal credential only, no session. */
export const contentRoutes = {
  contentBundle: {
    ...contentRoute,
    path: `${API_PREFIX}/content/bundle`,
    summary:
      'Everything a terminal caches (guides, jobs, courses, notices, offices) with its version; ETag, 304 on If-None-Match',
    response: { status: 200, schema: ContentBundle, name: 'ContentBundle' },
    errors: [],
  },
  serviceGuides: {
    ...contentRoute,
    path: `${API_PREFIX}/content/guides`,
    summary: 'Service guides with their complete materials checklists',
    query: GuidesQuery,
    response: { status: 200, schema: GuidesResponse, name: 'GuidesResponse' },
    errors: [],
  },
  serviceGuide: {
    ...contentRoute,
    path: `${API_PREFIX}/content/guides/:code`,
    summary: 'One service guide by code',
    params: GuideParams,
    response: { status: 200, schema: GuideResponse, name: 'GuideResponse' },
    errors: ['notFound'],
  },
  jobPostings: {
    ...contentRoute,
    path: `${API_PREFIX}/content/jobs`,
    summary: 'Job postings filtered by district, category and salary band, with facets',
    query: JobsQuery,
    response: { status: 200, schema: JobsResponse, name: 'JobsResponse' },
    errors: [],
  },
  trainingCourses: {
    ...contentRoute,
    path: `${API_PREFIX}/content/courses`,
    summary: 'Training courses filtered by district, category and free, with facets',
    query: CoursesQuery,
    response: { status: 200, schema: CoursesResponse, name: 'CoursesResponse' },
    errors: [],
  },
  notices: {
    ...contentRoute,
    path: `${API_PREFIX}/content/notices`,
    summary: 'Notices, newest first',
    query: NoticesQuery,
    response: { status: 200, schema: NoticesResponse, name: 'NoticesResponse' },
    errors: [],
  },
  offices: {
    ...contentRoute,
    path: `${API_PREFIX}/content/offices`,
    summary: 'Offices with address, hours and phone',
    query: OfficesQuery,
    response: { status: 200, schema: OfficesResponse, name: 'OfficesResponse' },
    errors: [],
  },
} as const satisfies HallRouteTable;
