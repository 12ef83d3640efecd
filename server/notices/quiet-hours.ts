/** Quiet hours (免打扰): notices wait until morning, by the hall's clock. */
import { addDays, atHallTime, hallDate } from '../../contracts/hall-time';

/** From `startHour` in the evening to `endHour` in the morning, hall time. */
export interface QuietHours {
  startHour: number;
  endHour: number;
}

export const defaultQuietHours: QuietHours = { startHour: 21, endHour: 8 };

/** When a notice may go: `now` itself outside quiet hours, else the end of this night's quiet hours. */
export function notBeforeQuietEnd(now: Date, timeZone: string, quiet: QuietHours = defaultQuietHours): Date {
  const today = hallDate(timeZone, now);
  const morning = atHallTime(today, quiet.endHour, 0, timeZone);
  const evening = atHallTime(today, quiet.startHour, 0, timeZone);
  if (now < morning) return morning;
  if (now >= evening) return atHallTime(addDays(today, 1), quiet.endHour, 0, timeZone);
  return now;
}
