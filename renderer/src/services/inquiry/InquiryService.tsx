/** 参保查询: a menu of four big choices; money details behind the card PIN; print-this-page everywhere. */
import { useCallback, useEffect, useReducer } from 'react';
import { useI18n } from '../../i18n';
import { Chips } from '../common/parts';
import { PinStep } from '../pin/PinStep';
import type { ServiceDefinition, ServiceProps } from '../registry';
import { DETAIL_VIEWS, inquiryReducer, initialInquiryState, type InquiryView } from './machine';
import { inquiryTexts } from './texts';
import { UnemploymentView } from './UnemploymentView';
import { ContributionMonthsView, ContributionYearsView, EnrollmentsView, MedicalView, PensionView } from './views';

const MENU: InquiryView[] = ['enrollments', 'contributions', 'pension', 'medical'];

function InquiryService({ kiosk, summary, say, keepAlive }: ServiceProps) {
  const { t, locale } = useI18n();
  const q = inquiryTexts[locale];
  const [state, dispatch] = useReducer(inquiryReducer, initialInquiryState);
  const onPage = useCallback((page: number) => dispatch({ type: 'page', page }), []);
  const types = [...new Set((summary?.enrollments ?? []).map((e) => e.insuranceType))];
  // 失业保险金 only for who receives it: everyone else keeps four choices.
  const receivesBenefit = (summary?.enrollments ?? []).some(
    (e) => e.insuranceType === 'unemployment' && e.status === 'receiving',
  );
  const menu: InquiryView[] = receivesBenefit ? [...MENU, 'unemployment'] : MENU;
  const insuranceType = state.insuranceType ?? types[0] ?? 'employeePension';

  useEffect(() => {
    if (state.step === 'menu') say(q.speech);
    else if (state.step !== 'pin') say(q.menu[state.step]);
  }, [state.step, q, say]);

  if (state.step === 'pin')
    return (
      <PinStep
        kiosk={kiosk}
        say={say}
        keepAlive={keepAlive}
        onPassed={() => dispatch({ type: 'pinPassed' })}
        onCancel={() => dispatch({ type: 'pinCancelled' })}
      />
    );

  if (state.step === 'menu')
    return (
      <div className="cz-menu" data-testid="inquiry-menu">
        {menu.map((view) => (
          <button
            key={view}
            type="button"
            className="cz-choice"
            data-testid={`inquiry-open-${view}`}
            onClick={() => dispatch({ type: 'open', view })}
          >
            <span className="cz-choice__title">{q.menu[view]}</span>
            <span className="cz-choice__hint">{q.menu[`${view}Hint`]}</span>
            {DETAIL_VIEWS.has(view) && !state.verified && <span className="cz-choice__lock">{q.menu.needsPin}</span>}
          </button>
        ))}
      </div>
    );

  return (
    <div className="cz-view" data-testid={`inquiry-view-${state.step}`}>
      <div className="cz-view__bar">
        <button
          type="button"
          className="btn btn--secondary"
          data-testid="inquiry-back"
          onClick={() => dispatch({ type: 'back' })}
        >
          {q.back}
        </button>
        <h2 className="cz-heading">
          {q.menu[state.step]}
          {state.step === 'contributions' && state.year !== null && ` · ${q.yearRow(state.year)}`}
        </h2>
      </div>
      {state.step === 'enrollments' && <EnrollmentsView kiosk={kiosk} q={q} />}
      {state.step === 'contributions' && state.year === null && (
        <>
          {types.length > 1 && (
            <Chips
              label={q.chooseType}
              testId="inquiry-types"
              options={types.map((ty) => ({ value: ty, label: t.insuranceTypes[ty] }))}
              value={insuranceType}
              onChange={(v) => v && dispatch({ type: 'chooseType', insuranceType: v })}
              withAll={false}
            />
          )}
          <ContributionYearsView
            kiosk={kiosk}
            q={q}
            insuranceType={insuranceType}
            page={state.page}
            onPage={onPage}
            onYear={(year) => dispatch({ type: 'chooseYear', year })}
          />
        </>
      )}
      {state.step === 'contributions' && state.year !== null && (
        <ContributionMonthsView
          kiosk={kiosk}
          q={q}
          insuranceType={insuranceType}
          year={state.year}
          page={state.page}
          onPage={onPage}
        />
      )}
      {state.step === 'pension' && <PensionView kiosk={kiosk} q={q} page={state.page} onPage={onPage} />}
      {state.step === 'medical' && <MedicalView kiosk={kiosk} q={q} page={state.page} onPage={onPage} />}
      {state.step === 'unemployment' && <UnemploymentView kiosk={kiosk} q={q} />}
    </div>
  );
}

export const inquiryService: ServiceDefinition = {
  id: 'inquiry',
  needsSession: true,
  order: 10,
  title: { 'zh-CN': inquiryTexts['zh-CN'].title, en: inquiryTexts.en.title },
  hint: { 'zh-CN': inquiryTexts['zh-CN'].hint, en: inquiryTexts.en.hint },
  Component: InquiryService,
};
