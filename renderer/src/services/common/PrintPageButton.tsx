/** "打印本页": the screen's lines as a receipt on the thermal printer, with what happened in words. */
import { useState } from 'react';
import type { KioskApi, PageReceipt } from '../../../../contracts';
import { HotlineNotice } from '../../components/HotlineNotice';
import { useCommonTexts } from './parts';

type PrintState = 'idle' | 'printing' | 'printed' | 'failed';

export function PrintPageButton({ kiosk, page }: { kiosk: KioskApi; page: PageReceipt | null }) {
  const c = useCommonTexts();
  const [state, setState] = useState<PrintState>('idle');
  const print = () => {
    if (!page || state === 'printing') return;
    setState('printing');
    kiosk.printPageReceipt({ page }).then(
      () => setState('printed'),
      () => setState('failed'),
    );
  };
  return (
    <div className="cz-print-page">
      <button
        type="button"
        className="btn btn--primary"
        data-testid="cz-print-page"
        disabled={!page || state === 'printing'}
        onClick={print}
      >
        {state === 'printing' ? c.printing : c.printPage}
      </button>
      {state === 'printed' && (
        <p className="cz-print-page__note" role="status" data-testid="cz-print-page-done">
          {c.printed}
        </p>
      )}
      {state === 'failed' && (
        <div role="alert" data-testid="cz-print-page-failed">
          <p className="cz-print-page__note cz-print-page__note--bad">{c.printFailed}</p>
          <HotlineNotice />
        </div>
      )}
    </div>
  );
}
