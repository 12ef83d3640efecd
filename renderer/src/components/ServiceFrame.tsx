/** A service's screen: its title, one big "回到首页" button (a step back inside the service is "返回"), and the service's own content. */
import type { ReactNode } from 'react';
import { useI18n } from '../i18n';
import './ServiceFrame.css';

export function ServiceFrame({
  id,
  title,
  onBack,
  children,
}: {
  id: string;
  title: string;
  onBack(): void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <main className="screen screen--service" data-testid={`screen-service-${id}`}>
      <div className="service__bar">
        <button type="button" className="btn btn--secondary btn--large" data-testid="service-back" onClick={onBack}>
          {t.services.home}
        </button>
        <h1 className="service__title">{title}</h1>
      </div>
      <div className="service__body">{children}</div>
    </main>
  );
}
