/** The terminal is closed: a clear sign, where to go instead, and the hotline. */
import { HotlineNotice } from '../components/HotlineNotice';
import { useI18n } from '../i18n';

export function OutOfServiceScreen() {
  const { t } = useI18n();
  return (
    <main className="screen screen--center" data-testid="screen-out-of-service">
      <div className="closed-sign">
        <svg aria-hidden="true" focusable="false" viewBox="0 0 120 120" className="icon big-icon">
          <circle cx="60" cy="60" r="54" fill="none" stroke="#a4161a" strokeWidth="12" />
          <path d="M24 96L96 24" stroke="#a4161a" strokeWidth="12" />
        </svg>
        <h1 className="closed-sign__heading">{t.outOfService.heading}</h1>
        <p className="closed-sign__body">{t.outOfService.body}</p>
      </div>
      <HotlineNotice />
    </main>
  );
}
