// Published content: the bundle a terminal caches (version, ETag, 304, a new version after an edit
// in the database) and the per-type lists with finger-sized filters, checked against the rows.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ContentBundle,
  CoursesResponse,
  GuideResponse,
  GuidesResponse,
  JobsResponse,
  NoticesResponse,
  OfficesResponse,
  salaryBands,
} from '../../contracts/content';
import { jobPostings, notices, offices, serviceGuides, trainingCourses } from '../../server/db/schema';
import { TEST_SEED, backends } from './support/backends';
import { get } from './support/citizen';
import { type TestHall, openTestHall } from './support/hall';

describe.each(backends)('content on $name', (backend) => {
  let hall: TestHall;
  beforeAll(async () => {
    // The server's clock on the seed's as-of day (its postings are all still open then).
    hall = await openTestHall(backend, { now: () => new Date(`${TEST_SEED.asOf}T02:00:00Z`) });
  });
  afterAll(async () => {
    await hall?.close();
  });

  it('serves everything to cache in one bundle, as the content tables hold it', async () => {
    const res = await hall.inject({ as: 'a', method: 'GET', url: '/api/v1/content/bundle' });
    expect(res.statusCode).toBe(200);
    const bundle = ContentBundle.parse(res.json());
    expect(res.headers.etag).toBe(`"${bundle.version}"`);
    const db = hall.database.db;
    const guides = await db.select().from(serviceGuides);
    expect(bundle.guides).toHaveLength(guides.length);
    for (const g of guides) {
      const served = bundle.guides.find((x) => x.code === g.code)!;
      expect(served.materials).toEqual(g.materials);
      expect(served).toMatchObject({ title: g.title, where: g.where, timeLimit: g.timeLimit, fee: g.fee });
      expect(served.materials.length).toBeGreaterThan(0);
    }
    expect(bundle.jobs).toHaveLength((await db.select().from(jobPostings)).length);
    expect(bundle.courses).toHaveLength((await db.select().from(trainingCourses)).length);
    expect(bundle.notices).toHaveLength((await db.select().from(notices)).length);
    const officeRows = await db.select().from(offices);
    expect(bundle.offices).toEqual(officeRows.map((o) => ({ ...o, updatedAt: o.updatedAt.toISOString() })));
    const newest = Math.max(
      ...[...guides, ...officeRows, ...(await db.select().from(notices))].map((r) => r.updatedAt.getTime()),
    );
    expect(Date.parse(bundle.updatedAt)).toBeGreaterThanOrEqual(newest);
    expect(bundle.jobs.every((j) => Number.isInteger(j.salaryMin) && j.salaryMin >= 100_000)).toBe(true);
  });

  it('answers 304 to a terminal whose cache is current, and a new version after an edit in the database', async () => {
    const first = await hall.inject({ as: 'a', method: 'GET', url: '/api/v1/content/bundle' });
    const etag = first.headers.etag as string;
    const again = await hall.inject({
      as: 'a',
      method: 'GET',
      url: '/api/v1/content/bundle',
      headers: { 'if-none-match': etag },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const before = ContentBundle.parse(first.json());
    const job = before.jobs[0]!;
    await hall.database.db
      .update(jobPostings)
      .set({ headcount: job.headcount + 2, updatedAt: sql`now()` })
      .where(eq(jobPostings.id, job.id));
    const changed = await hall.inject({
      as: 'a',
      method: 'GET',
      url: '/api/v1/content/bundle',
      headers: { 'if-none-match': etag },
    });
    expect(changed.statusCode).toBe(200);
    const after = ContentBundle.parse(changed.json());
    expect(after.version).not.toBe(before.version);
    expect(Date.parse(after.updatedAt)).toBeGreaterThan(Date.parse(before.updatedAt));
    expect(after.jobs.find((j) => j.id === job.id)!.headcount).toBe(job.headcount + 2);
    const list = JobsResponse.parse((await get(hall, '/api/v1/content/jobs')).body);
    expect(list.version).toBe(after.version);
    expect(list.updatedAt).toBe(after.updatedAt);
  });

  it('still serves a bundle a terminal can read after a long notice is typed into the database', async () => {
    const [first] = await hall.database.db.select().from(notices).limit(1);
    const long = '养老金调整说明。'.repeat(1500);
    await hall.database.db.update(notices).set({ body: long }).where(eq(notices.id, first!.id));
    const bundle = ContentBundle.parse((await get(hall, '/api/v1/content/bundle')).body);
    expect(bundle.notices.find((n) => n.id === first!.id)!.body).toBe(long);
    await hall.database.db.update(notices).set({ body: first!.body }).where(eq(notices.id, first!.id));
  });

  it('filters jobs by district, category and salary band, with facets over all jobs', async () => {
    const rows = await hall.database.db.select().from(jobPostings);
    const all = JobsResponse.parse((await get(hall, '/api/v1/content/jobs?pageSize=12')).body);
    expect(all.pageInfo.total).toBe(rows.length);
    expect(all.facets.districts.reduce((n, f) => n + f.count, 0)).toBe(rows.length);
    const baiyun = rows.filter((r) => r.district === '白云区');
    expect(baiyun.length).toBeGreaterThan(0);
    const inBaiyun = JobsResponse.parse(
      (await get(hall, `/api/v1/content/jobs?district=${encodeURIComponent('白云区')}`)).body,
    );
    expect(inBaiyun.jobs.map((j) => j.id).sort()).toEqual(baiyun.map((r) => r.id).sort());
    expect(all.facets.districts.find((f) => f.value === '白云区')!.count).toBe(baiyun.length);
    const making = JobsResponse.parse(
      (await get(hall, `/api/v1/content/jobs?category=${encodeURIComponent('生产制造')}&pageSize=12`)).body,
    );
    expect(making.jobs.length).toBe(rows.filter((r) => r.category === '生产制造').length);
    expect(making.jobs.every((j) => j.category === '生产制造')).toBe(true);
    const high = JobsResponse.parse((await get(hall, '/api/v1/content/jobs?salaryBand=from8000&pageSize=12')).body);
    const expected = rows.filter((r) => r.salaryMax >= salaryBands.from8000.min);
    expect(high.jobs.map((j) => j.id).sort()).toEqual(expected.map((r) => r.id).sort());
    expect(high.jobs.length).toBeGreaterThan(0);
    const low = JobsResponse.parse((await get(hall, '/api/v1/content/jobs?salaryBand=upTo5000&pageSize=12')).body);
    expect(low.jobs.every((j) => j.salaryMin < 500_000)).toBe(true);
    const none = JobsResponse.parse(
      (await get(hall, `/api/v1/content/jobs?district=${encodeURIComponent('从化区')}`)).body,
    );
    expect(none.jobs).toEqual([]);
    expect(none.pageInfo).toMatchObject({ total: 0, pageCount: 0 });
  });

  it('pages jobs in small pages that together are the whole list', async () => {
    const p1 = JobsResponse.parse((await get(hall, '/api/v1/content/jobs?pageSize=5&page=1')).body);
    const ids = [...p1.jobs.map((j) => j.id)];
    for (let page = 2; page <= p1.pageInfo.pageCount; page++) {
      const p = JobsResponse.parse((await get(hall, `/api/v1/content/jobs?pageSize=5&page=${page}`)).body);
      ids.push(...p.jobs.map((j) => j.id));
    }
    expect(new Set(ids).size).toBe(p1.pageInfo.total);
    const beyond = JobsResponse.parse((await get(hall, '/api/v1/content/jobs?page=999')).body);
    expect(beyond.jobs).toEqual([]);
  });

  it('filters courses: free ones, paid ones, by category', async () => {
    const rows = await hall.database.db.select().from(trainingCourses);
    const free = CoursesResponse.parse((await get(hall, '/api/v1/content/courses?free=true&pageSize=12')).body);
    expect(free.courses.length).toBe(rows.filter((r) => r.fee === 0).length);
    expect(free.courses.every((c) => c.fee === 0)).toBe(true);
    expect(free.facets.free).toBe(free.courses.length);
    const paid = CoursesResponse.parse((await get(hall, '/api/v1/content/courses?free=false')).body);
    expect(paid.courses.map((c) => c.title)).toEqual(['叉车司机（N1）培训']);
    expect(paid.courses[0]!.fee).toBe(120_000);
    const care = CoursesResponse.parse(
      (await get(hall, `/api/v1/content/courses?category=${encodeURIComponent('养老家政')}`)).body,
    );
    expect(care.courses.map((c) => c.title).sort()).toEqual(['育婴员（四级）培训', '养老护理员（五级）培训'].sort());
  });

  it('lists notices newest first and by category; offices with address, hours and phone', async () => {
    const all = NoticesResponse.parse((await get(hall, '/api/v1/content/notices?pageSize=12')).body);
    const times = all.notices.map((n) => Date.parse(n.publishedAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const policies = NoticesResponse.parse((await get(hall, '/api/v1/content/notices?category=policy')).body);
    expect(policies.notices.length).toBeGreaterThan(0);
    expect(policies.notices.every((n) => n.category === 'policy')).toBe(true);
    const officesRes = OfficesResponse.parse((await get(hall, '/api/v1/content/offices')).body);
    expect(officesRes.offices.length).toBe(5);
    for (const o of officesRes.offices) {
      expect(o.address).toMatch(/^广州市/);
      expect(o.phone).toMatch(/^020-/);
      expect(o.hours).toMatch(/\d+:\d\d/);
    }
    const tianhe = OfficesResponse.parse(
      (await get(hall, `/api/v1/content/offices?district=${encodeURIComponent('天河区')}`)).body,
    );
    expect(tianhe.offices.map((o) => o.district)).toEqual(['天河区', '天河区']);
  });

  it('serves guides by category and one guide with its complete checklist', async () => {
    const b = GuidesResponse.parse((await get(hall, '/api/v1/content/guides?categoryCode=B')).body);
    expect(b.guides.length).toBeGreaterThan(0);
    expect(b.guides.every((g) => g.categoryCode === 'B')).toBe(true);
    const [row] = await hall.database.db.select().from(serviceGuides).where(eq(serviceGuides.code, 'SB001'));
    const one = GuideResponse.parse((await get(hall, '/api/v1/content/guides/sb001')).body);
    expect(one.guide.materials).toEqual(row!.materials);
    expect(one.guide.materials.map((m) => m.name)).toContain('本人有效居民身份证');
    const unknown = await get(hall, '/api/v1/content/guides/ZZ999');
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('notFound');
  });

  it.each([
    '/api/v1/content/jobs?page=0',
    '/api/v1/content/jobs?page=abc',
    '/api/v1/content/jobs?page=-1',
    '/api/v1/content/jobs?page=1.5',
    '/api/v1/content/jobs?pageSize=13',
    '/api/v1/content/jobs?pageSize=999999999999',
    '/api/v1/content/jobs?page=1&page=2',
    '/api/v1/content/jobs?salaryBand=rich',
    '/api/v1/content/jobs?district=' + 'x'.repeat(41),
    '/api/v1/content/jobs?district=',
    '/api/v1/content/jobs?sort=salary',
    '/api/v1/content/courses?free=yes',
    '/api/v1/content/notices?category=gossip',
    '/api/v1/content/guides?categoryCode=AB',
    '/api/v1/content/guides/' + encodeURIComponent('../../etc'),
    '/api/v1/content/offices?district[a]=1',
  ])('answers %s with 400 invalidRequest', async (url) => {
    const res = await get(hall, url);
    expect(res.status, res.raw).toBe(400);
    expect(res.body.code).toBe('invalidRequest');
  });

  it('needs the terminal credential', async () => {
    for (const url of ['/api/v1/content/bundle', '/api/v1/content/jobs', '/api/v1/content/guides/SB001']) {
      const res = await hall.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(401);
    }
  });

  it('describes the content and inquiry routes with their query parameters in the OpenAPI document', async () => {
    const doc = (await hall.inject({ method: 'GET', url: '/openapi.json' })).json() as {
      paths: Record<string, Record<string, { parameters?: { name: string; in: string; required: boolean }[] }>>;
    };
    const jobs = doc.paths['/api/v1/content/jobs']!.get!;
    expect(jobs.parameters!.map((p) => [p.name, p.in, p.required])).toEqual(
      expect.arrayContaining([
        ['district', 'query', false],
        ['salaryBand', 'query', false],
        ['pageSize', 'query', false],
      ]),
    );
    const months = doc.paths['/api/v1/sessions/{sessionId}/contributions/months']!.get!;
    expect(months.parameters!.map((p) => [p.name, p.in, p.required])).toEqual(
      expect.arrayContaining([
        ['sessionId', 'path', true],
        ['insuranceType', 'query', true],
        ['year', 'query', true],
      ]),
    );
    expect(doc.paths['/api/v1/cases/{caseNo}']!.get).toBeDefined();
  });
});

describe.each(backends)('expired postings and ended courses on $name', (backend) => {
  let hall: TestHall;
  // The server's clock: 10:00 in the hall (Asia/Shanghai) on the seed's as-of day, moved by the test.
  const today = TEST_SEED.asOf;
  const yesterday = '2025-06-14';
  let clock = new Date(`${today}T02:00:00Z`);
  beforeAll(async () => {
    hall = await openTestHall(backend, { now: () => clock });
    const job = {
      employerName: '广州某物流公司',
      district: '白云区',
      category: '物流运输',
      location: '广州市白云区',
      salaryMin: 500_000,
      salaryMax: 700_000,
      headcount: 3,
      requirements: '吃苦耐劳',
      contact: '人事部 020-80000000',
      postedOn: '2025-06-01',
    };
    await hall.database.db.insert(jobPostings).values([
      { ...job, title: '过期岗位：仓库理货员', validUntil: yesterday },
      { ...job, title: '今天截止：叉车司机', validUntil: today },
    ]);
    const course = {
      provider: '广州某职业培训学校',
      description: '理论加实操',
      district: '天河区',
      category: '生产制造',
      location: '广州市天河区',
      startDate: '2025-06-01',
      hours: 40,
      fee: 0,
      seats: 30,
    };
    await hall.database.db.insert(trainingCourses).values([
      { ...course, title: '已结课：电工培训', endDate: yesterday },
      { ...course, title: '今天结课：焊工培训', endDate: today },
    ]);
  });
  afterAll(async () => {
    await hall?.close();
  });

  const bundle = async () => {
    const res = await hall.inject({ as: 'a', method: 'GET', url: '/api/v1/content/bundle' });
    return { etag: res.headers.etag as string, bundle: ContentBundle.parse(res.json()) };
  };

  it('leaves out a posting past its valid-until day and a course already ended, in the bundle and the lists', async () => {
    const { bundle: b } = await bundle();
    const jobTitles = b.jobs.map((j) => j.title);
    expect(jobTitles).toContain('今天截止：叉车司机');
    expect(jobTitles).not.toContain('过期岗位：仓库理货员');
    expect(b.jobs.every((j) => j.validUntil >= today)).toBe(true);
    const courseTitles = b.courses.map((c) => c.title);
    expect(courseTitles).toContain('今天结课：焊工培训');
    expect(courseTitles).not.toContain('已结课：电工培训');

    const rows = await hall.database.db.select().from(jobPostings);
    const jobs = JobsResponse.parse((await get(hall, '/api/v1/content/jobs?pageSize=12')).body);
    expect(jobs.pageInfo.total).toBe(rows.length - 1);
    expect(jobs.facets.districts.reduce((n, f) => n + f.count, 0)).toBe(rows.length - 1);
    const courses = CoursesResponse.parse((await get(hall, '/api/v1/content/courses?pageSize=12')).body);
    expect(courses.courses.map((c) => c.title)).not.toContain('已结课：电工培训');
  });

  it('drops them at midnight in the hall, not at midnight UTC, and the ETag changes so terminals refresh', async () => {
    const before = await bundle();
    // 23:59 in the hall: still today there.
    clock = new Date(`${today}T15:59:00Z`);
    const late = await hall.inject({
      as: 'a',
      method: 'GET',
      url: '/api/v1/content/bundle',
      headers: { 'if-none-match': before.etag },
    });
    expect(late.statusCode).toBe(304);
    // 00:30 the next day in the hall, still the same day in UTC.
    clock = new Date(`${today}T16:30:00Z`);
    const next = await hall.inject({
      as: 'a',
      method: 'GET',
      url: '/api/v1/content/bundle',
      headers: { 'if-none-match': before.etag },
    });
    expect(next.statusCode).toBe(200);
    const after = ContentBundle.parse(next.json());
    expect(after.version).not.toBe(before.bundle.version);
    expect(after.jobs.map((j) => j.title)).not.toContain('今天截止：叉车司机');
    expect(after.courses.map((c) => c.title)).not.toContain('今天结课：焊工培训');
    expect(after.jobs).toHaveLength(before.bundle.jobs.length - 1);
  });
});
