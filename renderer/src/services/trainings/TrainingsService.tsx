/** 培训课程: chips for district and kind, a "free only" chip, a few big cards a page. */
import { useEffect, useReducer } from 'react';
import { formatFen } from '../../../../contracts';
import { useI18n } from '../../i18n';
import { browseReducer, distinct, initialBrowseState, pageOf } from '../common/browse';
import { Chips, Pager, useCommonTexts } from '../common/parts';
import { WithContent } from '../common/useContent';
import type { ServiceDefinition, ServiceProps } from '../registry';
import { filterCourses } from './filter';
import { trainingsTexts } from './texts';

const PAGE_SIZE = 4;

function TrainingsService({ kiosk, now, say }: ServiceProps) {
  const { locale } = useI18n();
  const x = trainingsTexts[locale];
  const c = useCommonTexts();
  const [state, dispatch] = useReducer(browseReducer, initialBrowseState);
  useEffect(() => say(x.speech), [x, say]);
  const set = (key: string) => (value: string | null) => dispatch({ type: 'filter', key, value });
  return (
    <WithContent kiosk={kiosk} now={now}>
      {(content) => {
        const filters = {
          district: state.filters.district ?? null,
          category: state.filters.category ?? null,
          freeOnly: state.filters.fee === 'free',
        };
        const list = pageOf(filterCourses(content.courses, filters), state.page, PAGE_SIZE);
        return (
          <>
            <div className="cz-filters">
              <Chips
                label={x.district}
                testId="trainings-district"
                options={distinct(content.courses, (k) => k.district).map((v) => ({ value: v, label: v }))}
                value={filters.district}
                onChange={set('district')}
              />
              <Chips
                label={x.category}
                testId="trainings-category"
                options={distinct(content.courses, (k) => k.category).map((v) => ({ value: v, label: v }))}
                value={filters.category}
                onChange={set('category')}
              />
              <Chips
                label={x.fee}
                testId="trainings-fee"
                options={[{ value: 'free', label: x.freeOnly }]}
                value={filters.freeOnly ? 'free' : null}
                onChange={set('fee')}
              />
            </div>
            {list.items.length === 0 && <p className="empty">{c.empty}</p>}
            <ul className="cz-list cz-list--grid" data-testid="trainings-list">
              {list.items.map((k) => (
                <li key={k.id} className="cz-card" data-testid={`training-${k.id}`}>
                  <span className="cz-list__title">{k.title}</span>
                  <span className="cz-list__meta">
                    {k.provider} · {k.district}
                  </span>
                  <span className="cz-list__meta">
                    {x.dates(k.startDate, k.endDate)} · {x.hours(k.hours)}
                  </span>
                  <span className={k.fee === 0 ? 'cz-free' : 'cz-list__money'}>
                    {k.fee === 0 ? x.free : x.feeValue(formatFen(k.fee))} · {x.seats(k.seats)}
                  </span>
                  <span className="cz-list__meta">
                    {x.location}：{k.location}
                  </span>
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

export const trainingsService: ServiceDefinition = {
  id: 'trainings',
  needsSession: false,
  order: 60,
  title: { 'zh-CN': trainingsTexts['zh-CN'].title, en: trainingsTexts.en.title },
  hint: { 'zh-CN': trainingsTexts['zh-CN'].hint, en: trainingsTexts.en.hint },
  Component: TrainingsService,
};
