/** 打印证明: big choices, the card PIN, the year or span, then issuing and printing followed to the end. */
import { useEffect, useReducer, useState } from 'react';
import {
  errorCodeOf,
  hallMonth,
  type InsuranceType,
  type PrintFailure,
  type TerminalStatus,
} from '../../../../contracts';
import { HotlineNotice } from '../../components/HotlineNotice';
import { useI18n } from '../../i18n';
import { useHallTimeZone } from '../../i18n/hall-time-zone';
import type { Locale } from '../../i18n/locale';
import { PinStep } from '../pin/PinStep';
import type { ServiceDefinition, ServiceProps } from '../registry';
import { certificateSpan, initialStatementsState, statementsReducer, type StatementChoice } from './machine';
import { statementsTexts } from './texts';
import '../common/parts.css';
import './statements.css';

const STAGES = ['issuing', 'rendering', 'queued', 'printing'] as const;
const SPANS = [1, 3, 5, 'all'] as const;

function StatementsService({ kiosk, summary, now, say, keepAlive }: ServiceProps) {
  const { locale } = useI18n();
  const s = statementsTexts[locale];
  const [state, dispatch] = useReducer(statementsReducer, initialStatementsState);
  const today = hallMonth(useHallTimeZone(), now);
  const types = [...new Set((summary?.enrollments ?? []).map((e) => e.insuranceType))];
  // The types a certificate certifies: all the person's, unless they leave some out (at least one stays).
  const [left, setLeft] = useState<ReadonlySet<InsuranceType>>(new Set());
  const chosen = types.filter((t) => !left.has(t));
  const toggle = (type: InsuranceType) =>
    setLeft((was) => {
      const next = new Set(was);
      if (next.has(type)) next.delete(type);
      else if (chosen.length > 1) next.add(type);
      return next;
    });
  const firstStart = (summary?.enrollments ?? []).map((e) => e.startDate).sort()[0];
  const firstPeriod = firstStart ? firstStart.slice(0, 4) + firstStart.slice(5, 7) : null;
  // Spans end with the person's last record (the current month is not due yet): the hint says what prints.
  const lastRecord = (summary?.enrollments ?? [])
    .map((e) => e.lastPeriod ?? null)
    .filter((p): p is string => p !== null)
    .sort()
    .at(-1);
  const todayPeriod = `${today.year}${String(today.month).padStart(2, '0')}`;
  const spanEnd =
    lastRecord && lastRecord < todayPeriod
      ? { year: Number(lastRecord.slice(0, 4)), month: Number(lastRecord.slice(4)) }
      : today;

  useEffect(() => kiosk.on('printProgress', (progress) => dispatch({ type: 'progress', progress })), [kiosk]);

  useEffect(() => {
    if (state.attempt === 0 || state.step !== 'printing' || !state.requestId) return;
    const call =
      state.statementId !== null
        ? kiosk.reprintStatement({ statementId: state.statementId, requestId: state.requestId })
        : state.request
          ? kiosk.printStatement({ request: state.request, requestId: state.requestId })
          : null;
    call?.then(
      (progress) => dispatch({ type: 'progress', progress }),
      () =>
        dispatch({
          type: 'progress',
          progress: {
            requestId: state.requestId!,
            stage: 'failed',
            statementId: null,
            verificationCode: null,
            reason: 'internal',
          },
        }),
    );
    // One call per attempt: progress events must not start another.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state.attempt]);

  // One count per tap of a year or span: the hall server renders the statement and counts its pages.
  useEffect(() => {
    if (state.countAttempt === 0 || state.step !== 'counting' || !state.request) return;
    kiosk.previewStatement({ request: state.request }).then(
      (preview) => dispatch({ type: 'counted', preview, requestId: crypto.randomUUID() }),
      (error: unknown) => dispatch({ type: 'countFailed', reason: countFailure(error) }),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state.countAttempt]);

  useEffect(() => {
    if (state.step === 'choose') say(s.speech);
    else if (state.step === 'year') say(s.yearHeading);
    else if (state.step === 'span') say(s.spanHeading);
    else if (state.step === 'confirm' && state.preview)
      say(s.confirmSpeech(state.preview.pageCount, state.preview.shorter?.pageCount ?? null));
    else if (state.step === 'printing') say(s.printingSpeech);
    else if (state.step === 'done') say(`${s.doneHeading}。${s.done}`);
    else if (state.step === 'failed' && state.reason) say(`${s.failures[state.reason]}${s.retryHint}`);
  }, [state.step, state.reason, state.preview, s, say]);

  const print = (request: Parameters<typeof kiosk.printStatement>[0]['request']) => dispatch({ type: 'ask', request });
  const back = (
    <button
      type="button"
      className="btn btn--secondary"
      data-testid="statements-back"
      onClick={() => dispatch({ type: 'back' })}
    >
      {s.back}
    </button>
  );

  switch (state.step) {
    case 'choose':
      return (
        <div className="cz-view" data-testid="statements-choose">
          <h2 className="cz-heading">{s.chooseHeading}</h2>
          <div className="cz-menu cz-menu--two">
            {(['insuranceCertificate', 'rightsStatement'] as StatementChoice[]).map((kind) => (
              <button
                key={kind}
                type="button"
                className="cz-choice"
                data-testid={`statements-kind-${kind}`}
                onClick={() => dispatch({ type: 'chooseKind', kind })}
              >
                <span className="cz-choice__title">{s[kind]}</span>
                <span className="cz-choice__hint">{s[`${kind}Hint`]}</span>
              </button>
            ))}
          </div>
        </div>
      );
    case 'pin':
      return (
        <PinStep
          kiosk={kiosk}
          say={say}
          keepAlive={keepAlive}
          onPassed={() => dispatch({ type: 'pinPassed' })}
          onCancel={() => dispatch({ type: 'pinCancelled' })}
        />
      );
    case 'year':
      return (
        <div className="cz-view" data-testid="statements-year">
          <div className="cz-view__bar">
            {back}
            <h2 className="cz-heading">
              {s.rightsStatement} · {s.yearHeading}
            </h2>
          </div>
          <div className="cz-menu">
            {[0, 1, 2, 3].map((ago) => {
              const year = today.year - ago;
              return (
                <button
                  key={year}
                  type="button"
                  className="cz-choice cz-choice--short"
                  data-testid={`statements-year-${year}`}
                  onClick={() => print({ kind: 'rightsStatement', year })}
                >
                  <span className="cz-choice__title">{s.year(year)}</span>
                  {ago === 0 && <span className="cz-choice__hint">{s.thisYear}</span>}
                </button>
              );
            })}
          </div>
        </div>
      );
    case 'span':
      return (
        <div className="cz-view" data-testid="statements-span">
          <div className="cz-view__bar">
            {back}
            <h2 className="cz-heading">
              {s.insuranceCertificate} · {s.spanHeading}
            </h2>
          </div>
          {types.length === 0 ? (
            <>
              <p className="cz-sentence">{s.noTypes}</p>
              <HotlineNotice />
            </>
          ) : (
            <>
              {types.length > 1 && (
                <div className="cz-chips" role="group" aria-label={s.typesLabel} data-testid="statements-types">
                  <span className="cz-chips__label">{s.typesLabel}</span>
                  {types.map((type) => (
                    <button
                      key={type}
                      type="button"
                      className={`cz-chip${left.has(type) ? '' : ' is-on'}`}
                      aria-pressed={!left.has(type)}
                      data-testid={`statements-type-${type}`}
                      onClick={() => toggle(type)}
                    >
                      {s.typeShort[type]}
                    </button>
                  ))}
                </div>
              )}
              <div className="cz-menu">
                {SPANS.map((years) => {
                  const span = certificateSpan(years, spanEnd, firstPeriod);
                  return (
                    <button
                      key={years}
                      type="button"
                      className="cz-choice cz-choice--short"
                      data-testid={`statements-span-${years}`}
                      onClick={() => print({ kind: 'insuranceCertificate', ...span, insuranceTypes: chosen })}
                    >
                      <span className="cz-choice__title">{years === 'all' ? s.all : s.years(years)}</span>
                      <span className="cz-choice__hint">{s.span(span.from, span.to)}</span>
                    </button>
                  );
                })}
              </div>
            </>
          )}
        </div>
      );
    case 'counting':
      return (
        <div className="cz-progress" data-testid="statements-counting" role="status">
          <p className="cz-sentence">{s.counting}</p>
          <span className="spinner" aria-hidden="true" />
        </div>
      );
    case 'confirm': {
      const preview = state.preview!;
      return (
        <div className="cz-view" data-testid="statements-confirm">
          <div className="cz-view__bar">
            {back}
            <h2 className="cz-heading" data-testid="statements-confirm-heading">
              {s.confirmHeading(preview.pageCount)}
            </h2>
          </div>
          <div className="cz-menu">
            <button
              type="button"
              className="cz-choice cz-choice--short"
              data-testid="statements-confirm-all"
              onClick={() => dispatch({ type: 'print', request: preview.ask, requestId: crypto.randomUUID() })}
            >
              <span className="cz-choice__title">{s.printAll(preview.pageCount)}</span>
              <span className="cz-choice__hint">{preview.coverage}</span>
            </button>
            {preview.shorter && (
              <button
                type="button"
                className="cz-choice cz-choice--short"
                data-testid="statements-confirm-shorter"
                onClick={() =>
                  dispatch({ type: 'print', request: preview.shorter!.ask, requestId: crypto.randomUUID() })
                }
              >
                <span className="cz-choice__title">{s.shorter}</span>
                <span className="cz-choice__hint">
                  {preview.shorter.coverage}，{s.pages(preview.shorter.pageCount)}
                </span>
              </button>
            )}
          </div>
        </div>
      );
    }
    case 'printing':
      return (
        <div className="cz-progress" data-testid="statements-printing" role="status">
          <ol className="cz-stages">
            {STAGES.map((stage) => {
              const at = STAGES.indexOf(stage);
              const current = STAGES.indexOf((state.stage ?? 'issuing') as (typeof STAGES)[number]);
              return (
                <li key={stage} className={at < current ? 'is-done' : at === current ? 'is-current' : ''}>
                  {s.stages[stage]}
                </li>
              );
            })}
          </ol>
          <span className="spinner" aria-hidden="true" />
        </div>
      );
    case 'done':
      return (
        <div className="cz-result" data-testid="statements-done">
          <h2 className="cz-heading cz-heading--ok">{s.doneHeading}</h2>
          <p className="cz-sentence">{s.done}</p>
          {state.verificationCode && (
            <p className="cz-code">
              {s.code}：<strong data-testid="statements-code">{state.verificationCode}</strong>
              <span className="cz-hint cz-block">{s.codeHint}</span>
            </p>
          )}
          <button
            type="button"
            className="btn btn--secondary btn--large"
            data-testid="statements-again"
            onClick={() => dispatch({ type: 'back' })}
          >
            {s.again}
          </button>
        </div>
      );
    case 'failed':
      return (
        <div className="cz-result" data-testid="statements-failed" role="alert">
          <h2 className="cz-heading cz-heading--bad">{s.stages.failed}</h2>
          <p className="cz-sentence" data-testid="statements-reason">
            {s.failures[state.reason ?? 'internal']}
          </p>
          <p className="cz-hint">{s.retryHint}</p>
          <HotlineNotice />
          <div className="cz-actions">
            <button
              type="button"
              className="btn btn--primary btn--large"
              data-testid="statements-retry"
              onClick={() => dispatch({ type: 'retry', requestId: crypto.randomUUID() })}
            >
              {s.retry}
            </button>
            <button
              type="button"
              className="btn btn--secondary btn--large"
              data-testid="statements-again"
              onClick={() => dispatch({ type: 'back' })}
            >
              {s.again}
            </button>
          </div>
        </div>
      );
  }
}

/** Why a page count could not be had, as a print failure the screen already words. */
function countFailure(error: unknown): PrintFailure {
  const code = errorCodeOf(error);
  if (code === 'serverUnreachable') return 'serverUnreachable';
  if (code === 'secondFactorRequired' || code === 'forbidden') return 'notAllowed';
  return 'internal';
}

function a4Unavailable(terminal: TerminalStatus | null, locale: Locale): string | null {
  const a4 = terminal?.devices.find((d) => d.device === 'a4Printer');
  return a4?.state === 'failed' ? statementsTexts[locale].unavailable : null;
}

export const statementsService: ServiceDefinition = {
  id: 'statements',
  needsSession: true,
  order: 20,
  title: { 'zh-CN': statementsTexts['zh-CN'].title, en: statementsTexts.en.title },
  hint: { 'zh-CN': statementsTexts['zh-CN'].hint, en: statementsTexts.en.hint },
  unavailable: a4Unavailable,
  needsDevices: ['a4Printer'],
  Component: StatementsService,
};
