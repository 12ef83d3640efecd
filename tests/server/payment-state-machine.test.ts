// The order state machine: the edges the ledger may take, and every other one refused.
import { describe, expect, it } from 'vitest';
import { paymentStates } from '../../contracts/payment';
import { type PaymentEvent, isFinal, isInFlight, statesAllowing, transition } from '../../server/payment/state-machine';

const events: PaymentEvent[] = ['start', 'paid', 'fail', 'reverse', 'post', 'refund', 'refunded', 'qrRefused'];

describe('payment order state machine', () => {
  it('allows exactly created → paying → paid | failed | reversed, paying → created (QR refused), paid → posted → refunding → refunded', () => {
    const allowed = paymentStates
      .flatMap((s) => events.map((e) => [s, e, transition(s, e)] as const))
      .filter(([, , to]) => to);
    expect(allowed).toEqual([
      ['created', 'start', 'paying'],
      ['created', 'fail', 'failed'],
      ['paying', 'paid', 'paid'],
      ['paying', 'fail', 'failed'],
      ['paying', 'reverse', 'reversed'],
      ['paying', 'qrRefused', 'created'],
      ['paid', 'post', 'posted'],
      ['posted', 'refund', 'refunding'],
      ['refunding', 'refunded', 'refunded'],
    ]);
  });

  it('never leaves failed, reversed or refunded, and never un-posts but by a refund', () => {
    for (const s of ['failed', 'reversed', 'refunded'] as const)
      for (const e of events) expect(transition(s, e)).toBeNull();
    expect(transition('posted', 'fail')).toBeNull();
    expect(transition('posted', 'reverse')).toBeNull();
    expect(transition('paid', 'fail')).toBeNull();
    // A refund under way only ends refunded (the channel's word), never back to posted or failed.
    expect(transition('refunding', 'fail')).toBeNull();
    expect(transition('refunding', 'post')).toBeNull();
  });

  it('a created order cannot be paid or reversed without passing paying (the channel is called only from paying)', () => {
    expect(transition('created', 'paid')).toBeNull();
    expect(transition('created', 'reverse')).toBeNull();
    expect(statesAllowing('paid')).toEqual(['paying']);
    expect(statesAllowing('post')).toEqual(['paid']);
  });

  it('says which states are final for the kiosk and which the sweep must finish', () => {
    expect(paymentStates.filter(isFinal)).toEqual(['failed', 'reversed', 'posted', 'refunding', 'refunded']);
    expect(paymentStates.filter(isInFlight)).toEqual(['paying', 'paid', 'refunding']);
  });
});
