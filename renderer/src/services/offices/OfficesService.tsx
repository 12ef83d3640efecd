/** 服务网点: district chips, then cards with address, hours and phone in large type. */
import { useEffect, useReducer } from 'react';
import { useI18n } from '../../i18n';
import { browseReducer, distinct, initialBrowseState, pageOf } from '../common/browse';
import { Chips, Pager } from '../common/parts';
import { WithContent } from '../common/useContent';
import type { ServiceDefinition, ServiceProps } from '../registry';
import { filterOffices } from './filter';
import { officesTexts } from './texts';

const PAGE_SIZE = 4;

function OfficesService({ kiosk, say, now }: ServiceProps) {
  const { locale } = useI18n();
  const o = officesTexts[locale];
  const [state, dispatch] = useReducer(browseReducer, initialBrowseState);
  useEffect(() => say(o.speech), [o, say]);
  return (
    <WithContent kiosk={kiosk} now={now}>
      {(content) => {
        const district = state.filters.district ?? null;
        const list = pageOf(filterOffices(content.offices, district), state.page, PAGE_SIZE);
        return (
          <>
            <Chips
              label={o.district}
              testId="offices-district"
              options={distinct(content.offices, (x) => x.district).map((v) => ({ value: v, label: v }))}
              value={district}
              onChange={(value) => dispatch({ type: 'filter', key: 'district', value })}
            />
            <ul className="cz-list cz-list--grid" data-testid="offices-list">
              {list.items.map((x) => (
                <li key={x.id} className="cz-card" data-testid={`office-${x.id}`}>
                  <span className="cz-list__title">{x.name}</span>
                  <dl className="cz-facts cz-facts--tight">
                    <dt>{o.address}</dt>
                    <dd>{x.address}</dd>
                    <dt>{o.hours}</dt>
                    <dd>{x.hours}</dd>
                    <dt>{o.phone}</dt>
                    <dd className="cz-phone">{x.phone}</dd>
                  </dl>
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

export const officesService: ServiceDefinition = {
  id: 'offices',
  needsSession: false,
  order: 80,
  title: { 'zh-CN': officesTexts['zh-CN'].title, en: officesTexts.en.title },
  hint: { 'zh-CN': officesTexts['zh-CN'].hint, en: officesTexts.en.hint },
  Component: OfficesService,
};
