/** 失业保险金: three big figures (each month, received, left), the span, the recent payments. */
import type { KioskApi } from '../../../../contracts';
import { formatMoney } from '../../format/money';
import { useI18n } from '../../i18n';
import { Failure, Loading } from '../common/parts';
import { PrintPageButton } from '../common/PrintPageButton';
import { useAsync } from '../common/useAsync';
import type { InquiryTexts } from './texts';
import './unemployment.css';

/** Payments shown on the screen; the rest are in the span and total lines (at most 24 in all). */
const RECENT = 4;

export function UnemploymentView({ kiosk, q }: { kiosk: KioskApi; q: InquiryTexts }) {
  const { t } = useI18n();
  const { result, reload } = useAsync(() => kiosk.getUnemploymentBenefit({}), 'unemployment');
  if (result.state === 'loading') return <Loading />;
  if (result.state === 'failed') return <Failure code={result.code} onRetry={reload} />;
  const v = result.value;
  const b = q.benefit;
  if (!v.receiving) return <p className="empty">{b.none}</p>;
  if (!v.paidHere)
    return (
      <p className="cz-hint" data-testid="benefit-elsewhere">
        {b.elsewhere(v.payingRegion ?? '')}
      </p>
    );
  const monthly = v.monthlyAmount === null ? '—' : formatMoney(t, v.monthlyAmount);
  return (
    <div className="ub" data-testid="inquiry-unemployment">
      <div className="ub__figures">
        <div className="ub__figure">
          <span className="ub__label">{b.monthly}</span>
          <span className="ub__value" data-testid="benefit-monthly">
            {monthly}
          </span>
        </div>
        <div className="ub__figure">
          <span className="ub__label">{b.paid}</span>
          <span className="ub__value" data-testid="benefit-paid">
            {b.months(v.paidMonths)}
          </span>
        </div>
        <div className="ub__figure ub__figure--left">
          <span className="ub__label">{b.remaining}</span>
          <span className="ub__value" data-testid="benefit-remaining">
            {b.months(v.remainingMonths)}
          </span>
        </div>
      </div>
      {v.fromPeriod && v.toPeriod && (
        <p className="cz-hint" data-testid="benefit-span">
          {b.span(v.fromPeriod, v.toPeriod, v.entitledMonths, v.contributionMonths)}
        </p>
      )}
      {v.payments.length === 0 ? (
        <p className="empty">{b.notYet}</p>
      ) : (
        <table className="summary-table cz-table" data-testid="benefit-payments" aria-label={b.recent}>
          <thead>
            <tr>
              <th scope="col">
                {b.recent} · {q.columns.period}
              </th>
              <th scope="col">{q.columns.paidOn}</th>
              <th scope="col" className="num">
                {q.columns.amount}
              </th>
            </tr>
          </thead>
          <tbody>
            {v.payments.slice(0, RECENT).map((p) => (
              <tr key={p.period}>
                <th scope="row">{q.period(p.period)}</th>
                <td>{p.paidOn}</td>
                <td className="num">{formatMoney(t, p.amount)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="cz-hint">
        {b.total(formatMoney(t, v.totalPaid))} · {b.payDay}
      </p>
      <div className="cz-footer">
        <PrintPageButton
          kiosk={kiosk}
          page={{
            title: q.menu.unemployment,
            lines: [
              { label: b.monthly, value: monthly },
              { label: b.paid, value: b.months(v.paidMonths) },
              { label: b.remaining, value: b.months(v.remainingMonths) },
              ...v.payments.map((p) => ({ label: q.period(p.period), value: formatMoney(t, p.amount) })),
            ],
          }}
        />
      </div>
    </div>
  );
}
