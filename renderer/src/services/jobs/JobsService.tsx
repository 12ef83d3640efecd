/** 招聘岗位: big toggle chips for district, trade and pay; a few big cards a page; one job opened. */
import { useEffect, useReducer } from 'react';
import { SalaryBand, formatFen } from '../../../../contracts';
import { useI18n } from '../../i18n';
import { browseReducer, distinct, initialBrowseState, pageOf } from '../common/browse';
import { Chips, Pager, useCommonTexts } from '../common/parts';
import { WithContent } from '../common/useContent';
import type { ServiceDefinition, ServiceProps } from '../registry';
import { filterJobs } from './filter';
import { jobsTexts } from './texts';

const PAGE_SIZE = 4;
const yuan = (fen: number) => formatFen(fen).replace(/\.00$/, '');

function JobsService({ kiosk, now, say }: ServiceProps) {
  const { locale } = useI18n();
  const j = jobsTexts[locale];
  const c = useCommonTexts();
  const [state, dispatch] = useReducer(browseReducer, initialBrowseState);
  useEffect(() => say(j.speech), [j, say]);
  const set = (key: string) => (value: string | null) => dispatch({ type: 'filter', key, value });
  return (
    <WithContent kiosk={kiosk} now={now}>
      {(content) => {
        const job = content.jobs.find((x) => String(x.id) === state.selected);
        if (job)
          return (
            <article className="cz-detail" data-testid="job-detail">
              <div className="cz-view__bar">
                <button type="button" className="btn btn--secondary" onClick={() => dispatch({ type: 'close' })}>
                  {j.backToList}
                </button>
                <h2 className="cz-heading">{job.title}</h2>
              </div>
              <dl className="cz-facts">
                <dt>{job.employerName}</dt>
                <dd>{j.salaryRange(yuan(job.salaryMin), yuan(job.salaryMax))}</dd>
                <dt>{j.location}</dt>
                <dd>{job.location}</dd>
                <dt>{j.requirements}</dt>
                <dd className="cz-small">{job.requirements}</dd>
                <dt>{j.contact}</dt>
                <dd>{job.contact}</dd>
              </dl>
            </article>
          );
        const filters = {
          district: state.filters.district ?? null,
          category: state.filters.category ?? null,
          salaryBand: SalaryBand.safeParse(state.filters.salaryBand).data ?? null,
        };
        const list = pageOf(filterJobs(content.jobs, filters), state.page, PAGE_SIZE);
        return (
          <>
            <div className="cz-filters">
              <Chips
                label={j.district}
                testId="jobs-district"
                options={distinct(content.jobs, (x) => x.district).map((v) => ({ value: v, label: v }))}
                value={filters.district}
                onChange={set('district')}
              />
              <Chips
                label={j.category}
                testId="jobs-category"
                options={distinct(content.jobs, (x) => x.category).map((v) => ({ value: v, label: v }))}
                value={filters.category}
                onChange={set('category')}
              />
              <Chips
                label={j.salary}
                testId="jobs-salary"
                options={SalaryBand.options.map((v) => ({ value: v, label: j.bands[v] }))}
                value={filters.salaryBand}
                onChange={set('salaryBand')}
              />
            </div>
            {list.items.length === 0 && <p className="empty">{c.empty}</p>}
            <ul className="cz-list cz-list--grid" data-testid="jobs-list">
              {list.items.map((x) => (
                <li key={x.id}>
                  <button
                    type="button"
                    className="cz-list__item"
                    data-testid={`job-${x.id}`}
                    onClick={() => dispatch({ type: 'open', id: String(x.id) })}
                  >
                    <span className="cz-list__title">{x.title}</span>
                    <span className="cz-list__meta">
                      {x.employerName} · {x.district}
                    </span>
                    <span className="cz-list__money">{j.salaryRange(yuan(x.salaryMin), yuan(x.salaryMax))}</span>
                  </button>
                </li>
              ))}
            </ul>
            <Pager page={list.page} pageCount={list.pageCount} onPage={(page) => dispatch({ type: 'page', page })} />
          </>
        );
      }}
    </WithContent>
  );
}

export const jobsService: ServiceDefinition = {
  id: 'jobs',
  needsSession: false,
  order: 50,
  title: { 'zh-CN': jobsTexts['zh-CN'].title, en: jobsTexts.en.title },
  hint: { 'zh-CN': jobsTexts['zh-CN'].hint, en: jobsTexts.en.hint },
  Component: JobsService,
};
