/** The cached content for the information services, with its age line and the failure when there is none. */
import type { ReactNode } from 'react';
import type { ContentBundle, KioskApi } from '../../../../contracts';
import { ContentAge, Failure, Loading, useCommonTexts } from './parts';
import { useAsync } from './useAsync';

/** Loads the content (fresh from the hall server, or the terminal's copy) and renders it with its age. */
export function WithContent({ kiosk, children }: { kiosk: KioskApi; children(content: ContentBundle): ReactNode }) {
  const c = useCommonTexts();
  const { result, reload } = useAsync(() => kiosk.getContent({}), 'content');
  if (result.state === 'loading') return <Loading />;
  if (result.state === 'failed') return <Failure code={result.code} onRetry={reload} />;
  const { content, ageMs, fresh } = result.value;
  if (!content) return <Failure code="serverUnreachable" sentence={c.noContent} onRetry={reload} />;
  return (
    <div className="cz-content">
      <ContentAge ageMs={ageMs} fresh={fresh} />
      {children(content)}
    </div>
  );
}
