import { describe, expect, it } from 'vitest';
import { emblemTap } from '../../renderer/src/maintenance/gesture';
import {
  initialMaintenanceStep,
  maintenanceReducer,
  type MaintenanceAction,
} from '../../renderer/src/maintenance/machine';
import { initialKioskState, kioskReducer, type KioskAction, type KioskState } from '../../renderer/src/state/machine';
import { closedStatus, okStatus, sessionView } from './fixtures';

function taps(times: number[]): boolean[] {
  let state: number[] = [];
  return times.map((t) => {
    const r = emblemTap(state, t);
    state = r.taps;
    return r.open;
  });
}

describe('the hidden gesture', () => {
  it('opens on the fifth tap within three seconds', () => {
    expect(taps([0, 400, 800, 1200, 1600])).toEqual([false, false, false, false, true]);
  });

  it('does not open for slow taps, and starts over after opening', () => {
    expect(taps([0, 1000, 2000, 3000, 4000])).toEqual([false, false, false, false, false]);
    expect(taps([0, 1, 2, 3, 4, 5, 6, 7, 8])).toEqual([false, false, false, false, true, false, false, false, false]);
  });
});

describe('staff sign-in steps', () => {
  const run = (...actions: MaintenanceAction[]) => actions.reduce(maintenanceReducer, initialMaintenanceStep);
  const typed = (text: string): MaintenanceAction[] => [...text].map((key) => ({ type: 'key', key }));

  it('takes the staff id, then a PIN of digits, then checks it', () => {
    const s = run(...typed('S001'), { type: 'next' }, ...typed('2468'), ...typed('x'), { type: 'next' });
    expect(s).toEqual({ name: 'checking', staffId: 'S001', pin: '2468' });
  });

  it('a PIN shorter than four digits is not sent', () => {
    expect(run(...typed('S001'), { type: 'next' }, ...typed('24'), { type: 'next' })).toMatchObject({ name: 'pin' });
  });

  it('a wrong PIN or a lock-out goes back to the staff id with the reason, and the PIN is forgotten', () => {
    const checking = run(...typed('S001'), { type: 'next' }, ...typed('0000'), { type: 'next' });
    const wrong = maintenanceReducer(checking, { type: 'signInFailed', code: 'unauthorized' });
    expect(wrong).toEqual({ name: 'staffId', staffId: 'S001', problem: 'unauthorized' });
    expect(JSON.stringify(wrong)).not.toContain('0000');
    expect(maintenanceReducer(checking, { type: 'signInFailed', code: 'rateLimited' })).toMatchObject({
      problem: 'rateLimited',
    });
  });

  it('signed in shows the panel; a lapsed sign-in starts over', () => {
    const checking = run(...typed('S001'), { type: 'next' }, ...typed('246801'), { type: 'next' });
    const panel = maintenanceReducer(checking, { type: 'signedIn', staff: { staffId: 'S001', name: '周敏' } });
    expect(panel).toEqual({ name: 'panel', staff: { staffId: 'S001', name: '周敏' } });
    expect(maintenanceReducer(panel, { type: 'signedOut' })).toEqual(initialMaintenanceStep);
  });
});

describe('maintenance in the shell', () => {
  const run = (...actions: KioskAction[]): KioskState => actions.reduce(kioskReducer, initialKioskState);
  const booted: KioskAction = { type: 'booted', terminal: okStatus, session: null, now: 1_000 };

  it('opens from the start screen and from the closed sign, and stays while the terminal closes', () => {
    const s = run(booted, { type: 'maintenanceRequested' });
    expect(s.phase).toEqual({ name: 'maintenance' });
    const closed = kioskReducer(s, { type: 'statusChanged', terminal: closedStatus });
    expect(closed.phase).toEqual({ name: 'maintenance' });
    expect(kioskReducer(closed, { type: 'maintenanceClosed' }).phase).toEqual({ name: 'outOfService' });
    const fromClosed = run({ ...booted, terminal: closedStatus }, { type: 'maintenanceRequested' });
    expect(fromClosed.phase).toEqual({ name: 'maintenance' });
  });

  it('leaving goes back to the start screen when the terminal serves', () => {
    const s = run(booted, { type: 'maintenanceRequested' }, { type: 'maintenanceClosed' });
    expect(s.phase).toEqual({ name: 'attract', lastEndReason: null, awaiting: null });
  });

  it('never opens over a citizen session, and a card read during maintenance does not take the screen', () => {
    const withSession = run(booted, { type: 'sessionChanged', session: sessionView(), endReason: null, now: 2_000 });
    expect(kioskReducer(withSession, { type: 'maintenanceRequested' }).phase.name).toBe('loading');
    const m = run(booted, { type: 'maintenanceRequested' });
    expect(
      kioskReducer(m, { type: 'sessionChanged', session: sessionView(), endReason: null, now: 3_000 }).phase,
    ).toEqual({ name: 'maintenance' });
    expect(kioskReducer(m, { type: 'cardProblem', code: 'cardInvalid', now: 3_000 }).phase).toEqual({
      name: 'maintenance',
    });
  });
});
