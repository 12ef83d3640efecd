import { describe, expect, it } from 'vitest';
import {
  CARD_PROBLEM_RETURN_MS,
  initialKioskState,
  kioskReducer,
  sessionOf,
  type KioskAction,
  type KioskState,
} from '../../renderer/src/state/machine';
import { closedStatus, okStatus, otherPerson, sessionView, summary } from './fixtures';

const run = (...actions: KioskAction[]): KioskState => actions.reduce(kioskReducer, initialKioskState);
const booted = (session = null as ReturnType<typeof sessionView> | null): KioskAction => ({
  type: 'booted',
  terminal: okStatus,
  session,
  now: 1_000,
});
const opened = (now = 2_000, view = sessionView()): KioskAction => ({
  type: 'sessionChanged',
  session: view,
  endReason: null,
  now,
});
const atHome = (): KioskState => run(booted(), opened(), { type: 'summaryLoaded', seq: 1, summary });

/** Nothing about the person survives anywhere in the state. */
function expectNoPersonData(state: KioskState) {
  const json = JSON.stringify(state);
  expect(json).not.toContain('王秀英');
  expect(json).not.toContain('2326');
  expect(json).not.toContain('8765432');
  expect(json).not.toContain('北京第二机床厂');
}

describe('start-up', () => {
  it('starts loading with no terminal, session or person', () => {
    expect(initialKioskState.phase).toEqual({ name: 'loading', session: null });
    expect(initialKioskState.terminal).toBeNull();
  });

  it('goes to attract when no session is open', () => {
    const s = run(booted());
    expect(s.phase).toEqual({ name: 'attract', lastEndReason: null, awaiting: null });
    expect(s.terminal).toEqual(okStatus);
  });

  it('picks up a session that was already open and loads its summary', () => {
    const s = run(booted(sessionView()));
    expect(s.phase.name).toBe('loading');
    expect(sessionOf(s.phase)?.seq).toBe(1);
  });

  it('goes out of service when the terminal is closed', () => {
    expect(run({ type: 'booted', terminal: closedStatus, session: null, now: 0 }).phase.name).toBe('outOfService');
  });

  it('shows an error when the host cannot be reached, and recovers on a later start', () => {
    const failed = run({ type: 'bootFailed', code: 'serverUnreachable' });
    expect(failed.phase).toEqual({ name: 'error', code: 'serverUnreachable', session: null, returnAt: null });
    expect(kioskReducer(failed, booted()).phase.name).toBe('attract');
  });
});

