/**
 * The certification's last screen when the face check cannot be done here (attempts used up, no
 * enrolled face, no camera): one message, then the ways on — a window ticket taken right here (the
 * queue service's own screen), how to ask for a home visit (上门认证), and 12333.
 */
import { useState } from 'react';
import { HotlineNotice } from '../../components/HotlineNotice';
import { QueueService } from '../queue/QueueService';
import type { ServiceProps } from '../registry';
import type { CertificationTexts } from './texts';
import './way-out.css';

export function WayOut({
  title,
  message,
  t,
  props,
  testId,
}: {
  title: string | null;
  message: string;
  t: CertificationTexts;
  /** The service's props, handed on to the ticket screen. */
  props: ServiceProps;
  testId: string;
}) {
  const [ticket, setTicket] = useState(false);
  if (ticket) return <QueueService {...props} />;
  return (
    <div className="cert-way-out" data-testid={testId}>
      {title && <h2 className="cert__title">{title}</h2>}
      <p className="cert__lead" data-testid="cert-way-out-message">
        {message}
      </p>
      <div className="cert-way-out__ways">
        <section className="cert-way-out__way" data-testid="cert-way-out-ticket">
          <h3 className="cert-way-out__heading">{t.wayOut.ticketHeading}</h3>
          <p className="cert__note">{t.wayOut.ticket}</p>
          <button
            type="button"
            className="btn btn--primary btn--huge"
            data-testid="cert-take-ticket"
            onClick={() => setTicket(true)}
          >
            {t.wayOut.ticketButton}
          </button>
        </section>
        <section className="cert-way-out__way" data-testid="cert-way-out-home-visit">
          <h3 className="cert-way-out__heading">{t.wayOut.homeVisitHeading}</h3>
          <p className="cert__note">{t.wayOut.homeVisitHow}</p>
        </section>
      </div>
      <HotlineNotice />
    </div>
  );
}
