/**
 * The PIN typed on the card reader's own keypad (a PC/SC part 10 PIN pad): the screen says where
 * to type, shows a picture of a small keypad and the card's answer; the PIN never reaches the kiosk.
 */
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n';
import type { PinState } from './machine';
import { pinTexts } from './texts';
import './PinPadStep.css';

export function PinPadStep({
  state,
  onRetry,
  useFace,
  cancel,
}: {
  state: PinState;
  onRetry(): void;
  useFace: ReactNode;
  cancel: ReactNode;
}) {
  const { locale } = useI18n();
  const p = pinTexts[locale];
  const stopped = state.phase === 'padStopped';
  return (
    <div className="pin-pad" data-testid="pin-pad">
      <div className="pin-pad__text">
        <h2 className="cz-heading">{p.padHeading}</h2>
        <p className="cz-sentence">{p.padHint}</p>
        {state.triesLeft !== null && !stopped && (
          <p className="pin__wrong" role="alert" data-testid="pin-wrong">
            {p.wrong(state.triesLeft)}
          </p>
        )}
        {stopped && (
          <>
            <p className="pin__wrong" role="alert" data-testid="pin-pad-stopped">
              {p.padStopped}
            </p>
            <button type="button" className="btn btn--primary btn--large" data-testid="pin-pad-retry" onClick={onRetry}>
              {p.padRetry}
            </button>
            {useFace}
          </>
        )}
        {cancel}
      </div>
      <div className="pin-pad__reader" aria-hidden="true">
        <div className="pin-pad__slot" />
        <div className="pin-pad__keys">
          {['1', '2', '3', '4', '5', '6', '7', '8', '9', '✕', '0', '✓'].map((k) => (
            <span key={k} className={`pin-pad__key${k === '✓' ? ' pin-pad__key--ok' : ''}`}>
              {k}
            </span>
          ))}
        </div>
      </div>
    </div>
  );
}
