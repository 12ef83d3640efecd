/** The server's order: one line per contribution (whose, which year, the amount) and the server's total. */
import { formatFen, type PaymentOrder } from '../../../../contracts';
import type { PaymentTexts } from './texts';

export function OrderLines({ order, x }: { order: PaymentOrder; x: PaymentTexts }) {
  return (
    <div className="pay-lines" data-testid="payment-lines">
      <ul>
        {order.items.map((item, i) => (
          <li key={i} className="pay-line">
            <span className="pay-line__what">
              {x.types[item.insuranceType] ?? item.insuranceType}
              {item.kind === 'arrears' && <span className="pay-line__tag">{x.arrearsTag}</span>}
              <span className="pay-line__who">
                {item.year !== null ? x.yearLabel(item.year) : `${item.from}-${item.to}`} ·{' '}
                {item.beneficiary.maskedName} {item.beneficiary.maskedIdNumber}
              </span>
            </span>
            <span className="pay-line__amount">{x.yuan(formatFen(item.amount))}</span>
          </li>
        ))}
      </ul>
      <p className="pay-total">
        <span>{x.total}</span>
        <strong data-testid="payment-total">{x.yuan(formatFen(order.amount))}</strong>
      </p>
    </div>
  );
}
