/**
 * The second factor, asked only when a detail or a print needs it: a social security card session
 * types the card's PIN on a big keypad (or, having forgotten it, checks its face); an ID-card or
 * e-card session checks its face when one is enrolled, and is otherwise told plainly where to go.
 */
import { useEffect, useReducer } from 'react';
import { type KioskApi, errorCodeOf } from '../../../../contracts';
import { HotlineNotice } from '../../components/HotlineNotice';
import { useI18n } from '../../i18n';
import { Failure } from '../common/parts';
import { FaceCheckStep } from './FaceCheckStep';
import { initialPinState, PIN_LENGTH, pinReducer } from './machine';
import { PinPadStep } from './PinPadStep';
import { pinTexts } from './texts';
import './pin.css';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

export function PinStep({
  kiosk,
  onPassed,
  onCancel,
  say,
  keepAlive,
}: {
  kiosk: KioskApi;
  onPassed(): void;
  onCancel(): void;
  say(text: string): void;
  /** Keeps the session open while the person follows the camera's prompts. */
  keepAlive(): void;
}) {
  const { locale } = useI18n();
  const p = pinTexts[locale];
  const [state, dispatch] = useReducer(pinReducer, initialPinState);

  useEffect(() => {
    kiosk.getSecondFactor({}).then(
      (view) => dispatch({ type: 'factor', view }),
      (e: unknown) => dispatch({ type: 'failed', code: errorCodeOf(e) }),
    );
  }, [kiosk]);

  useEffect(() => {
    if (state.phase !== 'checking') return;
    kiosk.verifyPin({ pin: state.digits }).then(
      (result) => dispatch({ type: 'result', result }),
      (e: unknown) => dispatch({ type: 'failed', code: errorCodeOf(e) }),
    );
    // Only the phase change starts a check; the digits are wiped by the answer.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state.phase, kiosk]);

  useEffect(() => {
    if (state.phase !== 'pad') return;
    // No PIN from the screen: the reader's keypad collects it and gives it to the card.
    kiosk.verifyPin({}).then(
      (result) => dispatch({ type: 'result', result }),
      (e: unknown) => dispatch({ type: 'failed', code: errorCodeOf(e) }),
    );
    // One request per pad round.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state.padRound, state.phase === 'pad', kiosk]);

  useEffect(() => {
    if (state.phase === 'passed') onPassed();
  }, [state.phase, onPassed]);

  useEffect(() => {
    if (state.phase === 'entering')
      say(state.triesLeft !== null ? `${p.wrongSpeech(state.triesLeft)}${p.speech}` : p.speech);
    else if (state.phase === 'pad')
      say(state.triesLeft !== null ? `${p.wrongSpeech(state.triesLeft)}${p.padSpeech}` : p.padSpeech);
    else if (state.phase === 'padStopped') say(p.padStopped);
    else if (state.phase === 'locked') say(p.locked);
    else if (state.phase === 'noCard') say(p.noCard);
    else if (state.phase === 'notAvailable') say(`${p.notAvailableHeading}。${p.notAvailable}`);
  }, [state.phase, state.triesLeft, state.padRound, p, say]);

  const cancel = (
    <button type="button" className="btn btn--secondary btn--large" data-testid="pin-cancel" onClick={onCancel}>
      {p.cancel}
    </button>
  );

  if (state.phase === 'asking' || state.phase === 'passed') return null;
  if (state.phase === 'face')
    return (
      <FaceCheckStep
        kiosk={kiosk}
        checksLeft={state.faceChecksLeft}
        canUsePin={state.route === 'ssCardPin'}
        onPassed={onPassed}
        onUsePin={() => dispatch({ type: 'usePin' })}
        onCancel={onCancel}
        say={say}
        keepAlive={keepAlive}
      />
    );
  const useFace = state.face && (
    <button
      type="button"
      className="btn btn--secondary btn--large"
      data-testid="pin-use-face"
      onClick={() => dispatch({ type: 'useFace' })}
    >
      {p.useFace}
    </button>
  );
  if (state.phase === 'pad' || state.phase === 'padStopped')
    return (
      <PinPadStep state={state} onRetry={() => dispatch({ type: 'retryPad' })} useFace={useFace} cancel={cancel} />
    );
  if (state.phase === 'failed')
    return (
      <div className="pin" data-testid="pin-step">
        <Failure code={state.failCode ?? 'internal'} />
        {cancel}
      </div>
    );
  if (state.phase === 'locked' || state.phase === 'noCard' || state.phase === 'notAvailable') {
    const sentence = state.phase === 'locked' ? p.locked : state.phase === 'noCard' ? p.noCard : p.notAvailable;
    return (
      <div className="pin pin--message" data-testid={`pin-${state.phase}`}>
        {state.phase === 'notAvailable' && <h2 className="cz-heading">{p.notAvailableHeading}</h2>}
        <p className="cz-sentence" role="alert">
          {sentence}
        </p>
        <HotlineNotice />
        {state.phase === 'locked' && useFace}
        {cancel}
      </div>
    );
  }
  const checking = state.phase === 'checking';
  return (
    <div className="pin" data-testid="pin-step">
      <div className="pin__left">
        <h2 className="cz-heading">{p.heading}</h2>
        <p className="cz-hint">{p.hint}</p>
        <div className="pin__dots" data-testid="pin-dots" aria-label={p.digitsTyped(state.digits.length)}>
          {Array.from({ length: PIN_LENGTH }, (_, i) => (
            <span key={i} className={`pin__dot${i < state.digits.length ? ' is-filled' : ''}`} />
          ))}
        </div>
        {state.triesLeft !== null && !checking && (
          <p className="pin__wrong" role="alert" data-testid="pin-wrong">
            {p.wrong(state.triesLeft)}
          </p>
        )}
        {checking && (
          <p className="cz-hint" role="status">
            {p.checking}
          </p>
        )}
        {!checking && useFace}
        {cancel}
      </div>
      <div className="pin__pad" role="group" aria-label={p.heading}>
        {KEYS.map((k) => (
          <button
            key={k}
            type="button"
            className="pin__key"
            data-testid={`pin-key-${k}`}
            disabled={checking}
            onClick={() => dispatch({ type: 'digit', digit: k })}
          >
            {k}
          </button>
        ))}
        <button
          type="button"
          className="pin__key pin__key--word"
          data-testid="pin-clear"
          disabled={checking}
          onClick={() => dispatch({ type: 'clear' })}
        >
          {p.clear}
        </button>
        <button
          type="button"
          className="pin__key"
          data-testid="pin-key-0"
          disabled={checking}
          onClick={() => dispatch({ type: 'digit', digit: '0' })}
        >
          0
        </button>
        <button
          type="button"
          className="pin__key pin__key--word"
          data-testid="pin-backspace"
          disabled={checking}
          onClick={() => dispatch({ type: 'backspace' })}
        >
          {p.backspace}
        </button>
        <button
          type="button"
          className="pin__key pin__key--ok"
          data-testid="pin-ok"
          disabled={checking || state.digits.length !== PIN_LENGTH}
          onClick={() => dispatch({ type: 'submit' })}
        >
          {p.ok}
        </button>
      </div>
    </div>
  );
}
