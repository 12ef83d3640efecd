/** Quiet hours (免打扰): notices wait until morning, by the hall's clock. */
import { addDays, atHallTime, hallDate } from '../../contracts/hall-time';

/** From `startHour` in the evening to `endHour` in the morning, hall time. */
export interface QuietHours {
  startHour: number;
  endHour: number;
}

export const defaultQuietHours: QuietHours = { startHour: 21, endHour: 8 };

/**
 * The hall's quiet hours from `SMS_QUIET_HOURS`: `21-8` (the default) is 21:00 to 08:00 hall time;
 * `off` sends at any hour. Anything else is refused with a sentence, so a typo never silently
 * texts people at night.
 */
export function parseQuietHours(value: string | undefined): QuietHours | null {
  if (value === undefined || value.trim() === '') return defaultQuietHours;
  const v = value.trim().toLowerCase();
  if (v === 'off' || v === 'none') return null;
  const m = /^(\d{1,2})\s*-\s*(\d{1,2})$/.exec(v);
  const startHour = Number(m?.[1]);
  const endHour = Number(m?.[2]);
  if (!m || startHour > 23 || endHour > 23 || startHour <= endHour) {
    throw new Error(`SMS_QUIET_HOURS must be "off" or "evening-morning" in whole hours, e.g. "21-8" (got "${value}")`);
  }
  return { startHour, endHour };
}

/** When a notice may go: `now` itself outside quiet hours (or with none), else the end of this night's quiet hours. */
export function notBeforeQuietEnd(now: Date, timeZone: string, quiet: QuietHours | null = defaultQuietHours): Date {
  if (!quiet) return now;
  const today = hallDate(timeZone, now);
  const morning = atHallTime(today, quiet.endHour, 0, timeZone);
  const evening = atHallTime(today, quiet.startHour, 0, timeZone);
  if (now < morning) return morning;
  if (now >= evening) return atHallTime(addDays(today, 1), quiet.endHour, 0, timeZone);
  return now;
}
