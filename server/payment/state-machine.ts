/**
 * The payment order's state machine, pure. The ledger stores the state and moves it only along these
 * edges, each as a conditional UPDATE from the expected state, so the order is never inferred from
 * the channel and two writers cannot both move it.
 *
 *   created ──start──▶ paying ──paid──▶ paid ──post──▶ posted ──refund──▶ refunding ──refunded──▶ refunded
 *      │                 │ └──fail──▶ failed
 *      └──fail──▶ failed └──reverse──▶ reversed
 *      ▲                 │
 *      └───qrRefused─────┘  (the channel refused to make the QR: nothing exists there, the order stays open)
 *
 * `paying` is written BEFORE the channel is called, so a created order never has money at the channel
 * (a crash before the call leaves nothing to find) and only the one caller that moved it to `paying`
 * calls the channel: a hundred taps of one order are one charge. Likewise `refunding` is written before
 * the channel is asked to refund, so a crash after the channel refunded is found and finished by the
 * sweep (it asks the channel), never left `posted` with the money gone.
 */
import type { PaymentState } from '../../contracts/payment';

export type PaymentEvent = 'start' | 'paid' | 'fail' | 'reverse' | 'post' | 'refund' | 'refunded' | 'qrRefused';

const edges: Record<PaymentState, Partial<Record<PaymentEvent, PaymentState>>> = {
  created: { start: 'paying', fail: 'failed' },
  paying: { paid: 'paid', fail: 'failed', reverse: 'reversed', qrRefused: 'created' },
  paid: { post: 'posted' },
  posted: { refund: 'refunding' },
  refunding: { refunded: 'refunded' },
  failed: {},
  reversed: {},
  refunded: {},
};

/** The state an event leads to, or null when the event does not apply in that state. */
export function transition(state: PaymentState, event: PaymentEvent): PaymentState | null {
  return edges[state][event] ?? null;
}

/** The states an event may start from (for the conditional UPDATE's `WHERE state IN (...)`). */
export function statesAllowing(event: PaymentEvent): PaymentState[] {
  return (Object.keys(edges) as PaymentState[]).filter((s) => edges[s][event] !== undefined);
}

/** States the kiosk need not follow any more. */
export function isFinal(state: PaymentState): boolean {
  // refunding: the kiosk's payment ended long ago (posted); staff and the sweep finish the refund.
  return (
    state === 'failed' || state === 'reversed' || state === 'posted' || state === 'refunding' || state === 'refunded'
  );
}

/** States in which money may be at the channel and the ledger must still find out (the recovery sweep's work). */
export function isInFlight(state: PaymentState): boolean {
  return state === 'paying' || state === 'paid' || state === 'refunding';
}
