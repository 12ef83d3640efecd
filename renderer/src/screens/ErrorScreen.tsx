/** A plain sentence for the error, the hotline, and one button back to the start. */
import { HotlineNotice } from '../components/HotlineNotice';
import { AlertIcon } from '../components/icons';
import { useI18n } from '../i18n';
import type { ScreenErrorCode } from '../state/machine';
import './ErrorScreen.css';

export interface ErrorScreenProps {
  code: ScreenErrorCode;
  /** Seconds until the screen returns to the start by itself, or null when it waits for the button. */
  secondsToReturn: number | null;
  onBack(): void;
}

export function ErrorScreen({ code, secondsToReturn, onBack }: ErrorScreenProps) {
  const { t } = useI18n();
  return (
    <main className="screen screen--center" data-testid="screen-error" data-error-code={code}>
      <div className="panel panel--error">
        <AlertIcon />
        <h1 className="panel__heading">{t.error.heading}</h1>
        <p className="panel__sentence">{t.error.codes[code]}</p>
        <HotlineNotice />
        <button type="button" className="btn btn--primary btn--large" data-testid="back-button" onClick={onBack}>
          {t.error.back}
        </button>
        {secondsToReturn !== null && (
          <p className="panel__auto-return" data-testid="auto-return">
            {t.error.autoReturn(secondsToReturn)}
          </p>
        )}
      </div>
    </main>
  );
}
