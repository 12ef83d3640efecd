/** "您还在吗？": shown when 15 s or less of the session remain; one big button keeps the session. */
import { useEffect, useRef } from 'react';
import { useI18n } from '../i18n';
import './TimeoutModal.css';

export function TimeoutModal({
  secondsLeft,
  onContinue,
  body,
}: {
  secondsLeft: number;
  onContinue(): void;
  /** What happens when the time is up (default: the session ends). */
  body?: (seconds: number) => string;
}) {
  const { t } = useI18n();
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => button.current?.focus(), []);
  return (
    <div className="modal-backdrop">
      <div
        className="modal"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="timeout-heading"
        aria-describedby="timeout-body"
        data-testid="timeout-modal"
      >
        <h2 id="timeout-heading" className="modal__heading">
          {t.timeout.heading}
        </h2>
        <p id="timeout-body" className="modal__body">
          {(body ?? t.timeout.body)(secondsLeft)}
        </p>
        <button
          ref={button}
          type="button"
          className="btn btn--primary btn--huge"
          data-testid="continue-button"
          onClick={onContinue}
        >
          {t.timeout.continue}
        </button>
      </div>
    </div>
  );
}
