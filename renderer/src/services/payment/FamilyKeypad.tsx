/** A family member's ID number on big keys (digits and the check character X), shown in 6-8-4 groups. */
import { isValidIdNumber } from '../../../../contracts';
import type { PaymentAction } from './machine';
import type { PaymentTexts } from './texts';
import '../pin/pin.css';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'X', '0'];

export function FamilyKeypad({
  typed,
  problem,
  x,
  dispatch,
  onCheck,
}: {
  typed: string;
  problem: string | null;
  x: PaymentTexts;
  dispatch(action: PaymentAction): void;
  onCheck(idNumber: string): void;
}) {
  const groups = [typed.slice(0, 6), typed.slice(6, 14), typed.slice(14)].filter((g) => g.length > 0);
  const complete = typed.length === 18;
  const valid = complete && isValidIdNumber(typed);
  return (
    <div className="pin pay-keyin" data-testid="payment-family">
      <div className="pin__left">
        <h2 className="cz-heading">{x.familyHeading}</h2>
        <div className="pay-keyin__typed" aria-live="polite">
          <span className="pay-keyin__number" data-testid="payment-family-typed">
            {groups.map((g, i) => (
              <span key={i}>{g}</span>
            ))}
          </span>
          <span className="cz-hint">{x.typed(typed.length)}</span>
        </div>
        {(problem || (complete && !valid)) && (
          <p className="cz-sentence pay-warn" role="alert" data-testid="payment-family-problem">
            {problem ?? x.familyReasons.badNumber}
          </p>
        )}
        <button
          type="button"
          className="btn btn--secondary btn--large"
          data-testid="payment-back"
          onClick={() => dispatch({ type: 'back' })}
        >
          {x.back}
        </button>
      </div>
      <div className="pin__pad" role="group" aria-label={x.familyHeading}>
        {KEYS.map((k) => (
          <button
            key={k}
            type="button"
            className="pin__key"
            data-testid={`payment-key-${k}`}
            disabled={k === 'X' && typed.length !== 17}
            onClick={() => dispatch({ type: 'key', key: k })}
          >
            {k}
          </button>
        ))}
        <button
          type="button"
          className="pin__key pin__key--word"
          data-testid="payment-key-backspace"
          disabled={typed.length === 0}
          onClick={() => dispatch({ type: 'backspace' })}
        >
          {x.del}
        </button>
        <button
          type="button"
          className="pin__key pin__key--ok"
          data-testid="payment-key-ok"
          disabled={!valid}
          onClick={() => onCheck(typed)}
        >
          {x.check}
        </button>
      </div>
    </div>
  );
}
