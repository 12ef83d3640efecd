/** The card still lying in its reader after 退出 or a timeout, as the host reports it (null: none). */
import { useCallback, useEffect, useState } from 'react';
import type { CardLeft, KioskApi } from '../../../contracts';

export type CardLeftKind = CardLeft['card'];

/** Follows the host's `cardLeft` events; `resume` opens a session again from that card. */
export function useCardLeft(kiosk: KioskApi): { card: CardLeftKind; resume(): void } {
  const [card, setCard] = useState<CardLeftKind>(null);
  useEffect(() => {
    let live = true;
    const off = kiosk.on('cardLeft', (payload) => setCard(payload.card));
    // Hosts older than this method have no card-left notion: nothing to remind of then.
    if (typeof kiosk.getCardLeft === 'function')
      kiosk.getCardLeft({}).then(
        (payload) => live && setCard(payload.card),
        () => undefined,
      );
    return () => {
      live = false;
      off();
    };
  }, [kiosk]);
  const resume = useCallback(() => {
    kiosk.resumeWithCardLeft({}).catch((e: unknown) => console.warn('kiosk: resumeWithCardLeft failed', e));
  }, [kiosk]);
  return { card, resume };
}
