// The terminal's kept content may be days old (the network was down): a job past its valid-until
// day or a course already ended on the hall's date is not shown, while the rest still is.
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CachedContent, ContentBundle, JobPosting, KioskApi, TrainingCourse } from '../../../contracts';
import { hallDate, openContent } from '../../../contracts';
import { jobsService } from '../../../renderer/src/services/jobs/JobsService';
import type { ServiceProps } from '../../../renderer/src/services/registry';
import { trainingsService } from '../../../renderer/src/services/trainings/TrainingsService';
import { advance } from '../fixtures';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const stamp = '2026-11-10T02:00:00.000Z';
function job(id: number, title: string, validUntil: string): JobPosting {
  return {
    id,
    title,
    employerName: '广州某物流公司',
    district: '白云区',
    category: '物流运输',
    location: '广州市白云区',
    salaryMin: 500_000,
    salaryMax: 700_000,
    headcount: 2,
    requirements: '吃苦耐劳',
    contact: '人事部 020-80000000',
    postedOn: '2026-11-01',
    validUntil,
    updatedAt: stamp,
  };
}
function course(id: number, title: string, endDate: string): TrainingCourse {
  return {
    id,
    title,
    provider: '广州某职业培训学校',
    description: '理论加实操',
    district: '天河区',
    category: '生产制造',
    location: '广州市天河区',
    startDate: '2026-11-01',
    endDate,
    hours: 40,
    fee: 0,
    seats: 30,
    updatedAt: stamp,
  };
}

/** Fetched on 2026-11-10, shown (the network down since) on the morning of 2026-11-24 in the hall. */
const bundle: ContentBundle = {
  version: 'a'.repeat(32),
  updatedAt: stamp,
  guides: [],
  jobs: [job(1, '仓库理货员', '2026-11-20'), job(2, '叉车司机', '2026-11-24'), job(3, '快递分拣员', '2026-12-31')],
  courses: [course(11, '电工培训', '2026-11-23'), course(12, '焊工培训', '2026-11-24')],
  notices: [],
  offices: [],
};
// 07:30 in Shanghai on the 24th is still the 23rd in UTC: the hall's date must be used.
const NOW = Date.parse('2026-11-23T23:30:00Z');

function kioskWith(content: ContentBundle): KioskApi {
  const cached: CachedContent = { content, fetchedAt: stamp, ageMs: NOW - Date.parse(stamp), fresh: false };
  return { getContent: vi.fn(async () => cached), on: vi.fn(() => () => undefined) } as unknown as KioskApi;
}
function props(kiosk: KioskApi): ServiceProps {
  return {
    kiosk,
    session: null,
    summary: null,
    terminal: null,
    now: NOW,
    close: vi.fn(),
    say: vi.fn(),
    keepAlive: vi.fn(),
  };
}

describe('expired content on the kept copy', () => {
  it('the pure rule keeps what is open on the hall date, and the hall date is Shanghai’s', () => {
    expect(hallDate('Asia/Shanghai', NOW)).toBe('2026-11-24');
    const open = openContent(bundle, '2026-11-24');
    expect(open.jobs.map((j) => j.id)).toEqual([2, 3]);
    expect(open.courses.map((c) => c.id)).toEqual([12]);
    expect(openContent(bundle, '2026-11-25').jobs.map((j) => j.id)).toEqual([3]);
    expect(bundle.jobs).toHaveLength(3); // the kept copy itself is not changed
  });

  it('the jobs screen does not show a posting that expired while the kiosk was offline', async () => {
    vi.useFakeTimers();
    render(<jobsService.Component {...props(kioskWith(bundle))} />);
    await advance();
    expect(screen.getByTestId('cz-age').textContent).toMatch(/\d/);
    const list = screen.getByTestId('jobs-list').textContent!;
    expect(list).toContain('叉车司机');
    expect(list).toContain('快递分拣员');
    expect(list).not.toContain('仓库理货员');
    expect(document.body.textContent).not.toContain('仓库理货员');
  });

  it('the training screen does not show a course that has already ended', async () => {
    vi.useFakeTimers();
    render(<trainingsService.Component {...props(kioskWith(bundle))} />);
    await advance();
    const list = screen.getByTestId('trainings-list').textContent!;
    expect(list).toContain('焊工培训');
    expect(list).not.toContain('电工培训');
  });
});
