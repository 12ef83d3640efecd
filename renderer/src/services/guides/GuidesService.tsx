/** 办事指南: pick an item (category chips), then the complete materials checklist, where and how long. */
import { useEffect, useReducer } from 'react';
import { useI18n } from '../../i18n';
import { browseReducer, distinct, initialBrowseState, pageOf } from '../common/browse';
import { Chips, Pager } from '../common/parts';
import { WithContent } from '../common/useContent';
import type { ServiceDefinition, ServiceProps } from '../registry';
import { filterGuides } from './filter';
import { guidesTexts } from './texts';

const PAGE_SIZE = 6;

function GuidesService({ kiosk, say, now }: ServiceProps) {
  const { locale } = useI18n();
  const g = guidesTexts[locale];
  const [state, dispatch] = useReducer(browseReducer, initialBrowseState);
  useEffect(() => say(g.speech), [g, say]);
  return (
    <WithContent kiosk={kiosk} now={now}>
      {(content) => {
        const guide = content.guides.find((x) => x.code === state.selected);
        if (guide)
          return (
            <article className="cz-detail" data-testid="guide-detail">
              <div className="cz-view__bar">
                <button
                  type="button"
                  className="btn btn--secondary"
                  data-testid="guide-back"
                  onClick={() => dispatch({ type: 'close' })}
                >
                  {g.backToList}
                </button>
                <h2 className="cz-heading">{guide.title}</h2>
              </div>
              <div className="cz-detail__cols">
                <section className="cz-checklist" data-testid="guide-materials">
                  <h3 className="cz-subheading">{g.materials}</h3>
                  <p className="cz-hint">{g.materialsNote}</p>
                  <ol>
                    {guide.materials.map((m) => (
                      <li key={m.name}>
                        <span className="cz-checklist__name">{m.name}</span>
                        <span className="cz-checklist__copies">{g.copies(m.copies, m.original)}</span>
                        {m.note && <span className="cz-hint cz-block">{m.note}</span>}
                      </li>
                    ))}
                  </ol>
                </section>
                <dl className="cz-facts">
                  <dt>{g.where}</dt>
                  <dd>{guide.where}</dd>
                  <dt>{g.timeLimit}</dt>
                  <dd>{guide.timeLimit}</dd>
                  <dt>{g.fee}</dt>
                  <dd>{guide.fee}</dd>
                  <dt>{g.eligibility}</dt>
                  <dd className="cz-small">{guide.eligibility}</dd>
                </dl>
              </div>
            </article>
          );
        const category = state.filters.category ?? null;
        const list = pageOf(filterGuides(content.guides, category), state.page, PAGE_SIZE);
        return (
          <>
            <Chips
              label={g.category}
              testId="guides-category"
              options={distinct(content.guides, (x) => x.categoryCode).map((v) => ({
                value: v,
                label: g.categories[v] ?? v,
              }))}
              value={category}
              onChange={(value) => dispatch({ type: 'filter', key: 'category', value })}
            />
            <ul className="cz-list cz-list--grid" data-testid="guides-list">
              {list.items.map((x) => (
                <li key={x.code}>
                  <button
                    type="button"
                    className="cz-list__item"
                    data-testid={`guide-${x.code}`}
                    onClick={() => dispatch({ type: 'open', id: x.code })}
                  >
                    <span className="cz-list__title">{x.title}</span>
                    <span className="cz-list__meta">{x.timeLimit}</span>
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

export const guidesService: ServiceDefinition = {
  id: 'guides',
  needsSession: false,
  order: 40,
  title: { 'zh-CN': guidesTexts['zh-CN'].title, en: guidesTexts.en.title },
  hint: { 'zh-CN': guidesTexts['zh-CN'].hint, en: guidesTexts.en.hint },
  Component: GuidesService,
};
