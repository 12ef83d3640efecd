/** The inquiry's screens, each with its print-this-page receipt. */
import { useState, type ReactNode } from 'react';
import type { InsuranceType, KioskApi, PageReceipt, PensionPaymentsResponse } from '../../../../contracts';
import { formatMoney } from '../../format/money';
import { useI18n } from '../../i18n';
import { Chips, Failure, Loading, Pager } from '../common/parts';
import { PrintPageButton } from '../common/PrintPageButton';
import { useAsync, type Loaded } from '../common/useAsync';
import type { InquiryTexts } from './texts';
import '../../screens/SummaryTable.css';
import './inquiry.css';

interface ViewProps {
  kiosk: KioskApi;
  q: InquiryTexts;
}

/** Loading, failure (with the hotline and a retry) or the content. */
function Show<T>({ loaded, reload, children }: { loaded: Loaded<T>; reload(): void; children(value: T): ReactNode }) {
  if (loaded.state === 'loading') return <Loading />;
  if (loaded.state === 'failed') return <Failure code={loaded.code} onRetry={reload} />;
  return children(loaded.value);
}

/** The pager and "打印本页" on one row, so both stay on the screen. */
function Footer({
  kiosk,
  page,
  paging,
}: {
  kiosk: KioskApi;
  page: PageReceipt | null;
  paging?: { page: number; pageCount: number; onPage(page: number): void };
}) {
  return (
    <div className="cz-footer">
      {paging && <Pager {...paging} />}
      <PrintPageButton kiosk={kiosk} page={page} />
    </div>
  );
}

