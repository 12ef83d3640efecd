// The kiosk's remembered answers (tickets, check-ins, payment taps, staff commands): the latest
// few only, so a kiosk that runs for months does not keep one entry per tap for ever.
import { describe, expect, it } from 'vitest';
import { remember } from '../../host/bounded-map';

describe('remember', () => {
  it('keeps the latest entries up to the bound, dropping the oldest', () => {
    const map = new Map<string, number>();
    for (let i = 1; i <= 10_000; i++) remember(map, `tap-${i}`, i, 50);
    expect(map.size).toBe(50);
    expect([...map.keys()][0]).toBe('tap-9951');
    expect(map.get('tap-10000')).toBe(10_000);
    expect(map.has('tap-9950')).toBe(false);
  });

  it('makes a key set again the newest, so a retried tap is the last to go', () => {
    const map = new Map<string, string>();
    remember(map, 'a', 'first', 2);
    remember(map, 'b', 'b', 2);
    remember(map, 'a', 'again', 2);
    remember(map, 'c', 'c', 2);
    expect([...map.entries()]).toEqual([
      ['a', 'again'],
      ['c', 'c'],
    ]);
  });
});
