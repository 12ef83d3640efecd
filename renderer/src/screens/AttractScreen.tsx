/** No session: ask for the ID card, or say plainly why this kiosk cannot take one now. */
import { useEffect, useState, type ReactNode } from 'react';
import type { SessionEndReason } from '../../../contracts';
import { CardIllustration } from '../components/CardIllustration';
import { HotlineNotice } from '../components/HotlineNotice';
import { useI18n } from '../i18n';
import './AttractScreen.css';
import { attractHeading, type CardWays } from './card-ways';
import './card-left.css';

/** How long "您已退出…" stays up for the person who just left (the next person need not see it). */
const END_NOTICE_MS = 20_000;

export type AttractProblem = 'readerFailed' | 'serverUnreachable' | null;

const ALL_WAYS: CardWays = { idCard: true, ssCard: true, eCard: true };

export function AttractScreen({
  problem,
  ways = ALL_WAYS,
  endReason,
  notices = [],
  awaiting = null,
  onCancelAwaiting,
  cardLeft = null,
  onUseCardLeft,
  children,
}: {
  problem: AttractProblem;
  /** Which card readers work: with the ID card reader down, the screen asks for what still works. */
  ways?: CardWays;
  endReason: SessionEndReason | null;
  /** Services paused by a failed device, in plain words (see device-notices.ts). */
  notices?: string[];
  /** The title of a service chosen before the card: the screen asks for the card to open it. */
  awaiting?: string | null;
  onCancelAwaiting?(): void;
  /** A card left in the reader after 退出 or a timeout: remind the person, and let a tap use it. */
  cardLeft?: 'idCard' | 'ssCard' | null;
  onUseCardLeft?(): void;
  /** The service tiles, under the card prompt. */
  children?: ReactNode;
}) {
  const { t } = useI18n();
  const [showEnd, setShowEnd] = useState(endReason !== null);
  useEffect(() => {
    const timer = setTimeout(() => setShowEnd(false), END_NOTICE_MS);
    return () => clearTimeout(timer);
  }, []);
  return (
    <main className="screen screen--attract" data-testid="screen-attract">
      {showEnd && endReason && (
        <p className="notice notice--info" role="status">
          {t.attract.ended[endReason]}
        </p>
      )}
      {cardLeft && !awaiting && (
        <section className="card-left" role="alert" data-testid="card-left">
          <p className="card-left__take">{t.attract.cardLeft.take[cardLeft]}</p>
          <button
            type="button"
            className="btn btn--primary btn--large"
            data-testid="card-left-use"
            onClick={onUseCardLeft}
          >
            {t.attract.cardLeft.use[cardLeft]}
          </button>
        </section>
      )}
      {notices.length > 0 && (
        <section className="device-notices" aria-label={t.attract.deviceNotices.label} data-testid="device-notices">
          {/* A live region around the list (not on it: role="status" on a <ul> would hide its items' list role). */}
          <div role="status">
            <ul>
              {notices.map((notice) => (
                <li key={notice} className="notice notice--warning">
                  {notice}
                </li>
              ))}
            </ul>
          </div>
        </section>
      )}
      <div className="attract">
        <CardIllustration disabled={problem !== null} />
        <div className="attract__text">
          {problem === null && awaiting ? (
            <>
              <h1 className="attract__heading" data-testid="attract-awaiting">
                {t.services.awaiting(awaiting)}
              </h1>
              <button
                type="button"
                className="btn btn--secondary btn--large"
                data-testid="awaiting-cancel"
                onClick={onCancelAwaiting}
              >
                {t.services.back}
              </button>
            </>
          ) : problem === null && !ways.idCard ? (
            <>
              <h1 className="attract__heading" data-testid="attract-heading">
                {attractHeading(t, ways)}
              </h1>
              <p className="attract__hint" data-testid="attract-still-works">
                {t.attract.withoutIdCard.stillWorks(ways.ssCard, ways.eCard)}
              </p>
              <HotlineNotice />
            </>
          ) : problem === null ? (
            <>
              <h1 className="attract__heading" data-testid="attract-heading">
                {t.attract.heading}
              </h1>
              <p className="attract__hint">{t.attract.hint}</p>
              <p className="attract__hint" data-testid="attract-ecard-hint">
                {t.attract.eCardHint}
              </p>
            </>
          ) : (
            <>
              <h1 className="attract__heading attract__heading--problem">{t.attract[problem]}</h1>
              <HotlineNotice />
            </>
          )}
        </div>
      </div>
      {children}
    </main>
  );
}
