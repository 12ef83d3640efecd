/** Small pieces the citizen services share: pager, loading line, failure with the hotline, content age. */
import type { ErrorCode } from '../../../../contracts';
import { HotlineNotice } from '../../components/HotlineNotice';
import { useI18n } from '../../i18n';
import { commonTexts } from './texts';
import './parts.css';
import './content-language.css';

export function useCommonTexts() {
  return commonTexts[useI18n().locale];
}

export function Loading() {
  const c = useCommonTexts();
  return (
    <p className="cz-loading" data-testid="cz-loading" role="status">
      <span className="spinner spinner--small" aria-hidden="true" />
      {c.loading}
    </p>
  );
}

/** A failure in a plain sentence, the hotline, and a way to try again. */
export function Failure({ code, sentence, onRetry }: { code: ErrorCode; sentence?: string; onRetry?: () => void }) {
  const { t } = useI18n();
  const c = useCommonTexts();
  const codes = t.error.codes as Partial<Record<ErrorCode, string>>;
  return (
    <div className="cz-failure" data-testid="cz-failure" role="alert">
      <p className="cz-failure__sentence">{sentence ?? codes[code] ?? t.error.codes.internal}</p>
      <HotlineNotice />
      {onRetry && (
        <button type="button" className="btn btn--primary btn--large" data-testid="cz-retry" onClick={onRetry}>
          {c.retry}
        </button>
      )}
    </div>
  );
}

/** "第 2 页，共 5 页" between two big buttons; nothing when there is one page. */
export function Pager({ page, pageCount, onPage }: { page: number; pageCount: number; onPage(page: number): void }) {
  const c = useCommonTexts();
  if (pageCount <= 1) return null;
  return (
    <div className="cz-pager" data-testid="cz-pager">
      <button
        type="button"
        className="btn btn--secondary"
        data-testid="cz-prev"
        disabled={page <= 1}
        onClick={() => onPage(page - 1)}
      >
        {c.prev}
      </button>
      <span className="cz-pager__where" data-testid="cz-page">
        {c.pageOf(page, pageCount)}
      </span>
      <button
        type="button"
        className="btn btn--secondary"
        data-testid="cz-next"
        disabled={page >= pageCount}
        onClick={() => onPage(page + 1)}
      >
        {c.next}
      </button>
    </div>
  );
}

/** "更新于 N 分钟前", and a plain line when the network is down. */
export function ContentAge({ ageMs, fresh }: { ageMs: number | null; fresh: boolean }) {
  const c = useCommonTexts();
  return (
    <>
      <div className="cz-age" data-testid="cz-age">
        {!fresh && <span className="cz-age__offline">{c.offline}</span>}
        {ageMs !== null && <span>{c.updatedAgo(Math.floor(ageMs / 60_000))}</span>}
      </div>
      {c.contentInChinese && (
        <p className="cz-language" data-testid="content-in-chinese" lang="en">
          {c.contentInChinese}
        </p>
      )}
    </>
  );
}

/** A row of big toggle chips (one choice, "全部" first). */
export function Chips<V extends string>({
  label,
  options,
  value,
  onChange,
  testId,
  withAll = true,
}: {
  label: string;
  /** Offer "全部" first (default); off when one value must always be chosen. */
  withAll?: boolean;
  options: ReadonlyArray<{ value: V; label: string }>;
  value: V | null;
  onChange(value: V | null): void;
  testId: string;
}) {
  const c = useCommonTexts();
  const all: Array<{ value: V | null; label: string }> = withAll
    ? [{ value: null, label: c.all }, ...options]
    : [...options];
  return (
    <div className="cz-chips" role="group" aria-label={label} data-testid={testId}>
      <span className="cz-chips__label">{label}</span>
      {all.map((o) => (
        <button
          key={o.value ?? '*'}
          type="button"
          className={`cz-chip${o.value === value ? ' is-on' : ''}`}
          aria-pressed={o.value === value}
          onClick={() => onChange(o.value)}
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}
