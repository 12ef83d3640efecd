/** Big tiles, one per service: title, a short hint, and why it is paused when it is. */
import type { TerminalStatus } from '../../../contracts';
import { useI18n } from '../i18n';
import './ServiceTiles.css';
import type { ServiceDefinition } from '../services/registry';
import './ServiceTiles.css';

export function ServiceTiles({
  services,
  terminal,
  heading,
  onOpen,
}: {
  services: readonly ServiceDefinition[];
  terminal: TerminalStatus | null;
  heading: string;
  onOpen(service: ServiceDefinition): void;
}) {
  const { locale } = useI18n();
  if (services.length === 0) return null;
  return (
    <nav className="service-tiles" aria-label={heading} data-testid="service-tiles">
      <h2 className="section-heading">{heading}</h2>
      <ul>
        {services.map((s) => {
          const reason = s.unavailable?.(terminal, locale) ?? null;
          const notice = reason === null ? (s.notice?.(terminal, locale) ?? null) : null;
          return (
            <li key={s.id}>
              <button
                type="button"
                className="tile"
                data-testid={`service-${s.id}`}
                disabled={reason !== null}
                onClick={() => onOpen(s)}
              >
                <span className="tile__title">{s.title[locale]}</span>
                {notice ? (
                  <span className="tile__hint tile__notice" data-testid={`service-${s.id}-notice`}>
                    {notice}
                  </span>
                ) : (
                  <span className="tile__hint">{reason ?? s.hint[locale]}</span>
                )}
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