describe('session', () => {
  it('opens: loading with the session, then home with the summary', () => {
    const loading = run(booted(), opened());
    expect(loading.phase).toMatchObject({ name: 'loading', session: { seq: 1, receivedAt: 2_000 } });
    const home = kioskReducer(loading, { type: 'summaryLoaded', seq: 1, summary });
    expect(home.phase).toMatchObject({ name: 'home', summary });
  });

  it('drops a summary that arrives after its session ended or for an older session', () => {
    const ended = run(booted(), opened(), { type: 'sessionChanged', session: null, endReason: 'cardRemoved', now: 3 });
    expect(kioskReducer(ended, { type: 'summaryLoaded', seq: 1, summary })).toBe(ended);
    const next = kioskReducer(ended, opened(4_000, otherPerson));
    expect(sessionOf(next.phase)?.seq).toBe(2);
    expect(kioskReducer(next, { type: 'summaryLoaded', seq: 1, summary })).toBe(next);
    expect(kioskReducer(next, { type: 'summaryFailed', seq: 1, code: 'internal' })).toBe(next);
  });

  it('a summary failure shows an error and keeps the session so it can be ended', () => {
    const s = run(booted(), opened(), { type: 'summaryFailed', seq: 1, code: 'serverUnreachable' });
    expect(s.phase).toMatchObject({ name: 'error', code: 'serverUnreachable', returnAt: null });
    expect(sessionOf(s.phase)).not.toBeNull();
  });

  it.each(['cardRemoved', 'exit', 'timeout', 'outOfService', 'error'] as const)(
    'ends (%s): attract at once, and every piece of person data is gone',
    (endReason) => {
      const s = kioskReducer(atHome(), { type: 'sessionChanged', session: null, endReason, now: 9_000 });
      expect(s.phase).toEqual({ name: 'attract', lastEndReason: endReason, awaiting: null });
      expectNoPersonData(s);
    },
  );

  it('ends on timeout from the loading phase as well', () => {
    const s = run(booted(), opened(), { type: 'sessionChanged', session: null, endReason: 'timeout', now: 5 });
    expect(s.phase).toEqual({ name: 'attract', lastEndReason: 'timeout', awaiting: null });
    expectNoPersonData(s);
  });

  it('a fresh view of the same person restarts the countdown without reloading', () => {
    const home = atHome();
    const s = kioskReducer(home, opened(50_000, sessionView({ expiresInMs: 120_000 })));
    expect(s.phase).toMatchObject({ name: 'home', summary, session: { seq: 1, receivedAt: 50_000 } });
  });

  it('a different person replaces the session entirely', () => {
    const s = kioskReducer(atHome(), opened(60_000, otherPerson));
    expect(s.phase).toMatchObject({ name: 'loading', session: { seq: 2 } });
    expectNoPersonData(s);
  });

  it('touch and resync results refresh or end the open session but never start one', () => {
    const home = atHome();
    const refreshed = kioskReducer(home, { type: 'sessionRefreshed', session: sessionView(), now: 70_000 });
    expect(refreshed.phase).toMatchObject({ name: 'home', session: { receivedAt: 70_000 } });
    const gone = kioskReducer(home, { type: 'sessionRefreshed', session: null, now: 70_000 });
    expect(gone.phase).toEqual({ name: 'attract', lastEndReason: null, awaiting: null });
    expectNoPersonData(gone);
    // A late touch reply after "退出" must not bring the session back.
    const left = kioskReducer(home, { type: 'backToStart' });
    expect(kioskReducer(left, { type: 'sessionRefreshed', session: sessionView(), now: 71_000 })).toBe(left);
  });

  it('"退出" goes to attract with reason exit and drops the person', () => {
    const s = kioskReducer(atHome(), { type: 'backToStart' });
    expect(s.phase).toEqual({ name: 'attract', lastEndReason: 'exit', awaiting: null });
    expectNoPersonData(s);
  });

  it('a null session while nothing is open changes nothing', () => {
    const s = run(booted());
    expect(kioskReducer(s, { type: 'sessionChanged', session: null, endReason: null, now: 1 })).toBe(s);
  });
});

describe('card problems', () => {
  it('shows the problem and returns to attract by itself', () => {
    const s = run(booted(), { type: 'cardProblem', code: 'personNotFound', now: 10_000 });
    expect(s.phase).toEqual({
      name: 'error',
      code: 'personNotFound',
      session: null,
      returnAt: 10_000 + CARD_PROBLEM_RETURN_MS,
    });
    expect(kioskReducer(s, { type: 'tick', now: 10_000 + CARD_PROBLEM_RETURN_MS - 1 })).toBe(s);
    expect(kioskReducer(s, { type: 'tick', now: 10_000 + CARD_PROBLEM_RETURN_MS }).phase.name).toBe('attract');
  });

  it('the back button returns at once', () => {
    const s = run(booted(), { type: 'cardProblem', code: 'cardReadFailed', now: 0 }, { type: 'backToStart' });
    expect(s.phase).toEqual({ name: 'attract', lastEndReason: null, awaiting: null });
  });

  it('is ignored while a session is open or the terminal is closed', () => {
    const home = atHome();
    expect(kioskReducer(home, { type: 'cardProblem', code: 'cardInvalid', now: 0 })).toBe(home);
    const closed = run({ type: 'booted', terminal: closedStatus, session: null, now: 0 });
    expect(kioskReducer(closed, { type: 'cardProblem', code: 'cardInvalid', now: 0 })).toBe(closed);
  });

  it('a card problem on screen stays when a resync reports no session', () => {
    const s = run(booted(), { type: 'cardProblem', code: 'personNotFound', now: 0 });
    expect(kioskReducer(s, { type: 'sessionChanged', session: null, endReason: null, now: 1 })).toBe(s);
  });

  it('a session opening replaces the card problem', () => {
    const s = run(booted(), { type: 'cardProblem', code: 'cardReadFailed', now: 0 }, opened(5));
    expect(s.phase.name).toBe('loading');
  });
});

