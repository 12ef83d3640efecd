/** Waiting for the host: starting up, or fetching the person's summary. */
import { useI18n } from '../i18n';
import './LoadingScreen.css';

export function LoadingScreen({ what }: { what: 'starting' | 'summary' }) {
  const { t } = useI18n();
  return (
    <main className="screen screen--center" data-testid="screen-loading" aria-busy="true">
      <div className="spinner" aria-hidden="true" />
      <h1 className="loading__text" role="status">
        {t.loading[what]}
      </h1>
    </main>
  );
}
