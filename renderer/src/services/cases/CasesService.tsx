/** 办件进度: scan a receipt's barcode (no card needed), or pick one of one's own cases with a card. */
import { useEffect, useReducer } from 'react';
import type { CaseProgress, KioskApi } from '../../../../contracts';
import { useI18n } from '../../i18n';
import { HALL_TIME_ZONE } from '../../i18n/locale';
import { Failure, Loading } from '../common/parts';
import { PrintPageButton } from '../common/PrintPageButton';
import { codeOf, useAsync } from '../common/useAsync';
import type { ServiceDefinition, ServiceProps } from '../registry';
import { casesReducer, initialCasesState } from './machine';
import { casesTexts, type CasesTexts } from './texts';

/** `2026-10-01 09:15` in the hall's time zone, whatever offset the server wrote. */
function hallTime(iso: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: HALL_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

function CaseDetail({
  c,
  x,
  kiosk,
  withReceipt,
}: {
  c: CaseProgress;
  x: CasesTexts;
  kiosk: KioskApi;
  withReceipt: boolean;
}) {
  const late = c.overdue && c.status !== 'completed';
  return (
    <div className={`cz-case${late ? ' is-overdue' : ''}`} data-testid="case-detail">
      <h2 className="cz-heading">{c.item}</h2>
      <p className="cz-case__status">
        <span className={`status status--case-${c.status}`}>{x.statuses[c.status]}</span>
        {late && (
          <strong className="cz-flag" data-testid="case-overdue">
            {x.overdue(c.daysOverdue)}
          </strong>
        )}
        {c.finishedLate && <span className="cz-flag">{x.finishedLate}</span>}
      </p>
      <dl className="cz-facts">
        <dt>{x.caseNo}</dt>
        <dd data-testid="case-no">{c.caseNo}</dd>
        <dt>{x.applicant}</dt>
        <dd>{c.maskedName}</dd>
        <dt>{x.accepted}</dt>
        <dd>{hallTime(c.acceptedAt).slice(0, 10)}</dd>
        <dt>{x.due}</dt>
        <dd>{c.dueDate}</dd>
      </dl>
      <h3 className="cz-subheading">{x.steps}</h3>
      <ol className="cz-steps">
        {c.steps.map((s, i) => (
          <li key={`${s.name}-${i}`}>
            <span className="cz-steps__name">{s.name}</span>
            <span className="cz-steps__at">{hallTime(s.at)}</span>
          </li>
        ))}
      </ol>
      {withReceipt && (
        <PrintPageButton
          kiosk={kiosk}
          page={{
            title: c.item.slice(0, 60),
            lines: [
              { label: x.caseNo, value: c.caseNo },
              { label: x.accepted, value: hallTime(c.acceptedAt).slice(0, 10) },
              { label: x.due, value: c.dueDate },
              {
                label: x.statuses[c.status],
                value: late ? x.overdue(c.daysOverdue).slice(0, 80) : x.onTime,
                flag: late,
              },
              ...c.steps.map((s) => ({ label: s.name, value: hallTime(s.at) })),
            ].slice(0, 40),
          }}
        />
      )}
    </div>
  );
}

function MyCases({ kiosk, x, onOpen }: { kiosk: KioskApi; x: CasesTexts; onOpen(c: CaseProgress): void }) {
  const { result, reload } = useAsync(() => kiosk.getCases({ page: 1 }), 'cases');
  if (result.state === 'loading') return <Loading />;
  if (result.state === 'failed') return <Failure code={result.code} onRetry={reload} />;
  const cases = result.value.cases;
  return (
    <section className="cz-my-cases" data-testid="cases-mine">
      <h2 className="cz-heading">{x.myCases}</h2>
      {cases.length === 0 && <p className="empty">{x.noCases}</p>}
      <ul className="cz-list">
        {cases.map((c) => (
          <li key={c.caseNo}>
            <button type="button" className="cz-list__item" data-testid={`case-${c.caseNo}`} onClick={() => onOpen(c)}>
              <span className="cz-list__title">{c.item}</span>
              <span className="cz-list__meta">
                {x.statuses[c.status]}
                {c.overdue && c.status !== 'completed' && (
                  <strong className="cz-flag"> {x.overdue(c.daysOverdue)}</strong>
                )}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function CasesService({ kiosk, session, say }: ServiceProps) {
  const { locale } = useI18n();
  const x = casesTexts[locale];
  const [state, dispatch] = useReducer(casesReducer, initialCasesState);

  useEffect(() => {
    const off = kiosk.on('caseScanned', ({ caseNo }) => dispatch({ type: 'scanned', caseNo }));
    // A receipt scanned just before this screen opened is not lost.
    kiosk.takeScannedCase({}).then(
      ({ caseNo }) => caseNo && dispatch({ type: 'scanned', caseNo }),
      () => undefined,
    );
    return off;
  }, [kiosk]);

  useEffect(() => {
    if (state.step !== 'looking' || !state.caseNo) return;
    kiosk.lookupCase({ caseNo: state.caseNo }).then(
      (found) => dispatch({ type: 'answer', found }),
      (e: unknown) => dispatch({ type: 'failed', code: codeOf(e) }),
    );
  }, [state.step, state.caseNo, kiosk]);

  useEffect(() => {
    if (state.step === 'waiting') say(x.speech);
    else if (state.step === 'notFound' && state.caseNo) say(x.notFound(state.caseNo));
    else if (state.step === 'found' && state.found?.overdue) say(x.overdue(state.found.daysOverdue));
  }, [state.step, state.caseNo, state.found, x, say]);

  const again = (
    <button
      type="button"
      className="btn btn--primary btn--large"
      data-testid="cases-again"
      onClick={() => dispatch({ type: 'again' })}
    >
      {x.again}
    </button>
  );

  return (
    <div className="cz-cases" data-testid="cases">
      {state.step === 'waiting' && (
        <div className="cz-scan" data-testid="cases-waiting">
          <div className="cz-scan__text">
            <h2 className="cz-heading">{x.scanHeading}</h2>
            <p className="cz-hint">{x.scanHint}</p>
          </div>
          <div className="cz-scan__arrow" aria-hidden="true">
            ▼
          </div>
        </div>
      )}
      {state.step === 'waiting' && session && (
        <MyCases kiosk={kiosk} x={x} onOpen={(c) => dispatch({ type: 'show', found: c })} />
      )}
      {state.step === 'looking' && state.caseNo && (
        <p className="cz-loading" role="status">
          {x.looking(state.caseNo)}
        </p>
      )}
      {state.step === 'found' && state.found && (
        <>
          <CaseDetail c={state.found} x={x} kiosk={kiosk} withReceipt={session !== null} />
          {again}
        </>
      )}
      {state.step === 'notFound' && state.caseNo && (
        <>
          <Failure code="notFound" sentence={x.notFound(state.caseNo)} />
          {again}
        </>
      )}
      {state.step === 'failed' && (
        <>
          <Failure code={state.failCode ?? 'internal'} />
          {again}
        </>
      )}
    </div>
  );
}

export const casesService: ServiceDefinition = {
  id: 'cases',
  needsSession: false,
  order: 30,
  title: { 'zh-CN': casesTexts['zh-CN'].title, en: casesTexts.en.title },
  hint: { 'zh-CN': casesTexts['zh-CN'].hint, en: casesTexts.en.hint },
  unavailable: (terminal, locale) => (terminal && !terminal.serverReachable ? casesTexts[locale].offline : null),
  Component: CasesService,
};
