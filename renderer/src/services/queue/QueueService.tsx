/** The ticket screen: huge category buttons, then the number, large, and what to do next. */
import { useEffect, useReducer } from 'react';
import { type QueueTicket, errorCodeOf } from '../../../../contracts';
import { HotlineNotice } from '../../components/HotlineNotice';
import { QrCode } from '../../components/QrCode';
import { useI18n } from '../../i18n';
import type { ServiceProps } from '../registry';
import { initialQueueState, newRequestId, type QueueAction, queueReducer } from './machine';
import { PhoneKeypad } from './PhoneKeypad';
import { receiptPrinterDown } from './printer';
import { queueTexts } from './texts';
import './queue.css';
import './queue-follow.css';

export function QueueService({ kiosk, say, close, session, terminal }: ServiceProps) {
  const { locale, t } = useI18n();
  const q = queueTexts[locale];
  const [state, dispatch] = useReducer(queueReducer, initialQueueState);
  const { step } = state;

  useEffect(() => {
    if (step.name !== 'loading') return;
    let live = true;
    kiosk
      .listQueueCategories({})
      .then((view) => live && dispatch({ type: 'categoriesLoaded', view }))
      .catch((e: unknown) => live && dispatch({ type: 'categoriesFailed', code: errorCodeOf(e) }));
    return () => {
      live = false;
    };
  }, [kiosk, step.name]);

  const issuing = step.name === 'issuing' ? { code: step.category.code, requestId: step.requestId } : null;
  useEffect(() => {
    if (!issuing) return;
    const { code, requestId } = issuing;
    kiosk
      .takeTicket({ categoryCode: code, requestId })
      .then((r) => dispatch({ type: 'issued', requestId, ticket: r.ticket, print: r.print }))
      .catch((e: unknown) => dispatch({ type: 'issueFailed', requestId, code: errorCodeOf(e) }));
    // Keyed by the request id alone: a re-render must not send the tap again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [kiosk, issuing?.requestId]);

  const reprinting = step.name === 'reprinting' ? step.ticket.ticketId : null;
  useEffect(() => {
    if (!reprinting) return;
    kiosk
      .reprintTicket({ ticketId: reprinting })
      .then((print) => dispatch({ type: 'reprinted', print }))
      .catch((e: unknown) => dispatch({ type: 'reprintFailed', code: errorCodeOf(e) }));
  }, [kiosk, reprinting]);

  // The typed number goes to the host once, with the key that issued the ticket; only its mask comes back.
  const sendingPhone =
    step.name === 'phoneSending' && state.issuedWith ? { requestId: state.issuedWith, phone: step.typed } : null;
  useEffect(() => {
    if (!sendingPhone) return;
    kiosk
      .leaveTicketPhone(sendingPhone)
      .then((r) => dispatch({ type: 'phoneLeft', maskedPhone: r.maskedPhone }))
      .catch((e: unknown) => dispatch({ type: 'phoneFailed', code: errorCodeOf(e) }));
    // Keyed by the step alone: a re-render must not send it again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [kiosk, sendingPhone !== null]);

  const spoken =
    step.name === 'phoneEntry'
      ? step.problem
        ? t.error.codes[step.problem]
        : q.phoneSpeech
      : step.name !== 'phoneSending' && state.phoneLeft && (step.name === 'printed' || step.name === 'printFailed')
        ? q.phoneLeftSpeech
        : step.name === 'choosing'
          ? q.chooseSpeech
          : step.name === 'issuing'
            ? q.issuingSpeech
            : step.name === 'printed'
              ? q.printedSpeech(step.ticket.number, step.ticket.peopleAhead)
              : step.name === 'printFailed'
                ? `${q.notPrintedSpeech(step.ticket.number)}${q.notPrintedFollowSpeech}`
                : step.name === 'issueFailed' || step.name === 'loadFailed'
                  ? t.error.codes[step.code]
                  : '';
  useEffect(() => say(spoken), [say, spoken]);

  switch (step.name) {
    case 'phoneEntry':
    case 'phoneSending':
      return <PhoneKeypad step={step} dispatch={dispatch} />;
    case 'loading':
      return (
        <p className="queue__status" data-testid="queue-loading">
          {q.loading}
        </p>
      );
    case 'loadFailed':
    case 'issueFailed':
      return (
        <div className="queue__problem" data-testid="queue-error" data-error-code={step.code}>
          <h2 className="queue__heading">{step.name === 'issueFailed' ? q.notIssued : t.error.heading}</h2>
          <p className="queue__sentence">{t.error.codes[step.code]}</p>
          <HotlineNotice />
          <div className="queue__actions">
            {step.name === 'issueFailed' ? (
              <>
                <button
                  type="button"
                  className="btn btn--primary btn--large"
                  data-testid="queue-retry"
                  onClick={() => dispatch({ type: 'retry' })}
                >
                  {q.retry}
                </button>
                <button
                  type="button"
                  className="btn btn--secondary btn--large"
                  onClick={() => dispatch({ type: 'backToCategories' })}
                >
                  {q.backToList}
                </button>
              </>
            ) : (
              <button
                type="button"
                className="btn btn--primary btn--large"
                data-testid="queue-retry"
                onClick={() => dispatch({ type: 'reload' })}
              >
                {q.retry}
              </button>
            )}
          </div>
        </div>
      );
    case 'choosing':
    case 'issuing':
      return (
        <div className="queue">
          <p className="queue__prompt">{step.name === 'issuing' ? q.issuing(step.category.name) : q.choose}</p>
          {receiptPrinterDown(terminal) && (
            <p className="notice notice--warning" data-testid="queue-no-paper">
              {q.noPaperChoose}
            </p>
          )}
          <ul className="queue__categories" aria-busy={step.name === 'issuing'}>
            {state.categories.map((c) => (
              <li key={c.code}>
                <button
                  type="button"
                  className="queue-category"
                  data-testid={`queue-category-${c.code}`}
                  disabled={step.name === 'issuing'}
                  aria-pressed={step.name === 'issuing' && step.category.code === c.code}
                  onClick={() => dispatch({ type: 'tapped', code: c.code, requestId: newRequestId() })}
                >
                  <span className="queue-category__name">{c.name}</span>
                  {c.description && <span className="queue-category__description">{c.description}</span>}
                  <span className="queue-category__facts">
                    <span>{q.waiting(c.waiting)}</span>
                    <span>{q.wait(c.estimatedWaitMin)}</span>
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      );
    case 'printed':
      return (
        <TicketCard ticket={step.ticket} heading={q.takeIt} testId="queue-printed" forPerson={session !== null}>
          <p className="queue__sentence">{q.listen}</p>
          <button type="button" className="btn btn--primary btn--huge" data-testid="queue-done" onClick={close}>
            {q.done}
          </button>
          <SmsOffer phoneLeft={state.phoneLeft} dispatch={dispatch} />
        </TicketCard>
      );
    case 'printFailed':
    case 'reprinting':
      return (
        <TicketCard
          ticket={step.ticket}
          heading={q.notPrinted}
          testId="queue-print-failed"
          forPerson={session !== null}
        >
          <p className="queue__sentence queue__sentence--strong">{q.stillValid}</p>
          <figure className="queue-follow" data-testid="queue-follow">
            <QrCode text={step.ticket.followUrl} label={q.followLabel(step.ticket.number)} testId="queue-follow-qr" />
            <figcaption className="queue-follow__caption">{q.follow}</figcaption>
          </figure>
          {step.name === 'printFailed' && (
            <p className="queue__sentence">
              {q.printerReasons[step.reason] ?? q.printerOther} {q.askStaff}
            </p>
          )}
          <div className="queue__actions">
            <button
              type="button"
              className="btn btn--primary btn--large"
              data-testid="queue-reprint"
              disabled={step.name === 'reprinting'}
              onClick={() => dispatch({ type: 'reprint' })}
            >
              {step.name === 'reprinting' ? q.reprinting : q.reprint}
            </button>
            <button type="button" className="btn btn--secondary btn--large" data-testid="queue-done" onClick={close}>
              {q.done}
            </button>
          </div>
          {step.name === 'printFailed' && <SmsOffer phoneLeft={state.phoneLeft} dispatch={dispatch} />}
          <HotlineNotice />
        </TicketCard>
      );
  }
}

/** "快到您时发短信提醒？" under the ticket: one button to the keypad; 完成 (skip) stays the default. */
function SmsOffer({ phoneLeft, dispatch }: { phoneLeft: string | null; dispatch(action: QueueAction): void }) {
  const { locale } = useI18n();
  const q = queueTexts[locale];
  if (phoneLeft) {
    return (
      <p className="queue-sms__left" data-testid="queue-phone-left">
        {q.phoneLeft(phoneLeft)}
      </p>
    );
  }
  return (
    <div className="queue-sms" data-testid="queue-sms-offer">
      <span className="queue-sms__question">{q.smsOffer}</span>
      <button
        type="button"
        className="btn btn--secondary btn--large"
        data-testid="queue-phone-offer"
        onClick={() => dispatch({ type: 'phoneOffer' })}
      >
        {q.smsOfferButton}
      </button>
      <span className="queue-sms__hint">{q.smsOfferHint}</span>
    </div>
  );
}

function TicketCard({
  ticket,
  heading,
  testId,
  forPerson,
  children,
}: {
  ticket: QueueTicket;
  heading: string;
  testId: string;
  forPerson: boolean;
  children: React.ReactNode;
}) {
  const { locale } = useI18n();
  const q = queueTexts[locale];
  return (
    <div className="queue-ticket" data-testid={testId}>
      <div className="queue-ticket__card">
        <h2 className="queue-ticket__heading">{heading}</h2>
        <p className="queue-ticket__label">{q.yourNumber}</p>
        <p className="queue-ticket__number" data-testid="queue-number">
          {ticket.number}
        </p>
        <p className="queue-ticket__category">{ticket.categoryName}</p>
        <p className="queue-ticket__ahead" data-testid="queue-ahead">
          {q.ahead(ticket.peopleAhead)}
        </p>
        <p className="queue-ticket__wait">{q.estimated(ticket.estimatedWaitMin)}</p>
        {forPerson && ticket.forPerson && <p className="queue-ticket__person">{q.forPerson}</p>}
      </div>
      <div className="queue-ticket__next">{children}</div>
    </div>
  );
}
