/** One row per enrollment: insurance type, status, start, region / employer, paid months. */
import type { EnrollmentSummary } from '../../../contracts';
import { useI18n } from '../i18n';
import './SummaryTable.css';

export function SummaryTable({ enrollments }: { enrollments: EnrollmentSummary[] }) {
  const { t } = useI18n();
  const c = t.home.columns;
  return (
    <table className="summary-table" data-testid="summary-table">
      <thead>
        <tr>
          <th scope="col">{c.insuranceType}</th>
          <th scope="col">{c.status}</th>
          <th scope="col">{c.startDate}</th>
          <th scope="col">{c.place}</th>
          <th scope="col" className="num">
            {c.paidMonths}
          </th>
        </tr>
      </thead>
      <tbody>
        {enrollments.map((e) => (
          <tr key={`${e.insuranceType}-${e.startDate}`} data-testid={`enrollment-${e.insuranceType}`}>
            <th scope="row" data-label={c.insuranceType}>
              {t.insuranceTypes[e.insuranceType]}
            </th>
            <td data-label={c.status} className="cell--status">
              <div className="status-cell">
                <span className={`status status--${e.status}`}>{t.statuses[e.status]}</span>
                {e.arrearsMonths > 0 && <span className="arrears">{t.home.arrears(e.arrearsMonths)}</span>}
              </div>
            </td>
            <td data-label={c.startDate} className="nowrap cell--start">
              {t.home.startDate(e.startDate)}
            </td>
            <td data-label={c.place} className="cell--place">
              <span className="place__region">{e.region}</span>
              {e.employerName && <span className="place__employer">{e.employerName}</span>}
            </td>
            <td data-label={c.paidMonths} className="num cell--months">
              {t.home.paidMonths(e.paidMonths)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
