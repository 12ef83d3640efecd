// Quiet hours (免打扰) by the hall's clock, and the hall's setting for them (`SMS_QUIET_HOURS`).
import { describe, expect, it } from 'vitest';
import { defaultQuietHours, notBeforeQuietEnd, parseQuietHours } from '../../server/notices/quiet-hours';

const SHANGHAI = 'Asia/Shanghai';

describe('quiet hours', () => {
  it('hold an evening or early-morning notice until 08:00 hall time, and let a daytime one go at once', () => {
    // 21:30 in Shanghai → 08:00 the next morning.
    expect(notBeforeQuietEnd(new Date('2026-12-05T13:30:00Z'), SHANGHAI).toISOString()).toBe(
      '2026-12-06T00:00:00.000Z',
    );
    // 06:10 → 08:00 the same morning.
    expect(notBeforeQuietEnd(new Date('2026-12-05T22:10:00Z'), SHANGHAI).toISOString()).toBe(
      '2026-12-06T00:00:00.000Z',
    );
    // 10:00 → now.
    const day = new Date('2026-12-05T02:00:00Z');
    expect(notBeforeQuietEnd(day, SHANGHAI)).toEqual(day);
  });

  it('are read from SMS_QUIET_HOURS: unset is 21–8, "22-7" is 22:00 to 07:00, "off" sends at any hour', () => {
    expect(parseQuietHours(undefined)).toEqual(defaultQuietHours);
    expect(parseQuietHours('')).toEqual(defaultQuietHours);
    expect(parseQuietHours(' 22-7 ')).toEqual({ startHour: 22, endHour: 7 });
    const late = new Date('2026-12-05T14:30:00Z'); // 22:30
    expect(notBeforeQuietEnd(late, SHANGHAI, parseQuietHours('22-7')).toISOString()).toBe('2026-12-05T23:00:00.000Z');
    expect(parseQuietHours('off')).toBeNull();
    expect(notBeforeQuietEnd(late, SHANGHAI, parseQuietHours('OFF'))).toEqual(late);
  });

  it('refuse a setting they cannot read, with a sentence that shows the form', () => {
    for (const bad of ['21', '21:00-08:00', '8-21', '25-6', 'nightly', '21-8-1']) {
      expect(() => parseQuietHours(bad)).toThrow(/SMS_QUIET_HOURS must be "off" or "evening-morning".*"21-8"/);
    }
  });
});
