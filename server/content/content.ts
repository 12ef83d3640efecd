/**
 * Published content as the terminals see it. Everything is read per request (tens of rows) and
 * filtered in memory, so facets count the whole list and the version is the digest of exactly what
 * was served: any edit in the database changes it, and the terminal's cache follows.
 */
import { createHash } from 'node:crypto';
import { asc, desc } from 'drizzle-orm';
import {
  type ContentBundle,
  type ContentVersion,
  type CoursesQuery,
  type CoursesResponse,
  type Facet,
  type JobPosting,
  type JobsQuery,
  type JobsResponse,
  type NoticesQuery,
  type NoticesResponse,
  type OfficesResponse,
  type SalaryBand,
  openContent,
  salaryBands,
} from '../../contracts/content';
import { KioskError } from '../../contracts/errors';
import { jobPostings, notices, offices, serviceGuides, trainingCourses } from '../db/schema';
import type { Db } from '../db/types';
import { pageOf, pageRequest } from '../inquiry/paging';

const iso = (d: Date) => d.toISOString();

/**
 * Reads every content table into the bundle shape, with its version and newest edit. Jobs past
 * their `validUntil` and courses already ended on `today` (the hall's date) are left out, so the
 * version (and ETag) changes on the day one expires and terminals drop it.
 */
export async function loadBundle(db: Db, today: string): Promise<ContentBundle> {
  const [guides, jobs, courses, noticeRows, officeRows] = await Promise.all([
    db.select().from(serviceGuides).orderBy(asc(serviceGuides.code)),
    db.select().from(jobPostings).orderBy(desc(jobPostings.postedOn), asc(jobPostings.id)),
    db.select().from(trainingCourses).orderBy(asc(trainingCourses.startDate), asc(trainingCourses.id)),
    db.select().from(notices).orderBy(desc(notices.publishedAt), asc(notices.id)),
    db.select().from(offices).orderBy(asc(offices.id)),
  ]);
  const lists = openContent(
    {
      guides: guides.map(({ id: _id, ...g }) => ({ ...g, updatedAt: iso(g.updatedAt) })),
      jobs: jobs.map((j) => ({ ...j, updatedAt: iso(j.updatedAt) })),
      courses: courses.map((c) => ({ ...c, updatedAt: iso(c.updatedAt) })),
      notices: noticeRows.map((n) => ({ ...n, publishedAt: iso(n.publishedAt), updatedAt: iso(n.updatedAt) })),
      offices: officeRows.map((o) => ({ ...o, updatedAt: iso(o.updatedAt) })),
    },
    today,
  );
  const stamps = [...guides, ...jobs, ...courses, ...noticeRows, ...officeRows].map((r) => r.updatedAt.getTime());
  const updatedAt = new Date(stamps.length > 0 ? Math.max(...stamps) : 0).toISOString();
  const version = createHash('sha256').update(JSON.stringify(lists)).digest('hex').slice(0, 32);
  return { version, updatedAt, ...lists };
}

function versionOf(bundle: ContentBundle): ContentVersion {
  return { version: bundle.version, updatedAt: bundle.updatedAt };
}

/** Values with counts, most common first, then by the value (so buttons keep their order); blanks are no button. */
function facet(values: readonly string[]): Facet[] {
  const counts = new Map<string, number>();
  for (const v of values) if (v !== '') counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts]
    .map(([value, n]) => ({ value, count: n }))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value, 'zh-CN'));
}

/** True when the job's salary range overlaps the band. */
export function inSalaryBand(job: Pick<JobPosting, 'salaryMin' | 'salaryMax'>, band: SalaryBand): boolean {
  const { min, max } = salaryBands[band];
  return job.salaryMax >= min && (max === null || job.salaryMin < max);
}

export function listJobs(bundle: ContentBundle, query: JobsQuery): JobsResponse {
  const all = bundle.jobs;
  const chosen = all.filter(
    (j) =>
      (!query.district || j.district === query.district) &&
      (!query.category || j.category === query.category) &&
      (!query.salaryBand || inSalaryBand(j, query.salaryBand)),
  );
  const { items, pageInfo } = pageOf(chosen, pageRequest(query));
  return {
    ...versionOf(bundle),
    jobs: items,
    pageInfo,
    facets: {
      districts: facet(all.map((j) => j.district)),
      categories: facet(all.map((j) => j.category)),
      salaryBands: (Object.keys(salaryBands) as SalaryBand[]).map((band) => ({
        value: band,
        count: all.filter((j) => inSalaryBand(j, band)).length,
      })),
    },
  };
}

export function listCourses(bundle: ContentBundle, query: CoursesQuery): CoursesResponse {
  const all = bundle.courses;
  const chosen = all.filter(
    (c) =>
      (!query.district || c.district === query.district) &&
      (!query.category || c.category === query.category) &&
      (query.free === undefined || (c.fee === 0) === (query.free === 'true')),
  );
  const { items, pageInfo } = pageOf(chosen, pageRequest(query));
  return {
    ...versionOf(bundle),
    courses: items,
    pageInfo,
    facets: {
      districts: facet(all.map((c) => c.district)),
      categories: facet(all.map((c) => c.category)),
      free: all.filter((c) => c.fee === 0).length,
    },
  };
}

export function listNotices(bundle: ContentBundle, query: NoticesQuery): NoticesResponse {
  const chosen = bundle.notices.filter((n) => !query.category || n.category === query.category);
  const { items, pageInfo } = pageOf(chosen, pageRequest(query));
  return { ...versionOf(bundle), notices: items, pageInfo };
}

export function listOffices(bundle: ContentBundle, query: { district?: string | undefined }): OfficesResponse {
  return {
    ...versionOf(bundle),
    offices: bundle.offices.filter((o) => !query.district || o.district === query.district),
  };
}

export function listGuides(bundle: ContentBundle, query: { categoryCode?: string | undefined }) {
  return {
    ...versionOf(bundle),
    guides: bundle.guides.filter((g) => !query.categoryCode || g.categoryCode === query.categoryCode),
  };
}

export function oneGuide(bundle: ContentBundle, code: string) {
  const guide = bundle.guides.find((g) => g.code === code.toUpperCase());
  if (!guide) throw new KioskError('notFound', 'no service guide with this code');
  return { ...versionOf(bundle), guide };
}

/** True when an `If-None-Match` header names this version (or `*`). */
export function matchesETag(header: string | string[] | undefined, version: string): boolean {
  if (!header) return false;
  const tags = (Array.isArray(header) ? header.join(',') : header).split(',').map((t) => t.trim());
  return tags.some((t) => t === '*' || t.replace(/^W\//, '') === `"${version}"`);
}
