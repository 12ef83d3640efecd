/**
 * The person's home: greeting with the masked ID number, a headline when anything is owed (去缴费 for
 * what can be paid here, the employer or a window for the rest), key figures, and one row per enrollment.
 */
import type { ReactNode } from 'react';
import type { IdentifiedBy, InsuranceSummary, PersonView } from '../../../contracts';
import { formatContributionYears, formatMoney } from '../format/money';
import { useI18n } from '../i18n';
import { SummaryTable } from './SummaryTable';
import { arrearsGroups } from './arrears';
import './HomeScreen.css';

/** `card`: what opened the session, named in "take your card" (an e-card session has none to take). */
export function HomeScreen({
  person,
  summary,
  card,
  onPay = null,
  children,
}: {
  person: PersonView;
  summary: InsuranceSummary;
  card: IdentifiedBy;
  /** Opens the 缴费 service from the arrears headline; null when it cannot be used here now. */
  onPay?: (() => void) | null;
  /** The service tiles, between the key figures and the enrollments. */
  children?: ReactNode;
}) {
  const { t } = useI18n();
  const owed = arrearsGroups(t, summary);
  const h = t.home.arrearsHeadline;
  return (
    <main className="screen screen--home" data-testid="screen-home">
      <div className="home__top">
        <div className="home__who">
          <h1 className="greeting">
            {t.home.greeting.before}
            <span data-testid="person-name">{person.name}</span>
            {t.home.greeting.after}
          </h1>
          <p className="person-id">
            {t.home.idNumber} <span data-testid="person-id">{person.maskedIdNumber}</span>
          </p>
        </div>
        <p className="home__done" data-testid="home-done">
          {t.home.done[card]}
        </p>
      </div>
      {owed.length > 0 && (
        <section className="arrears-headline" role="alert" data-testid="arrears-headline">
          {owed.map((group) => (
            <div key={group.payer} className="arrears-headline__group" data-testid={`arrears-${group.payer}`}>
              <div className="arrears-headline__text">
                <h2 className="arrears-headline__title">
                  {group.payer === 'employer' ? h.employerTitle(group.items) : h.title(group.items)}
                </h2>
                <p className="arrears-headline__how">
                  {group.payer === 'employer'
                    ? h.employerHow(group.employers)
                    : group.payer === 'here' && onPay
                      ? h.howHere
                      : h.howWindow}
                </p>
              </div>
              {group.payer === 'here' && onPay && (
                <button type="button" className="btn btn--primary btn--large" data-testid="arrears-pay" onClick={onPay}>
                  {h.pay}
                </button>
              )}
            </div>
          ))}
        </section>
      )}
      <dl className="figures">
        <Figure
          label={t.home.contributionYears}
          value={formatContributionYears(t, summary.pensionPaidMonths)}
          testId="contribution-years"
        />
        {summary.pensionAccount && (
          <Figure
            label={t.home.pensionAccount}
            value={formatMoney(t, summary.pensionAccount.balance)}
            note={t.home.asOfPeriod(summary.pensionAccount.asOf)}
            testId="pension-account"
          />
        )}
        {summary.medicalAccount && (
          <Figure
            label={t.home.medicalAccount}
            value={formatMoney(t, summary.medicalAccount.balance)}
            note={t.home.asOfDate(summary.medicalAccount.asOf)}
            testId="medical-account"
          />
        )}
        {person.isRetiree && summary.monthlyPension !== null && (
          <Figure
            label={t.home.monthlyPension}
            value={formatMoney(t, summary.monthlyPension)}
            testId="monthly-pension"
          />
        )}
      </dl>
      {children}
      <section className="home__table" aria-labelledby="summary-heading">
        <h2 id="summary-heading" className="section-heading">
          {t.home.summaryHeading}
        </h2>
        {summary.enrollments.length === 0 ? (
          <p className="empty">{t.home.noEnrollments}</p>
        ) : (
          <SummaryTable enrollments={summary.enrollments} />
        )}
      </section>
    </main>
  );
}

function Figure({ label, value, note, testId }: { label: string; value: string; note?: string; testId: string }) {
  return (
    <div className="figure" data-testid={testId}>
      <dt className="figure__label">{label}</dt>
      <dd className="figure__value">{value}</dd>
      {note && <dd className="figure__note">{note}</dd>}
    </div>
  );
}
