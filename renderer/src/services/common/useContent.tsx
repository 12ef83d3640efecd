/** The cached content for the information services, with its age line and the failure when there is none. */
import type { ReactNode } from 'react';
import { hallDate, openContent, type ContentBundle, type KioskApi } from '../../../../contracts';
import { useHallTimeZone } from '../../i18n/hall-time-zone';
import { ContentAge, Failure, Loading, useCommonTexts } from './parts';
import { useAsync } from './useAsync';
import './content.css';

/**
 * Loads the content (fresh from the hall server, or the terminal's copy) and renders it with its age.
 * Jobs and courses that are over on the hall's date of `now` are hidden: the kept copy may be days
 * old when the network was down, and the server's own filtering only covers what it served then.
 */
export function WithContent({
  kiosk,
  now,
  children,
}: {
  kiosk: KioskApi;
  /** The shell's clock (ServiceProps.now). */
  now: number;
  children(content: ContentBundle): ReactNode;
}) {
  const c = useCommonTexts();
  const timeZone = useHallTimeZone();
  const { result, reload } = useAsync(() => kiosk.getContent({}), 'content');
  if (result.state === 'loading') return <Loading />;
  if (result.state === 'failed') return <Failure code={result.code} onRetry={reload} />;
  const { content, ageMs, fresh } = result.value;
  if (!content) return <Failure code="serverUnreachable" sentence={c.noContent} onRetry={reload} />;
  return (
    <div className="cz-content">
      <ContentAge ageMs={ageMs} fresh={fresh} />
      {children(openContent(content, hallDate(timeZone, now)))}
    </div>
  );
}
