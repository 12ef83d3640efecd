import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonthsToDate,
  atHallTime,
  daysBetween,
  hallDate,
  hallDateTime,
  hallMonth,
  periodOf,
  periodStart,
} from '../../contracts/hall-time';

// 2026-03-31 16:30 UTC: 00:30 on April 1st in Beijing, still 22:30 on March 31st in Urumqi (UTC+6).
const NEAR_MIDNIGHT = new Date('2026-03-31T16:30:00Z');

describe('hall time', () => {
  it('gives a hall in Urumqi and a hall in Shanghai their own date for the same instant', () => {
    expect(hallDate('Asia/Shanghai', NEAR_MIDNIGHT)).toBe('2026-04-01');
    expect(hallDate('Asia/Urumqi', NEAR_MIDNIGHT)).toBe('2026-03-31');
    expect(hallMonth('Asia/Shanghai', NEAR_MIDNIGHT)).toEqual({ year: 2026, month: 4 });
    expect(hallMonth('Asia/Urumqi', NEAR_MIDNIGHT)).toEqual({ year: 2026, month: 3 });
  });

  it('prints the instant as each hall clock shows it', () => {
    expect(hallDateTime('Asia/Shanghai', NEAR_MIDNIGHT.toISOString())).toBe('2026年04月01日 00:30');
    expect(hallDateTime('Asia/Urumqi', NEAR_MIDNIGHT)).toBe('2026年03月31日 22:30');
  });

  it('finds the instant a hall clock reads a given time, in both DST-free zones', () => {
    expect(atHallTime('2026-04-01', 0, 0, 'Asia/Shanghai').toISOString()).toBe('2026-03-31T16:00:00.000Z');
    expect(atHallTime('2026-04-01', 0, 0, 'Asia/Urumqi').toISOString()).toBe('2026-03-31T18:00:00.000Z');
    expect(atHallTime('2024-03-01', 9, 30, 'Asia/Shanghai').toISOString()).toBe('2024-03-01T01:30:00.000Z');
    // Each is the hall's own midnight: the date there is the one asked for, a minute earlier the day before.
    for (const zone of ['Asia/Shanghai', 'Asia/Urumqi']) {
      const midnight = atHallTime('2026-04-01', 0, 0, zone);
      expect(hallDate(zone, midnight)).toBe('2026-04-01');
      expect(hallDate(zone, midnight.getTime() - 60_000)).toBe('2026-03-31');
    }
  });

  it('does calendar arithmetic on dates without a local zone', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addMonthsToDate('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonthsToDate('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonthsToDate('2025-11-15', 12)).toBe('2026-11-15');
    expect(daysBetween('2025-12-30', '2026-01-02')).toBe(3);
    expect(periodOf('2026-04-01')).toBe('202604');
    expect(periodStart('202604')).toBe('2026-04-01');
  });
});