export function EnrollmentsView({ kiosk, q }: ViewProps) {
  const { t } = useI18n();
  const { result, reload } = useAsync(() => kiosk.getEnrollments({}), 'enrollments');
  return (
    <Show loaded={result} reload={reload}>
      {(v) => (
        <>
          <table className="summary-table cz-table" data-testid="inquiry-enrollments">
            <thead>
              <tr>
                <th scope="col">{t.home.columns.insuranceType}</th>
                <th scope="col">{t.home.columns.status}</th>
                <th scope="col">{t.home.columns.startDate}</th>
                <th scope="col" className="num">
                  {t.home.columns.paidMonths}
                </th>
              </tr>
            </thead>
            <tbody>
              {v.enrollments.map((e) => (
                <tr key={`${e.insuranceType}-${e.startDate}`}>
                  <th scope="row">{t.insuranceTypes[e.insuranceType]}</th>
                  <td>
                    <div className="status-cell">
                      <span className={`status status--${e.status}`}>{t.statuses[e.status]}</span>
                      {e.arrearsMonths > 0 && <span className="arrears">{t.home.arrears(e.arrearsMonths)}</span>}
                    </div>
                  </td>
                  <td className="nowrap">{t.home.startDate(e.startDate)}</td>
                  <td className="num">{t.home.paidMonths(e.paidMonths)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {v.notEnrolled.length > 0 && (
            <p className="cz-hint" data-testid="inquiry-not-enrolled">
              {q.notEnrolled}：{v.notEnrolled.map((i) => t.insuranceTypes[i]).join('、')}
            </p>
          )}
          <Footer
            kiosk={kiosk}
            page={{
              title: q.menu.enrollments,
              lines: v.enrollments.map((e) => ({
                label: t.insuranceTypes[e.insuranceType],
                value: `${t.statuses[e.status]} ${t.home.paidMonths(e.paidMonths)}${e.arrearsMonths > 0 ? ` ${t.home.arrears(e.arrearsMonths)}` : ''}`,
                flag: e.arrearsMonths > 0,
              })),
            }}
          />
        </>
      )}
    </Show>
  );
}

export function ContributionYearsView({
  kiosk,
  q,
  insuranceType,
  page,
  onPage,
  onYear,
}: ViewProps & { insuranceType: InsuranceType; page: number; onPage(p: number): void; onYear(y: number): void }) {
  const { t } = useI18n();
  const { result, reload } = useAsync(
    () => kiosk.getContributionYears({ insuranceType, page }),
    `${insuranceType}:${page}`,
  );
  const c = q.columns;
  return (
    <Show loaded={result} reload={reload}>
      {(v) => (
        <>
          <p className="cz-hint" data-testid="inquiry-total-all">
            {t.insuranceTypes[v.insuranceType]} ·{' '}
            {q.totalAll(v.paidMonths, v.contributionYears.years, v.contributionYears.months)}
            {v.arrearsMonths > 0 && <strong className="cz-flag"> {q.arrearsFlag(v.arrearsMonths)}</strong>}
            {v.years.length > 0 && ` · ${q.chooseYear}`}
          </p>
          {v.years.length === 0 ? (
            <p className="empty">{q.noRecords}</p>
          ) : (
            <>
              <table className="summary-table cz-table" data-testid="inquiry-years">
                <thead>
                  <tr>
                    <th scope="col">{c.year}</th>
                    <th scope="col" className="num">
                      {c.paidMonths}
                    </th>
                    <th scope="col" className="num">
                      {c.personal}
                    </th>
                    <th scope="col" className="num">
                      {c.employer}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {v.years.map((y) => (
                    <tr key={y.year} className={y.arrearsMonths > 0 ? 'has-arrears' : undefined}>
                      <th scope="row">
                        <button
                          type="button"
                          className="btn btn--secondary cz-row-btn"
                          data-testid={`inquiry-year-${y.year}`}
                          onClick={() => onYear(y.year)}
                        >
                          {q.yearRow(y.year)}
                        </button>
                      </th>
                      <td className="num">
                        {q.months(y.paidMonths)}
                        {y.arrearsMonths > 0 && (
                          <span className="arrears cz-block">{t.home.arrears(y.arrearsMonths)}</span>
                        )}
                      </td>
                      <td className="num">{formatMoney(t, y.personalAmount)}</td>
                      <td className="num">{formatMoney(t, y.employerAmount)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
          <Footer
            kiosk={kiosk}
            paging={{ page: v.pageInfo.page, pageCount: v.pageInfo.pageCount, onPage }}
            page={{
              title: `${q.menu.contributions} ${t.insuranceTypes[v.insuranceType]}`,
              lines: v.years.map((y) => ({
                label: q.yearRow(y.year),
                value: `${q.months(y.paidMonths)} ${formatMoney(t, y.personalAmount)}${y.arrearsMonths > 0 ? ` ${t.home.arrears(y.arrearsMonths)}` : ''}`,
                flag: y.arrearsMonths > 0,
              })),
            }}
          />
        </>
      )}
    </Show>
  );
}

export function ContributionMonthsView({
  kiosk,
  q,
  insuranceType,
  year,
  page,
  onPage,
}: ViewProps & { insuranceType: InsuranceType; year: number; page: number; onPage(p: number): void }) {
  const { t } = useI18n();
  const { result, reload } = useAsync(
    () => kiosk.getContributionMonths({ insuranceType, year, page }),
    `${insuranceType}:${year}:${page}`,
  );
  const c = q.columns;
  return (
    <Show loaded={result} reload={reload}>
      {(v) => (
        <>
          <table className="summary-table cz-table" data-testid="inquiry-months">
            <thead>
              <tr>
                <th scope="col">{c.period}</th>
                <th scope="col" className="num">
                  {c.base}
                </th>
                <th scope="col" className="num">
                  {c.personal}
                </th>
                <th scope="col" className="num">
                  {c.employer}
                </th>
                <th scope="col">{c.state}</th>
              </tr>
            </thead>
            <tbody>
              {v.months.map((m) => (
                <tr key={m.period} className={m.arrears ? 'has-arrears' : undefined} data-testid={`month-${m.period}`}>
                  <th scope="row">{q.period(m.period)}</th>
                  <td className="num">{formatMoney(t, m.base)}</td>
                  <td className="num">{formatMoney(t, m.personalAmount)}</td>
                  <td className="num">{formatMoney(t, m.employerAmount)}</td>
                  <td>{m.arrears ? <span className="arrears">{q.arrears}</span> : q.paid}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr className="cz-total" data-testid="inquiry-year-totals">
                <th scope="row">{q.totals}</th>
                <td className="num">{q.months(v.yearTotals.paidMonths)}</td>
                <td className="num">{formatMoney(t, v.yearTotals.personalAmount)}</td>
                <td className="num">{formatMoney(t, v.yearTotals.employerAmount)}</td>
                <td>
                  {v.yearTotals.arrearsMonths > 0 && (
                    <span className="arrears">{t.home.arrears(v.yearTotals.arrearsMonths)}</span>
                  )}
                </td>
              </tr>
            </tfoot>
          </table>
          <Footer
            kiosk={kiosk}
            paging={{ page: v.pageInfo.page, pageCount: v.pageInfo.pageCount, onPage }}
            page={{
              title: `${t.insuranceTypes[v.insuranceType]} ${q.yearRow(v.year)}`,
              lines: [
                ...v.months.map((m) => ({
                  label: q.period(m.period),
                  value: `${m.arrears ? q.arrears : q.paid} ${formatMoney(t, m.personalAmount)}`,
                  flag: m.arrears,
                })),
                {
                  label: q.totals,
                  value: `${q.months(v.yearTotals.paidMonths)} ${formatMoney(t, v.yearTotals.personalAmount)}`,
                },
              ],
            }}
          />
        </>
      )}
    </Show>
  );
}

/**
 * The years a retiree's payments span, from the newest payment and the count (payments are monthly,
 * newest first): the year jump's choices, so nineteen pages need not be paged through one by one.
 */
function paymentYears(v: PensionPaymentsResponse, page: number): number[] {
  const first = v.payments[0];
  if (!first || v.pageInfo.total === 0) return [];
  const index = (p: string) => Number(p.slice(0, 4)) * 12 + Number(p.slice(4, 6)) - 1;
  const newest = index(first.period) + (page - 1) * v.pageInfo.pageSize;
  const oldest = newest - (v.pageInfo.total - 1);
  const years: number[] = [];
  for (let y = Math.floor(newest / 12); y >= Math.floor(oldest / 12); y--) years.push(y);
  return years;
}

export function PensionView({ kiosk, q, page, onPage }: ViewProps & { page: number; onPage(p: number): void }) {
  const { t } = useI18n();
  const accounts = useAsync(() => kiosk.getAccounts({}), 'accounts');
  // The year jump: null shows every year (paged by the inquiry), a year shows that year's months.
  const [year, setYear] = useState<number | null>(null);
  const [yearPage, setYearPage] = useState(1);
  const [years, setYears] = useState<number[]>([]);
  const { result, reload } = useAsync(
    () => kiosk.getPensionPayments(year === null ? { page } : { page: yearPage, year }),
    `pension:${year ?? 'all'}:${year === null ? page : yearPage}`,
  );
  const account = accounts.result.state === 'ready' ? accounts.result.value.pensionAccount : null;
  // Learnt from the first page shown of all years and kept while a year is shown (state set during
  // render, as React advises for values derived from an earlier render).
  if (year === null && years.length === 0 && result.state === 'ready' && result.value.isRetiree) {
    const learnt = paymentYears(result.value, page);
    if (learnt.length > 0) setYears(learnt);
  }
  const jump = (y: string | null) => {
    setYear(y === null ? null : Number(y));
    setYearPage(1);
  };
  return (
    <>
      {years.length > 1 && (
        <Chips
          label={q.paymentYear}
          testId="inquiry-payment-years"
          options={years.map((y) => ({ value: String(y), label: String(y) }))}
          value={year === null ? null : String(year)}
          onChange={jump}
        />
      )}
      {account && (
        <div className="cz-balance" data-testid="inquiry-pension-account">
          <span className="cz-balance__label">{q.pensionAccount}</span>
          <span className="cz-balance__value">{formatMoney(t, account.balance)}</span>
          <span className="cz-balance__note">{t.home.asOfPeriod(account.asOf)}</span>
        </div>
      )}
      <Show loaded={result} reload={reload}>
        {(v) => (
          <>
            {!v.isRetiree ? (
              <p className="empty">{q.notRetiree}</p>
            ) : v.payments.length === 0 ? (
              <p className="empty">{q.noPayments}</p>
            ) : (
              <table className="summary-table cz-table" data-testid="inquiry-payments">
                <thead>
                  <tr>
                    <th scope="col">{q.columns.period}</th>
                    <th scope="col">{q.columns.paidOn}</th>
                    <th scope="col" className="num">
                      {q.columns.amount}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {v.payments.map((p) => (
                    <tr key={p.period}>
                      <th scope="row">{q.period(p.period)}</th>
                      <td>{p.paidOn}</td>
                      <td className="num">{formatMoney(t, p.amount)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {v.yearTotals.map((y) => (
              <p key={y.year} className="cz-hint">
                {q.yearTotal(y.year, y.months, formatMoney(t, y.amount))}
              </p>
            ))}
            <Footer
              kiosk={kiosk}
              paging={{
                page: v.pageInfo.page,
                pageCount: v.pageInfo.pageCount,
                onPage: year === null ? onPage : setYearPage,
              }}
              page={{
                title: q.menu.pension,
                lines: [
                  ...(account ? [{ label: q.pensionAccount, value: formatMoney(t, account.balance) }] : []),
                  ...v.payments.map((p) => ({ label: q.period(p.period), value: formatMoney(t, p.amount) })),
                ],
              }}
            />
          </>
        )}
      </Show>
    </>
  );
}

export function MedicalView({ kiosk, q, page, onPage }: ViewProps & { page: number; onPage(p: number): void }) {
  const { t } = useI18n();
  const { result, reload } = useAsync(() => kiosk.getMedicalTransactions({ page }), `medical:${page}`);
  return (
    <Show loaded={result} reload={reload}>
      {(v) => (
        <>
          {v.account && (
            <div className="cz-balance" data-testid="inquiry-medical-account">
              <span className="cz-balance__label">{q.medicalAccount}</span>
              <span className="cz-balance__value">{formatMoney(t, v.account.balance)}</span>
              <span className="cz-balance__note">{t.home.asOfDate(v.account.asOf)}</span>
            </div>
          )}
          {v.transactions.length > 0 && q.recordsInChinese && (
            <p className="cz-hint" data-testid="records-in-chinese" lang="en">
              {q.recordsInChinese}
            </p>
          )}
          {v.transactions.length === 0 ? (
            <p className="empty">{q.noTransactions}</p>
          ) : (
            <table className="summary-table cz-table" data-testid="inquiry-transactions">
              <thead>
                <tr>
                  <th scope="col">{q.columns.date}</th>
                  <th scope="col">{q.columns.what}</th>
                  <th scope="col" className="num">
                    {q.columns.amount}
                  </th>
                  <th scope="col" className="num">
                    {q.columns.balanceAfter}
                  </th>
                </tr>
              </thead>
              <tbody>
                {v.transactions.map((x, i) => (
                  <tr key={`${x.occurredAt}-${i}`}>
                    <th scope="row" className="nowrap">
                      {x.occurredAt.slice(0, 10)}
                    </th>
                    <td>{x.description}</td>
                    <td className="num">
                      {x.kind === 'credit' ? q.credit : q.debit} {formatMoney(t, Math.abs(x.amount))}
                    </td>
                    <td className="num">{formatMoney(t, x.balanceAfter)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <Footer
            kiosk={kiosk}
            paging={{ page: v.pageInfo.page, pageCount: v.pageInfo.pageCount, onPage }}
            page={{
              title: q.menu.medical,
              lines: [
                ...(v.account ? [{ label: q.medicalAccount, value: formatMoney(t, v.account.balance) }] : []),
                ...v.transactions.map((x) => ({
                  label: x.occurredAt.slice(0, 10),
                  value: `${x.kind === 'credit' ? q.credit : q.debit} ${formatMoney(t, Math.abs(x.amount))}`,
                })),
              ],
            }}
          />
        </>
      )}
    </Show>
  );
}
