// A card left in its reader after 退出 or a timeout: the host says so (never the card's fields), a tap
// opens the next session from it, and taking the card forgets it.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KioskError } from '../../contracts';
import { HostEvents } from '../../host/events';
import { SessionManager } from '../../host/session/session-manager';
import { FakeHall, ZHANG } from './fakes';

process.env.KIOSK_LOG = 'silent';

function setup(timeoutMs = 60_000) {
  const hall = new FakeHall();
  const events = new HostEvents();
  const seen: Array<{ event: string; payload: unknown }> = [];
  events.on((event, payload) => seen.push({ event, payload }));
  const sessions = new SessionManager({ hall, events, timeoutMs });
  return { hall, seen, sessions };
}
const cardLeftEvents = (seen: Array<{ event: string; payload: unknown }>) =>
  seen.filter((e) => e.event === 'cardLeft').map((e) => e.payload);

describe('a card left in the reader', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('after 退出 the host reports the social security card still there, and a tap reopens from it', async () => {
    const { sessions, seen, hall } = setup();
    await sessions.openFromSsCard(ZHANG);
    sessions.end('exit');
    expect(sessions.view()).toBeNull();
    expect(cardLeftEvents(seen)).toEqual([{ card: 'ssCard' }]);
    expect(sessions.cardLeft()).toEqual({ card: 'ssCard' });
    // Nothing personal leaves the host with it.
    expect(JSON.stringify(cardLeftEvents(seen))).not.toContain(ZHANG.idNumber);

    await sessions.resumeWithCardLeft();
    expect(hall.opened).toEqual([
      { identifiedBy: 'ssCard', ...ZHANG },
      { identifiedBy: 'ssCard', ...ZHANG },
    ]);
    expect(sessions.view()?.identifiedBy).toBe('ssCard');
    expect(sessions.cardLeft()).toEqual({ card: null });
    expect(cardLeftEvents(seen)).toEqual([{ card: 'ssCard' }, { card: null }]);
  });

  it('a timeout leaves the ID card reported too; pulling it forgets the card', async () => {
    const { sessions, seen } = setup(60_000);
    await sessions.openFromIdCard(ZHANG);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(cardLeftEvents(seen)).toEqual([{ card: 'idCard' }]);
    sessions.cardRemoved();
    expect(sessions.cardLeft()).toEqual({ card: null });
    expect(cardLeftEvents(seen)).toEqual([{ card: 'idCard' }, { card: null }]);
    await expect(sessions.resumeWithCardLeft()).rejects.toBeInstanceOf(KioskError);
  });

  it('card out and e-card sessions leave nothing to remind of', async () => {
    const { sessions, seen } = setup();
    await sessions.openFromIdCard(ZHANG);
    sessions.cardRemoved();
    await sessions.openFromECard({ text: 'ESSC1.x.y', signedPart: 'x' });
    sessions.end('exit');
    expect(cardLeftEvents(seen)).toEqual([]);
    expect(sessions.cardLeft()).toEqual({ card: null });
  });
});
