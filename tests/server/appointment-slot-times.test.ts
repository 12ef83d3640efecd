// Slot arithmetic in the hall's zone: which weekdays open, where slots start and end, and where
// an instant falls against a slot's check-in window (30 minutes before to 15 after its start).
import { describe, expect, it } from 'vitest';
import { checkInTiming, clockLabel, isoWeekday, slotStarts } from '../../server/appointments/slot-times';

const rule = { weekdays: '12345', opensAt: '09:00', closesAt: '10:40', slotMinutes: 30 };
const ZONE = 'Asia/Shanghai';

describe('slot times', () => {
  it('gives the starts of whole slots before closing, in the hall zone, on open weekdays only', () => {
    expect(isoWeekday('2026-05-04')).toBe(1);
    expect(isoWeekday('2026-05-10')).toBe(7);
    const starts = slotStarts(rule, '2026-05-04', ZONE);
    expect(starts.map((d) => d.toISOString())).toEqual([
      '2026-05-04T01:00:00.000Z',
      '2026-05-04T01:30:00.000Z',
      '2026-05-04T02:00:00.000Z',
    ]);
    expect(starts.map((d) => clockLabel(d, ZONE))).toEqual(['09:00', '09:30', '10:00']);
    expect(slotStarts(rule, '2026-05-09', ZONE)).toEqual([]);
  });

  it('tells early, open and late against the check-in window', () => {
    const start = new Date('2026-05-04T01:00:00Z');
    expect(checkInTiming(start, new Date('2026-05-04T00:29:59Z'))).toBe('early');
    expect(checkInTiming(start, new Date('2026-05-04T00:30:00Z'))).toBe('open');
    expect(checkInTiming(start, new Date('2026-05-04T01:15:00Z'))).toBe('open');
    expect(checkInTiming(start, new Date('2026-05-04T01:15:01Z'))).toBe('late');
  });
});
