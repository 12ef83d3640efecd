// The host's watch over the page (fake clock): a page that stops beating is reloaded, then the
// browser relaunched; a host that was itself held up (its own timer late) does not blame the page.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RendererRecovery, type RecoveryRequest } from '../../host/recovery/renderer-recovery';

let recovery: RendererRecovery;
let requests: RecoveryRequest[];
let faults: string[];

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-12-06T02:00:00Z') }); // 10:00 in the hall, not the quiet hour
  requests = [];
  faults = [];
  recovery = new RendererRecovery({
    staleMs: 10_000,
    idle: () => false, // a person's session is open
    quietHour: 3,
    onFault: (code) => faults.push(code),
    checkMs: 1_000,
  });
  recovery.onRequest((r) => requests.push(r));
  recovery.start();
});
afterEach(() => {
  recovery.stop();
  vi.useRealTimers();
});

/** The page beats every 2 s for `ms`. */
function beating(ms: number): void {
  for (let t = 0; t < ms; t += 2_000) {
    recovery.beat();
    vi.advanceTimersByTime(2_000);
  }
}

describe('the renderer watchdog', () => {
  it('reloads a page silent for longer than the limit, session or not, then relaunches', () => {
    beating(10_000); // the last beat 2 s ago
    vi.advanceTimersByTime(7_000);
    expect(requests).toEqual([]);
    vi.advanceTimersByTime(2_000);
    expect(requests).toEqual([{ action: 'reload', reason: 'rendererHung' }]);
    vi.advanceTimersByTime(11_000);
    expect(requests.map((r) => r.action)).toEqual(['reload', 'relaunch']);
    expect(faults).toEqual(['renderer:hung', 'renderer:hung']);
  });

  it('does not count against the page a time the host itself was held up', () => {
    beating(10_000);
    // The host's event loop is blocked for 30 s: the clock moves on, no timer runs, the page's
    // beats of that time wait in the host's queue.
    vi.setSystemTime(Date.now() + 30_000);
    vi.advanceTimersByTime(1_000);
    expect(requests).toEqual([]);
    beating(10_000); // the queued beats arrive, the page beats on
    expect(requests).toEqual([]);
    // Once the host runs on time again, a silent page is still found.
    vi.advanceTimersByTime(12_000);
    expect(requests).toEqual([{ action: 'reload', reason: 'rendererHung' }]);
  });

  it('still finds a page that went silent before the host was held up', () => {
    beating(4_000);
    vi.advanceTimersByTime(6_000); // 6 s silent, host on time
    vi.setSystemTime(Date.now() + 30_000); // then the host is held up for 30 s
    vi.advanceTimersByTime(1_000);
    expect(requests).toEqual([]); // the 30 s are not the page's
    vi.advanceTimersByTime(5_000); // but 6 + 1 + 5 s of its own silence are
    expect(requests).toEqual([{ action: 'reload', reason: 'rendererHung' }]);
  });
});
