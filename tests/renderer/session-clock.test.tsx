import { describe, expect, it, vi } from 'vitest';
import { createThrottle, remainingMs, remainingSeconds } from '../../renderer/src/state/session-clock';
import { sessionView } from './fixtures';

describe('session countdown', () => {
  const session = { seq: 1, view: sessionView({ expiresInMs: 30_000 }), receivedAt: 1_000 };

  it('counts down from the latest view on the local clock', () => {
    expect(remainingMs(session, 1_000)).toBe(30_000);
    expect(remainingMs(session, 16_000)).toBe(15_000);
    expect(remainingSeconds(session, 16_001)).toBe(15);
    expect(remainingSeconds(session, 30_999)).toBe(1);
  });

  it('never goes below zero, nor above the view when the clock steps back', () => {
    expect(remainingMs(session, 99_000)).toBe(0);
    expect(remainingMs(session, 0)).toBe(30_000);
  });
});

describe('touch throttle', () => {
  it('touches at most once per 5 s; a forced touch only waits a second', () => {
    const touch = vi.fn();
    const throttled = createThrottle(touch);
    expect(throttled(0)).toBe(true);
    expect(throttled(4_999)).toBe(false);
    expect(throttled(5_000)).toBe(true);
    expect(throttled(5_500, true)).toBe(false);
    expect(throttled(6_000, true)).toBe(true);
    expect(touch).toHaveBeenCalledTimes(3);
  });
});
