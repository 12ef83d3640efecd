import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KioskError } from '../../contracts';
import { HostEvents } from '../../host/events';
import { SessionManager } from '../../host/session/session-manager';
import { FakeHall, LI, ZHANG } from './fakes';

process.env.KIOSK_LOG = 'silent';

function setup(timeoutMs = 60_000) {
  const hall = new FakeHall();
  const events = new HostEvents();
  const seen: Array<{ event: string; payload: unknown }> = [];
  events.on((event, payload) => seen.push({ event, payload }));
  const sessions = new SessionManager({ hall, events, timeoutMs });
  return { hall, events, seen, sessions };
}

describe('SessionManager', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('opens a session from a card and shows only the masked ID number', async () => {
    const { sessions, seen, hall } = setup();
    await sessions.openFromIdCard(ZHANG);
    expect(hall.opened).toEqual([{ identifiedBy: 'idCard', ...ZHANG }]);
    const view = sessions.view();
    expect(view?.person.name).toBe('张建国');
    expect(view?.person.maskedIdNumber).toBe('1101**********0016');
    expect(JSON.stringify(seen)).not.toContain(ZHANG.idNumber);
    expect(seen).toEqual([{ event: 'sessionChanged', payload: { session: view, endReason: null } }]);
  });

  it('does not reopen for the same card staying in the field', async () => {
    const { sessions, hall } = setup();
    await sessions.openFromIdCard(ZHANG);
    await sessions.openFromIdCard(ZHANG);
    expect(hall.opened).toHaveLength(1);
  });

  it('card out ends the session, wipes it and closes it on the server', async () => {
    const { sessions, seen, hall } = setup();
    await sessions.openFromIdCard(ZHANG);
    sessions.cardRemoved();
    expect(sessions.view()).toBeNull();
    expect(seen.at(-1)).toEqual({ event: 'sessionChanged', payload: { session: null, endReason: 'cardRemoved' } });
    await vi.runAllTimersAsync();
    expect(hall.closed).toHaveLength(1);
    expect(() => sessions.requireSessionId()).toThrow(KioskError);
  });

  it('ends after the inactivity timeout, and a touch restarts the countdown', async () => {
    const { sessions, seen } = setup(60_000);
    await sessions.openFromIdCard(ZHANG);
    await vi.advanceTimersByTimeAsync(50_000);
    expect(sessions.view()?.expiresInMs).toBe(10_000);
    sessions.touch();
    await vi.advanceTimersByTimeAsync(50_000);
    expect(sessions.view()).not.toBeNull();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(sessions.view()).toBeNull();
    expect(seen.filter((e) => e.event === 'sessionChanged').at(-1)?.payload).toEqual({
      session: null,
      endReason: 'timeout',
    });
  });

  it('a card pulled while the server answers leaves no session and closes the one the server opened', async () => {
    const { sessions, seen, hall } = setup();
    hall.holdOpen();
    const opening = sessions.openFromIdCard(ZHANG);
    sessions.cardRemoved();
    hall.release();
    await opening;
    await vi.runAllTimersAsync();
    expect(sessions.view()).toBeNull();
    expect(seen.filter((s) => s.event === 'sessionChanged')).toEqual([]);
    expect(hall.closed).toHaveLength(1);
  });

  it('a second card replaces the first person entirely', async () => {
    const { sessions, seen } = setup();
    await sessions.openFromIdCard(ZHANG);
    await sessions.openFromIdCard(LI);
    expect(sessions.view()?.person.name).toBe('李秀英');
    expect(seen.map((s) => (s.payload as { endReason: string | null }).endReason)).toEqual([null, 'cardRemoved', null]);
  });

  it('a person unknown to the server is a card problem, not a session', async () => {
    const { sessions, seen, hall } = setup();
    hall.failWith = new KioskError('personNotFound');
    await sessions.openFromIdCard(ZHANG);
    expect(sessions.view()).toBeNull();
    expect(seen).toEqual([{ event: 'cardProblem', payload: { code: 'personNotFound' } }]);
  });

  it('the network down is said as such', async () => {
    const { sessions, seen, hall } = setup();
    hall.failWith = new KioskError('serverUnreachable');
    await sessions.openFromIdCard(ZHANG);
    expect(seen).toEqual([{ event: 'cardProblem', payload: { code: 'serverUnreachable' } }]);
  });
});

describe('SessionManager with e-card codes', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  // The fake hall reads the holder from the payload; the signature is the server's business.
  const code = (idNumber: string, name: string, sig = 'A') => {
    const payload = Buffer.from(
      JSON.stringify({ idNumber, name, issuedAt: '2026-01-01T00:00:00Z', expiresAt: '2026-01-01T00:01:00Z' }),
    ).toString('base64url');
    const signedPart = `ESSC1.${payload}`;
    return { text: `${signedPart}.${sig.repeat(86)}`, signedPart };
  };

  it('opens with the code, ignores a second scan of it, and is not ended by a card-out', async () => {
    const { sessions, hall } = setup();
    const c = code(ZHANG.idNumber, ZHANG.name);
    await sessions.openFromECard(c);
    await sessions.openFromECard(c);
    expect(hall.opened).toEqual([{ identifiedBy: 'eSsCard', code: c.text }]);
    sessions.cardRemoved();
    expect(sessions.view()).toMatchObject({ identifiedBy: 'eSsCard', person: { name: ZHANG.name } });
    sessions.end('exit');
    expect(sessions.view()).toBeNull();
  });

  it("another person's code replaces the session", async () => {
    const { sessions, seen } = setup();
    await sessions.openFromECard(code(ZHANG.idNumber, ZHANG.name));
    await sessions.openFromECard(code(LI.idNumber, LI.name));
    expect(sessions.view()?.person.name).toBe(LI.name);
    expect(seen.map((s) => (s.payload as { endReason: string | null }).endReason)).toEqual([null, 'cardRemoved', null]);
  });

  it('ends by timeout like any session', async () => {
    const { sessions, seen } = setup(1000);
    await sessions.openFromECard(code(ZHANG.idNumber, ZHANG.name));
    vi.advanceTimersByTime(1001);
    expect(seen.filter((e) => e.event === 'sessionChanged').at(-1)).toEqual({
      event: 'sessionChanged',
      payload: { session: null, endReason: 'timeout' },
    });
  });

  it.each([
    ['cardInvalid', 'eCardInvalid'],
    ['invalidRequest', 'eCardInvalid'],
    ['eCardExpired', 'eCardExpired'],
    ['personNotFound', 'personNotFound'],
    ['serverUnreachable', 'serverUnreachable'],
  ] as const)('maps the server error %s to the card problem %s', async (serverCode, problem) => {
    const { sessions, seen, hall } = setup();
    hall.failWith = new KioskError(serverCode);
    await sessions.openFromECard(code(ZHANG.idNumber, ZHANG.name));
    expect(seen).toEqual([{ event: 'cardProblem', payload: { code: problem } }]);
    expect(sessions.view()).toBeNull();
  });
});
