/**
 * The terminal is closed: a clear sign, where to go instead, and the hotline. "Instead" is concrete
 * when the hall server told us (TerminalStatus.alternatives): the terminals serving now, by location,
 * and the staffed-window hours; without that, the general sentence.
 */
import type { TerminalAlternatives } from '../../../contracts';
import { HotlineNotice } from '../components/HotlineNotice';
import { useI18n } from '../i18n';
import './OutOfServiceScreen.css';

export function OutOfServiceScreen({ alternatives }: { alternatives?: TerminalAlternatives | undefined }) {
  const { t } = useI18n();
  const o = t.outOfService;
  const places = alternatives?.terminals ?? [];
  const hours = alternatives?.staffedWindowHours ?? null;
  return (
    <main className="screen screen--center" data-testid="screen-out-of-service">
      <div className={places.length > 0 ? 'closed-sign closed-sign--directions' : 'closed-sign'}>
        <div className="closed-sign__title">
          <svg aria-hidden="true" focusable="false" viewBox="0 0 120 120" className="icon big-icon">
            <circle cx="60" cy="60" r="54" fill="none" stroke="#a4161a" strokeWidth="12" />
            <path d="M24 96L96 24" stroke="#a4161a" strokeWidth="12" />
          </svg>
          <h1 className="closed-sign__heading">{o.heading}</h1>
        </div>
        {places.length === 0 && <p className="closed-sign__body">{o.body}</p>}
        {places.length === 1 && (
          <p className="closed-sign__go" data-testid="closed-sign-alternatives">
            {o.goToOneBefore} <strong className="closed-sign__place">{places[0]!.location}</strong>
            {o.goToOneAfter ? ` ${o.goToOneAfter}` : '.'}
          </p>
        )}
        {places.length > 1 && (
          <div data-testid="closed-sign-alternatives">
            <p className="closed-sign__go">{o.goToSeveral}</p>
            <ul className="closed-sign__places">
              {places.map((p) => (
                <li key={p.terminalId} className="closed-sign__place">
                  {p.location}
                </li>
              ))}
            </ul>
          </div>
        )}
        {places.length > 0 && <p className="closed-sign__body">{o.orWindow}</p>}
        {hours && (
          <p className="closed-sign__body" data-testid="closed-sign-window-hours">
            {o.windowHours(hours)}
          </p>
        )}
      </div>
      <HotlineNotice />
    </main>
  );
}
