/** 正在恢复: the calm screen while the page recovers from an error (never a stack, never white). */
import { HotlineNotice } from '../components/HotlineNotice';
import { useI18n } from '../i18n';
import './RecoveringScreen.css';

export function RecoveringScreen() {
  const { t } = useI18n();
  return (
    <main className="screen screen--center recovering" data-testid="screen-recovering" aria-busy="true">
      <div className="spinner" aria-hidden="true" />
      <h1 className="recovering__title" role="status">
        {t.recovering.title}
      </h1>
      <p className="recovering__body">{t.recovering.body}</p>
      <p className="recovering__note">{t.recovering.note}</p>
      <HotlineNotice />
    </main>
  );
}
