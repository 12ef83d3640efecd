/**
 * "快到您时发短信提醒": an 11-digit mobile number on big keys, shown in 3-4-4 groups while typed
 * (the person must see what they typed); after saving only the masked form is ever shown.
 */
import { useI18n } from '../../i18n';
import { HotlineNotice } from '../../components/HotlineNotice';
import { isMobileNumber, type QueueAction, type QueueStep } from './machine';
import { queueTexts } from './texts';
import '../pin/pin.css';
import './queue-phone.css';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'];

export function PhoneKeypad({
  step,
  dispatch,
}: {
  step: Extract<QueueStep, { name: 'phoneEntry' | 'phoneSending' }>;
  dispatch(action: QueueAction): void;
}) {
  const { locale, t } = useI18n();
  const q = queueTexts[locale];
  const { typed } = step;
  const sending = step.name === 'phoneSending';
  const groups = [typed.slice(0, 3), typed.slice(3, 7), typed.slice(7)].filter((g) => g.length > 0);
  const valid = isMobileNumber(typed);
  const problem =
    step.name === 'phoneEntry' && step.problem
      ? `${q.phoneNotSaved}${t.error.codes[step.problem]}`
      : typed.length === 11 && !valid
        ? q.phoneBad
        : null;
  return (
    <div className="pin queue-phone" data-testid="queue-phone">
      <div className="pin__left">
        <h2 className="queue__heading">{q.phoneHeading}</h2>
        <div className="queue-phone__typed">
          <span className="queue-phone__number" data-testid="queue-phone-typed">
            {groups.map((g, i) => (
              <span key={i}>{g}</span>
            ))}
          </span>
          <span className="queue-phone__count">{q.phoneTyped(typed.length)}</span>
        </div>
        {problem && (
          <p className="queue-phone__problem" role="alert" data-testid="queue-phone-problem">
            {problem}
          </p>
        )}
        {step.name === 'phoneEntry' && step.problem && <HotlineNotice />}
        <button
          type="button"
          className="btn btn--secondary btn--large"
          data-testid="queue-phone-skip"
          disabled={sending}
          onClick={() => dispatch({ type: 'phoneSkip' })}
        >
          {q.phoneSkip}
        </button>
      </div>
      <div className="pin__pad" role="group" aria-label={q.phoneHeading}>
        {KEYS.map((k) => (
          <button
            key={k}
            type="button"
            className="pin__key"
            data-testid={`queue-key-${k}`}
            disabled={sending || typed.length >= 11}
            onClick={() => dispatch({ type: 'phoneKey', key: k })}
          >
            {k}
          </button>
        ))}
        <button
          type="button"
          className="pin__key pin__key--word queue-phone__del"
          data-testid="queue-key-backspace"
          disabled={sending || typed.length === 0}
          onClick={() => dispatch({ type: 'phoneBackspace' })}
        >
          {q.del}
        </button>
        <button
          type="button"
          className="pin__key pin__key--ok"
          data-testid="queue-key-ok"
          disabled={sending || !valid}
          onClick={() => dispatch({ type: 'phoneSubmit' })}
        >
          {sending ? q.phoneSending : q.phoneOk}
        </button>
      </div>
    </div>
  );
}
