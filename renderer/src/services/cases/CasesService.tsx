/**
 * 办件进度: scan a receipt's barcode (no card needed), type its case number on a big keypad, or pick
 * one of one's own cases with a card.
 */
import { useEffect, useReducer } from 'react';
import { type CaseProgress, type KioskApi, errorCodeOf } from '../../../../contracts';
import { useI18n } from '../../i18n';
import { useHallTimeZone } from '../../i18n/hall-time-zone';
import { Failure, Loading } from '../common/parts';
import { PrintPageButton } from '../common/PrintPageButton';
import { useAsync } from '../common/useAsync';
import type { ServiceDefinition, ServiceProps } from '../registry';
import { CASE_NO_MIN, canSubmit, casesReducer, groupCaseNo, initialCasesState, type CasesAction } from './machine';
import { refusalReason } from './refusal';
import { casesTexts, type CasesTexts } from './texts';
import '../common/content.css';
import '../pin/pin.css';
import './cases.css';
import './refused.css';

/** `2026-10-01 09:15` in the hall's time zone, whatever offset the server wrote. */
function hallTime(timeZone: string, iso: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
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
  const zone = useHallTimeZone();
  const late = c.overdue && c.status !== 'completed';
  const reason = refusalReason(c);
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
      {c.status === 'rejected' && (
        <section className="cz-refused" data-testid="case-refused" aria-label={x.refused.heading}>
          <h3 className="cz-subheading">{x.refused.heading}</h3>
          <p className="cz-refused__reason" data-testid="case-refused-reason">
            {reason ?? x.refused.noReason}
          </p>
          {reason && x.refused.inChinese && <p className="cz-refused__note">{x.refused.inChinese}</p>}
          <p className="cz-refused__next" data-testid="case-refused-next">
            {x.refused.next}
          </p>
        </section>
      )}
      <div className="cz-case__body">
        <dl className="cz-facts">
          <dt>{x.caseNo}</dt>
          <dd data-testid="case-no">{c.caseNo}</dd>
          <dt>{x.applicant}</dt>
          <dd>{c.maskedName}</dd>
          <dt>{x.accepted}</dt>
          <dd>{hallTime(zone, c.acceptedAt).slice(0, 10)}</dd>
          <dt>{x.due}</dt>
          <dd>{c.dueDate}</dd>
        </dl>
        <section className="cz-case__steps">
          <h3 className="cz-subheading">{x.steps}</h3>
          <ol className="cz-steps">
            {c.steps.map((s, i) => (
              <li key={`${s.name}-${i}`}>
                <span className="cz-steps__name">{s.name}</span>
                <span className="cz-steps__at">{hallTime(zone, s.at)}</span>
              </li>
            ))}
          </ol>
        </section>
      </div>
      {withReceipt && (
        <PrintPageButton
          kiosk={kiosk}
          page={{
            title: c.item.slice(0, 60),
            lines: [
              { label: x.caseNo, value: c.caseNo },
              { label: x.accepted, value: hallTime(zone, c.acceptedAt).slice(0, 10) },
              { label: x.due, value: c.dueDate },
              {
                label: x.statuses[c.status],
                value: late ? x.overdue(c.daysOverdue).slice(0, 80) : x.onTime,
                flag: late,
              },
              ...(c.status === 'rejected'
                ? [
                    { label: x.refused.heading, value: (refusalReason(c) ?? x.refused.noReason).slice(0, 80) },
                    { label: x.refused.nextLabel, value: x.refused.next.slice(0, 80) },
                  ]
                : []),
              ...c.steps.map((s) => ({ label: s.name, value: hallTime(zone, s.at) })),
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

/** The letters case numbers start with (the item's code: 社保 SB, 医保 YB, 就业 JY); one tap each. */
export const CASE_PREFIXES = ['SB', 'YB', 'JY'] as const;

/** The number typed so far, big and in groups, with the letter row and the digit keys. */
function CaseKeypad({ typed, x, dispatch }: { typed: string; x: CasesTexts; dispatch(a: CasesAction): void }) {
  const groups = groupCaseNo(typed);
  const ready = canSubmit(typed);
  return (
    <div className="pin cz-keyin" data-testid="cases-typing">
      <div className="pin__left">
        <h2 className="cz-heading">{x.typeHeading}</h2>
        <p className="cz-hint">{x.typeHint}</p>
        <div className="cz-keyin__typed" aria-live="polite" aria-label={x.typedLabel}>
          <span className="cz-keyin__label">{x.typedLabel}</span>
          <span className="cz-keyin__number" data-testid="cases-typed">
            {groups.length === 0 && <span className="cz-keyin__empty">{x.typedEmpty}</span>}
            {groups.map((g, i) => (
              <span key={i} className="cz-keyin__group">
                {g}
              </span>
            ))}
          </span>
          <span className="cz-keyin__count" data-testid="cases-typed-count">
            {typed.length > 0 && typed.length < CASE_NO_MIN ? x.tooShort(CASE_NO_MIN) : x.typedCount(typed.length)}
          </span>
        </div>
        <div className="cz-keyin__letters" role="group" aria-label={x.letters}>
          <span className="cz-keyin__label">{x.letters}</span>
          {CASE_PREFIXES.map((prefix) => (
            <button
              key={prefix}
              type="button"
              className="pin__key cz-keyin__prefix"
              data-testid={`cases-key-${prefix}`}
              onClick={() => dispatch({ type: 'key', keys: prefix })}
            >
              <span>{prefix}</span>
              <small>{x.prefixes[prefix]}</small>
            </button>
          ))}
        </div>
        <button
          type="button"
          className="btn btn--secondary btn--large"
          data-testid="cases-typing-back"
          onClick={() => dispatch({ type: 'again' })}
        >
          {x.back}
        </button>
      </div>
      <div className="pin__pad" role="group" aria-label={x.typeHeading}>
        {['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((d) => (
          <button
            key={d}
            type="button"
            className="pin__key"
            data-testid={`cases-key-${d}`}
            onClick={() => dispatch({ type: 'key', keys: d })}
          >
            {d}
          </button>
        ))}
        <button
          type="button"
          className="pin__key pin__key--word"
          data-testid="cases-key-clear"
          disabled={typed.length === 0}
          onClick={() => dispatch({ type: 'clear' })}
        >
          {x.clear}
        </button>
        <button
          type="button"
          className="pin__key"
          data-testid="cases-key-0"
          onClick={() => dispatch({ type: 'key', keys: '0' })}
        >
          0
        </button>
        <button
          type="button"
          className="pin__key pin__key--word"
          data-testid="cases-key-backspace"
          disabled={typed.length === 0}
          onClick={() => dispatch({ type: 'backspace' })}
        >
          {x.backspace}
        </button>
        <button
          type="button"
          className="pin__key pin__key--ok"
          data-testid="cases-key-submit"
          disabled={!ready}
          onClick={() => dispatch({ type: 'submit' })}
        >
          {x.submit}
        </button>
      </div>
    </div>
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
      (e: unknown) => dispatch({ type: 'failed', code: errorCodeOf(e) }),
    );
  }, [state.step, state.caseNo, kiosk]);

  const typedIt = state.typed !== '' && state.caseNo === state.typed;
  const notFoundSentence = (caseNo: string) => (typedIt ? x.notFoundTyped : x.notFound(caseNo));
  const failedSentence = state.failCode === 'rateLimited' ? x.paused : undefined;

  useEffect(() => {
    if (state.step === 'waiting') say(x.speech);
    else if (state.step === 'typing') say(x.typeSpeech);
    else if (state.step === 'notFound' && state.caseNo) say(notFoundSentence(state.caseNo));
    else if (state.step === 'failed' && failedSentence) say(failedSentence);
    else if (state.step === 'found' && state.found?.status === 'rejected')
      say(x.refused.speech(refusalReason(state.found)));
    else if (state.step === 'found' && state.found?.overdue) say(x.overdue(state.found.daysOverdue));
    // The sentences follow the step and the texts; listing them would speak again on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state.step, state.caseNo, state.found, x, say]);

  // Beside 改一改 (the likelier next step) it is the secondary choice.
  const again = (
    <button
      type="button"
      className={`btn ${state.step === 'notFound' && typedIt ? 'btn--secondary' : 'btn--primary'} btn--large`}
      data-testid="cases-again"
      onClick={() => dispatch({ type: 'again' })}
    >
      {x.again}
    </button>
  );

  const edit = (
    <button
      type="button"
      className="btn btn--primary btn--large"
      data-testid="cases-edit"
      onClick={() => dispatch({ type: 'type' })}
    >
      {x.edit}
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
      {state.step === 'waiting' && (
        <button
          type="button"
          className="btn btn--secondary btn--large cz-keyin__open"
          data-testid="cases-type"
          onClick={() => dispatch({ type: 'type' })}
        >
          <span>{x.typeOpen}</span>
          <small>{x.typeOpenHint}</small>
        </button>
      )}
      {state.step === 'typing' && <CaseKeypad typed={state.typed} x={x} dispatch={dispatch} />}
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
          <Failure code="notFound" sentence={notFoundSentence(state.caseNo)} />
          <div className="cz-actions">
            {typedIt && edit}
            {again}
          </div>
        </>
      )}
      {state.step === 'failed' && (
        <>
          <Failure code={state.failCode ?? 'internal'} sentence={failedSentence} />
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
