/** 政策公告: titles newest first, one opened in large type. */
import { useEffect, useReducer } from 'react';
import { NoticeCategory } from '../../../../contracts';
import { useI18n } from '../../i18n';
import { browseReducer, initialBrowseState, pageOf } from '../common/browse';
import { Chips, Pager } from '../common/parts';
import { WithContent } from '../common/useContent';
import type { ServiceDefinition, ServiceProps } from '../registry';
import { filterNotices } from './filter';
import { noticesTexts } from './texts';

const PAGE_SIZE = 5;

function NoticesService({ kiosk, say, now }: ServiceProps) {
  const { locale } = useI18n();
  const n = noticesTexts[locale];
  const [state, dispatch] = useReducer(browseReducer, initialBrowseState);
  useEffect(() => say(n.speech), [n, say]);
  return (
    <WithContent kiosk={kiosk} now={now}>
      {(content) => {
        const notice = content.notices.find((x) => String(x.id) === state.selected);
        if (notice)
          return (
            <article className="cz-detail" data-testid="notice-detail">
              <div className="cz-view__bar">
                <button type="button" className="btn btn--secondary" onClick={() => dispatch({ type: 'close' })}>
                  {n.backToList}
                </button>
                <h2 className="cz-heading">{notice.title}</h2>
              </div>
              <p className="cz-hint">{n.published(notice.publishedAt.slice(0, 10))}</p>
              <div className="cz-body">
                {notice.body.split(/\n+/).map((para, i) => (
                  <p key={i}>{para}</p>
                ))}
              </div>
            </article>
          );
        const category = state.filters.category ?? null;
        const list = pageOf(filterNotices(content.notices, category), state.page, PAGE_SIZE);
        return (
          <>
            <Chips
              label={n.category}
              testId="notices-category"
              options={NoticeCategory.options.map((v) => ({ value: v, label: n.categories[v] }))}
              value={category}
              onChange={(value) => dispatch({ type: 'filter', key: 'category', value })}
            />
            <ul className="cz-list" data-testid="notices-list">
              {list.items.map((x) => (
                <li key={x.id}>
                  <button
                    type="button"
                    className="cz-list__item"
                    data-testid={`notice-${x.id}`}
                    onClick={() => dispatch({ type: 'open', id: String(x.id) })}
                  >
                    <span className="cz-list__title">{x.title}</span>
                    <span className="cz-list__meta">
                      {n.categories[x.category]} · {n.published(x.publishedAt.slice(0, 10))}
                    </span>
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

export const noticesService: ServiceDefinition = {
  id: 'notices',
  needsSession: false,
  order: 70,
  title: { 'zh-CN': noticesTexts['zh-CN'].title, en: noticesTexts.en.title },
  hint: { 'zh-CN': noticesTexts['zh-CN'].hint, en: noticesTexts.en.hint },
  Component: NoticesService,
};