describe('terminal status', () => {
  it('closing the terminal drops the session and shows out of service', () => {
    const s = kioskReducer(atHome(), { type: 'statusChanged', terminal: closedStatus });
    expect(s.phase).toEqual({ name: 'outOfService' });
    expectNoPersonData(s);
  });

  it('stays out of service whatever session events come, and reopens to attract', () => {
    const closed = kioskReducer(atHome(), { type: 'statusChanged', terminal: closedStatus });
    expect(kioskReducer(closed, opened())).toBe(closed);
    expect(kioskReducer(closed, { type: 'backToStart' })).toBe(closed);
    const open = kioskReducer(closed, { type: 'statusChanged', terminal: okStatus });
    expect(open.phase).toEqual({ name: 'attract', lastEndReason: null, awaiting: null });
  });

  it('device health changes keep the phase', () => {
    const home = atHome();
    const s = kioskReducer(home, { type: 'statusChanged', terminal: { ...okStatus, serverReachable: false } });
    expect(s.phase).toBe(home.phase);
    expect(s.terminal?.serverReachable).toBe(false);
  });
});

describe('visitor preferences', () => {
  it('language and sound change, and reset when the visit ends', () => {
    let s = kioskReducer(atHome(), { type: 'localeChanged', locale: 'en' });
    s = kioskReducer(s, { type: 'muteToggled' });
    expect(s.prefs).toEqual({ locale: 'en', muted: true });
    s = kioskReducer(s, { type: 'sessionChanged', session: null, endReason: 'timeout', now: 1 });
    expect(s.prefs).toEqual({ locale: 'zh-CN', muted: false });
  });

  it('a choice made on the attract screen is kept into the session', () => {
    const s = run(booted(), { type: 'localeChanged', locale: 'en' }, opened());
    expect(s.prefs.locale).toBe('en');
  });
});

describe('services', () => {
  const open = (service: string, needsSession: boolean): KioskAction => ({
    type: 'openService',
    service,
    needsSession,
  });

  it('opens a service without a card from the start screen, and goes back to the start', () => {
    const s = run(booted(), open('guides', false));
    expect(s.phase).toEqual({ name: 'service', service: 'guides', session: null, summary: null });
    expect(kioskReducer(s, { type: 'closeService' }).phase).toEqual({
      name: 'attract',
      lastEndReason: null,
      awaiting: null,
    });
  });

  it('asks for a card first when the service needs one, then opens it once the summary is in', () => {
    const waiting = run(booted(), open('statements', true));
    expect(waiting.phase).toEqual({ name: 'attract', lastEndReason: null, awaiting: 'statements' });
    const loaded = run(booted(), open('statements', true), opened(), { type: 'summaryLoaded', seq: 1, summary });
    expect(loaded.phase).toMatchObject({ name: 'service', service: 'statements', summary });
    expect(sessionOf(loaded.phase)?.seq).toBe(1);
  });

  it('forgets the chosen service when the person cancels, so the next card goes home', () => {
    const cancelled = run(booted(), open('statements', true), { type: 'closeService' });
    expect(cancelled.phase).toEqual({ name: 'attract', lastEndReason: null, awaiting: null });
    const next = kioskReducer(kioskReducer(cancelled, opened()), { type: 'summaryLoaded', seq: 1, summary });
    expect(next.phase.name).toBe('home');
  });

  it('opens from home with the session, returns home with the same summary', () => {
    const inService = kioskReducer(atHome(), open('inquiry', true));
    expect(inService.phase).toMatchObject({ name: 'service', service: 'inquiry', summary });
    const back = kioskReducer(inService, { type: 'closeService' });
    expect(back.phase).toMatchObject({ name: 'home', summary });
  });

  it('ends the service with the session when the card is taken, leaving no person data', () => {
    const inService = kioskReducer(atHome(), open('inquiry', true));
    const ended = kioskReducer(inService, { type: 'sessionChanged', session: null, endReason: 'cardRemoved', now: 9 });
    expect(ended.phase).toEqual({ name: 'attract', lastEndReason: 'cardRemoved', awaiting: null });
    expectNoPersonData(ended);
  });

  it('keeps the countdown fresh inside a service', () => {
    const inService = kioskReducer(atHome(), open('inquiry', true));
    const touched = kioskReducer(inService, { type: 'sessionRefreshed', session: sessionView(), now: 50_000 });
    expect(sessionOf(touched.phase)?.receivedAt).toBe(50_000);
  });

  it('a card inserted during a service used without a card starts that person’s session', () => {
    const s = run(booted(), open('guides', false), opened());
    expect(s.phase.name).toBe('loading');
  });

  it('closing the terminal ends any service', () => {
    const s = kioskReducer(kioskReducer(atHome(), open('inquiry', true)), {
      type: 'statusChanged',
      terminal: closedStatus,
    });
    expect(s.phase.name).toBe('outOfService');
    expectNoPersonData(s);
  });
});
